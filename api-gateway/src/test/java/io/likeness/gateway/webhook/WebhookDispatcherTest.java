package io.likeness.gateway.webhook;

import static io.likeness.gateway.webhook.TestReceiver.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.standardwebhooks.Webhook;
import io.likeness.contracts.events.JobEvent;
import io.likeness.contracts.job.JobSnapshot;
import io.likeness.contracts.job.JobSpec;
import io.likeness.contracts.job.JobState;
import io.likeness.contracts.job.WebhookSpec.WebhookEventType;
import io.likeness.gateway.webhook.TestReceiver.Received;
import io.likeness.gateway.webhook.TestReceiver.Reply;
import io.likeness.gateway.webhook.WebhookDispatcher.Outcome;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The dispatcher end to end against a real HTTP receiver on 127.0.0.1, with the retry schedule compressed to
 * milliseconds. Assertions are on order, counts, statuses and the recorded (computed) times, never on how long
 * anything took.
 */
class WebhookDispatcherTest {

    /** What the recorder saw. */
    record Recorded(String jobId, JobState state, JobEvent.WebhookAttempt attempt, Instant at) {
    }

    private static final Duration MS = Duration.ofMillis(1);
    private static final Set<WebhookEventType> ALL = EnumSet.allOf(WebhookEventType.class);

    private final String secret = WebhookSigner.generateSecret();
    private final List<Recorded> recorded = new CopyOnWriteArrayList<>();
    private final List<WebhookDispatcher> dispatchers = new ArrayList<>();
    private TestReceiver receiver;

    @BeforeEach
    void receiver() throws Exception {
        receiver = new TestReceiver();
    }

    @AfterEach
    void close() {
        dispatchers.forEach(WebhookDispatcher::close);
        receiver.close();
    }

    private WebhookDispatcher dispatcher(List<Duration> delays, DeliveryStore store, Clock clock, boolean allowPrivate,
                                         List<String> secrets) {
        RetrySchedule schedule = new RetrySchedule(delays, RetrySchedule.Jitter.NONE, 0, Duration.ofSeconds(5),
                new Random(1));
        WebhookSender sender = new WebhookSender(new WebhookSigner(secrets), new EgressGuard(allowPrivate),
                Duration.ofSeconds(5), Optional.empty(), clock);
        WebhookDispatcher d = new WebhookDispatcher(sender, new DeliveryClassifier(), schedule, store,
                (jobId, state, attempt, at) -> recorded.add(new Recorded(jobId, state, attempt, at)),
                new WebhookDispatcher.Settings(4, Duration.ofMillis(10), Duration.ofMillis(500), Duration.ofSeconds(30)), clock);
        dispatchers.add(d);
        return d;
    }

    private WebhookDispatcher dispatcher(List<Duration> delays, DeliveryStore store) {
        return dispatcher(delays, store, Clock.systemUTC(), true, List.of(secret));
    }

    private static Outcome get(java.util.concurrent.CompletableFuture<Outcome> f) throws Exception {
        return f.get(20, TimeUnit.SECONDS);
    }

    /** Folds the job along {@code path} (or the usual path to SUCCEEDED) and hands the last state event over. */
    private static java.util.concurrent.CompletableFuture<Outcome> reach(WebhookDispatcher d, JobSpec spec,
                                                                         JobState... path) {
        JobState[] full = path.length == 1 && path[0] == JobState.SUCCEEDED ? TestJobs.TO_SUCCEEDED : path;
        JobSnapshot job = TestJobs.job(spec, full);
        JobState last = full[full.length - 1];
        assertThat(job.state()).as("test fixture reaches its state").isEqualTo(last);
        JobEvent event = TestJobs.stateEvent(spec.jobId(), last, job.enteredAt().get(last));
        return d.onJobEvent(event, job, TestJobs.json(job));
    }

    private void assertVerifiesWithOfficialLibrary(Received r, String withSecret) throws Exception {
        new Webhook(withSecret).verify(r.bodyText(), r.headers());
    }

    @Test
    void receiverVerifiesTheSignedDeliveryWithTheOfficialLibrary() throws Exception {
        InMemoryDeliveryStore store = new InMemoryDeliveryStore();
        WebhookDispatcher d = dispatcher(List.of(Duration.ZERO, MS.multipliedBy(20)), store).start();
        JobSpec spec = TestJobs.spec("job-sig", receiver.url("/hook"), ALL);

        assertThat(get(reach(d, spec, JobState.MASKING, JobState.MASKED, JobState.EDITING, JobState.SUCCEEDED)))
                .isEqualTo(Outcome.DELIVERED);

        assertThat(receiver.received()).hasSize(1);
        Received r = receiver.received().get(0);
        assertVerifiesWithOfficialLibrary(r, secret);
        assertThat(r.header("content-type")).isEqualTo("application/json");
        assertThat(r.header("user-agent")).isEqualTo("Likeness-Webhooks/1");
        assertThat(r.header("webhook-id"))
                .isEqualTo(WebhookMessage.idFor("job-sig", WebhookEventType.SUCCEEDED, java.util.OptionalInt.empty()));
        assertThat(r.bodyText()).startsWith("{\"type\":\"edit.succeeded\",\"timestamp\":\"")
                .contains("\"data\":{\"id\":\"job-sig\",\"status\":\"succeeded\"}");
        assertThat(recorded).singleElement().satisfies(x -> {
            assertThat(x.jobId()).isEqualTo("job-sig");
            assertThat(x.state()).isEqualTo(JobState.SUCCEEDED);
            assertThat(x.attempt().attempt()).isEqualTo(1);
            assertThat(x.attempt().status()).isEqualTo(200);
            assertThat(x.attempt().outcome()).isEqualTo("delivered");
            assertThat(x.attempt().eventType()).isEqualTo("edit.succeeded");
            assertThat(x.attempt().nextAttemptAt()).isEmpty();
        });
        assertThat(store.size()).isZero();
    }

    @Test
    void receiverThatFailsTwiceGetsTheEventOnTheThirdAttempt() throws Exception {
        receiver.then(new Reply(500, java.util.Map.of(), "x".repeat(10_000)), Reply.of(503)).otherwise(Reply.of(204));
        InMemoryDeliveryStore store = new InMemoryDeliveryStore();
        WebhookDispatcher d = dispatcher(List.of(Duration.ZERO, MS.multipliedBy(20), MS.multipliedBy(20),
                MS.multipliedBy(20)), store).start();
        JobSpec spec = TestJobs.spec("job-3x", receiver.url("/hook"), ALL);

        assertThat(get(reach(d, spec, JobState.FAILED))).isEqualTo(Outcome.RETRY_SCHEDULED);
        await("third attempt recorded", () -> recorded.size() >= 3);
        await("delivery finished in the store", () -> store.size() == 0);

        assertThat(recorded).extracting(x -> x.attempt().attempt()).containsExactly(1, 2, 3);
        assertThat(recorded).extracting(x -> x.attempt().status()).containsExactly(500, 503, 204);
        assertThat(recorded).extracting(x -> x.attempt().outcome()).containsExactly("retrying", "retrying", "delivered");
        assertThat(recorded).extracting(x -> x.attempt().eventType()).containsOnly("edit.failed");
        assertThat(recorded.get(0).attempt().detail()).hasSizeLessThanOrEqualTo(WebhookSender.MAX_EXCERPT_BYTES);
        for (int i = 0; i < 2; i++) {
            Instant next = recorded.get(i).attempt().nextAttemptAt().orElseThrow();
            assertThat(next).isAfterOrEqualTo(recorded.get(i).at());
            assertThat(recorded.get(i + 1).at()).isAfterOrEqualTo(next);
        }
        List<Received> got = receiver.received();
        assertThat(got).hasSize(3);
        assertThat(got).extracting(x -> x.header("webhook-id")).containsOnly(recorded.get(0).attempt().messageId());
        for (Received r : got) {
            assertVerifiesWithOfficialLibrary(r, secret);
        }
    }

    @Test
    void goneStopsRetries() throws Exception {
        receiver.then(Reply.of(410)).otherwise(Reply.of(200));
        InMemoryDeliveryStore store = new InMemoryDeliveryStore();
        WebhookDispatcher d = dispatcher(List.of(Duration.ZERO, MS, MS, MS), store);

        assertThat(get(reach(d, TestJobs.spec("job-gone", receiver.url("/hook"), ALL), JobState.CANCELED)))
                .isEqualTo(Outcome.GAVE_UP);
        for (int i = 0; i < 5; i++) {
            d.poll();
        }
        d.close();

        assertThat(receiver.received()).hasSize(1);
        assertThat(store.size()).isZero();
        assertThat(recorded).singleElement().satisfies(x -> {
            assertThat(x.attempt().status()).isEqualTo(410);
            assertThat(x.attempt().outcome()).isEqualTo("gave-up");
            assertThat(x.attempt().nextAttemptAt()).isEmpty();
        });
    }

    @ParameterizedTest(name = "HTTP {0}")
    @ValueSource(ints = {301, 302, 307})
    void redirectIsAFailureAndIsNotFollowed(int status) throws Exception {
        receiver.then(new Reply(status, java.util.Map.of("Location", receiver.url("/elsewhere").toString()), ""));
        InMemoryDeliveryStore store = new InMemoryDeliveryStore();
        WebhookDispatcher d = dispatcher(List.of(Duration.ZERO, Duration.ofHours(1)), store);

        assertThat(get(reach(d, TestJobs.spec("job-redirect", receiver.url("/hook"), ALL), JobState.MASKING)))
                .isEqualTo(Outcome.RETRY_SCHEDULED);

        assertThat(receiver.receivedAt("/elsewhere")).isEmpty();
        assertThat(receiver.received()).hasSize(1);
        assertThat(recorded).singleElement().satisfies(x -> {
            assertThat(x.attempt().status()).isEqualTo(status);
            assertThat(x.attempt().outcome()).isEqualTo("retrying");
            assertThat(x.attempt().eventType()).isEqualTo("edit.started");
        });
        assertThat(store.due(Instant.now().plus(Duration.ofHours(2)), 10)).singleElement()
                .satisfies(p -> assertThat(p.attemptsMade()).isEqualTo(1));
    }

    @Test
    void retryAfterDelaysTheNextAttempt() throws Exception {
        receiver.then(Reply.of(429, "Retry-After", "1")).otherwise(Reply.of(200));
        InMemoryDeliveryStore store = new InMemoryDeliveryStore();
        WebhookDispatcher d = dispatcher(List.of(Duration.ZERO, MS.multipliedBy(10)), store).start();

        assertThat(get(reach(d, TestJobs.spec("job-429", receiver.url("/hook"), ALL), JobState.SUCCEEDED)))
                .isEqualTo(Outcome.RETRY_SCHEDULED);
        Recorded first = recorded.get(0);
        Instant next = first.attempt().nextAttemptAt().orElseThrow();
        // the schedule says 10 ms; the receiver's Retry-After of 1 s wins
        assertThat(Duration.between(first.at(), next)).isGreaterThanOrEqualTo(Duration.ofSeconds(1));

        await("second attempt", () -> recorded.size() >= 2);
        assertThat(recorded.get(1).attempt().outcome()).isEqualTo("delivered");
        assertThat(recorded.get(1).at()).isAfterOrEqualTo(next);
    }

    @Test
    void secretRotationReceiversWithOnlyTheOldOrOnlyTheNewSecretBothVerify() throws Exception {
        String oldSecret = WebhookSigner.generateSecret();
        String newSecret = WebhookSigner.generateSecret();
        WebhookDispatcher d = dispatcher(List.of(Duration.ZERO), new InMemoryDeliveryStore(), Clock.systemUTC(), true,
                List.of(newSecret, oldSecret));

        assertThat(get(reach(d, TestJobs.spec("job-rot", receiver.url("/hook"), ALL), JobState.SUCCEEDED)))
                .isEqualTo(Outcome.DELIVERED);

        Received r = receiver.received().get(0);
        assertThat(r.header("webhook-signature").split(" ")).hasSize(2);
        assertVerifiesWithOfficialLibrary(r, oldSecret);
        assertVerifiesWithOfficialLibrary(r, newSecret);
    }

    @Test
    void progressIsThrottledPerJobAndTerminalEventsAreNot() throws Exception {
        MutableClock clock = new MutableClock(Instant.now());
        WebhookDispatcher d = dispatcher(List.of(Duration.ZERO, MS), new InMemoryDeliveryStore(), clock, true,
                List.of(secret));
        JobSpec spec = TestJobs.spec("job-prog", receiver.url("/hook"), ALL);
        JobSpec other = TestJobs.spec("job-other", receiver.url("/other"), ALL);
        JobSnapshot job = TestJobs.job(spec, JobState.MASKING, JobState.MASKED, JobState.EDITING);
        JobSnapshot otherJob = TestJobs.job(other, JobState.MASKING, JobState.MASKED, JobState.EDITING);

        List<Outcome> outcomes = new ArrayList<>();
        outcomes.add(get(progress(d, job, 1, clock)));           // sent
        clock.advance(Duration.ofMillis(100));
        outcomes.add(get(progress(d, job, 2, clock)));           // throttled
        outcomes.add(get(progress(d, otherJob, 1, clock)));      // another job: its own budget
        clock.advance(Duration.ofMillis(400));
        outcomes.add(get(progress(d, job, 3, clock)));           // 500 ms after step 1: sent
        clock.advance(Duration.ofMillis(10));
        outcomes.add(get(progress(d, job, 4, clock)));           // throttled
        JobSnapshot done = job.apply(TestJobs.stateEvent("job-prog", JobState.SUCCEEDED, clock.instant()));
        outcomes.add(get(d.onJobEvent(TestJobs.stateEvent("job-prog", JobState.SUCCEEDED, clock.instant()), done,
                TestJobs.json(done))));                          // terminal: never throttled
        clock.advance(Duration.ofSeconds(1));
        outcomes.add(get(progress(d, done, 5, clock)));          // after the end: not sent

        assertThat(outcomes).containsExactly(Outcome.DELIVERED, Outcome.THROTTLED, Outcome.DELIVERED,
                Outcome.DELIVERED, Outcome.THROTTLED, Outcome.DELIVERED, Outcome.NOT_WANTED);
        assertThat(receiver.receivedAt("/hook")).extracting(r -> typeAndStep(r.bodyText()))
                .containsExactly("edit.progress", "edit.progress", "edit.succeeded");
        assertThat(receiver.receivedAt("/hook")).extracting(r -> r.header("webhook-id")).containsExactly(
                WebhookMessage.idFor("job-prog", WebhookEventType.PROGRESS, java.util.OptionalInt.of(1)),
                WebhookMessage.idFor("job-prog", WebhookEventType.PROGRESS, java.util.OptionalInt.of(3)),
                WebhookMessage.idFor("job-prog", WebhookEventType.SUCCEEDED, java.util.OptionalInt.empty()));
        assertThat(receiver.receivedAt("/other")).hasSize(1);
    }

    @Test
    void failedProgressIsNotRetriedNorStored() throws Exception {
        receiver.otherwise(Reply.of(500));
        InMemoryDeliveryStore store = new InMemoryDeliveryStore();
        MutableClock clock = new MutableClock(Instant.now());
        WebhookDispatcher d = dispatcher(List.of(Duration.ZERO, MS), store, clock, true, List.of(secret));
        JobSnapshot job = TestJobs.job(TestJobs.spec("job-p500", receiver.url("/hook"), ALL), JobState.MASKING,
                JobState.MASKED, JobState.EDITING);

        assertThat(get(progress(d, job, 1, clock))).isEqualTo(Outcome.GAVE_UP);
        d.poll();
        d.close();

        assertThat(store.size()).isZero();
        assertThat(receiver.received()).hasSize(1);
        assertThat(recorded).singleElement().satisfies(x -> {
            assertThat(x.attempt().outcome()).isEqualTo("gave-up");
            assertThat(x.attempt().detail()).contains("not retried");
        });
    }

    @Test
    void progressIsNotSentUnlessTheJobOptedIn() throws Exception {
        MutableClock clock = new MutableClock(Instant.now());
        WebhookDispatcher d = dispatcher(List.of(Duration.ZERO), new InMemoryDeliveryStore(), clock, true,
                List.of(secret));
        JobSpec spec = TestJobs.spec("job-noprog", receiver.url("/hook"), Set.of()); // default filter
        JobSnapshot job = TestJobs.job(spec, JobState.MASKING, JobState.MASKED, JobState.EDITING);

        assertThat(get(progress(d, job, 1, clock))).isEqualTo(Outcome.NOT_WANTED);
        assertThat(get(reach(d, spec, JobState.MASKING, JobState.MASKED))).isEqualTo(Outcome.NOT_WANTED);
        assertThat(get(reach(d, spec, JobState.MASKING))).isEqualTo(Outcome.DELIVERED);
        assertThat(receiver.received()).extracting(r -> typeAndStep(r.bodyText())).containsExactly("edit.started");
    }

    @Test
    void restartedDispatcherResumesAPendingDeliveryFromTheStore() throws Exception {
        receiver.then(Reply.of(502)).otherwise(Reply.of(200));
        InMemoryDeliveryStore store = new InMemoryDeliveryStore();
        List<Duration> delays = List.of(Duration.ZERO, MS.multipliedBy(20), MS.multipliedBy(20));
        // the first instance makes the first attempt and goes away before the retry (it never polls)
        WebhookDispatcher first = dispatcher(delays, store);
        assertThat(get(reach(first, TestJobs.spec("job-restart", receiver.url("/hook"), ALL), JobState.SUCCEEDED)))
                .isEqualTo(Outcome.RETRY_SCHEDULED);
        first.close();
        assertThat(store.size()).isEqualTo(1);

        WebhookDispatcher second = dispatcher(delays, store).start();
        await("resumed delivery", () -> recorded.size() >= 2);
        await("delivery finished in the store", () -> store.size() == 0);

        assertThat(recorded).extracting(x -> x.attempt().attempt()).containsExactly(1, 2);
        assertThat(recorded).extracting(x -> x.attempt().outcome()).containsExactly("retrying", "delivered");
        assertThat(receiver.received()).extracting(r -> r.header("webhook-id")).hasSize(2).containsOnly(
                recorded.get(0).attempt().messageId());
        assertVerifiesWithOfficialLibrary(receiver.received().get(1), secret);
        assertThat(second.inFlight()).isZero();
    }

    @Test
    void aFirstAttemptCutShortByACrashIsMadeAfterItsLeaseButNotBefore() throws Exception {
        InMemoryDeliveryStore store = new InMemoryDeliveryStore();
        Instant now = Instant.now();
        // as saved before the first attempt by an instance that then died: one lease ran out, one still runs
        PendingDelivery expired = new PendingDelivery(WebhookMessage.of("job-crashed", WebhookEventType.SUCCEEDED,
                java.util.OptionalInt.empty(), now, "{}".getBytes()), receiver.url("/hook"), JobState.SUCCEEDED, 0,
                now.minusSeconds(1));
        PendingDelivery leased = new PendingDelivery(WebhookMessage.of("job-running", WebhookEventType.SUCCEEDED,
                java.util.OptionalInt.empty(), now, "{}".getBytes()), receiver.url("/hook"), JobState.SUCCEEDED, 0,
                now.plus(Duration.ofHours(1)));
        store.save(expired);
        store.save(leased);

        dispatcher(List.of(Duration.ZERO, MS), store).start();
        await("the expired one delivered", () -> store.find(expired.messageId()).isEmpty());

        assertThat(receiver.received()).extracting(r -> r.header("webhook-id")).containsExactly(expired.messageId());
        assertThat(recorded).singleElement().satisfies(x -> {
            assertThat(x.attempt().attempt()).isEqualTo(1);
            assertThat(x.attempt().outcome()).isEqualTo("delivered");
        });
        assertThat(store.find(leased.messageId())).contains(leased);
    }

    @Test
    void redeliveredJobEventsDoNotSendTheMessageAgain() throws Exception {
        receiver.then(Reply.of(500)).otherwise(Reply.of(200));
        InMemoryDeliveryStore store = new InMemoryDeliveryStore();
        WebhookDispatcher d = dispatcher(List.of(Duration.ZERO, Duration.ofHours(1)), store);
        JobSpec spec = TestJobs.spec("job-dup", receiver.url("/hook"), ALL);

        assertThat(get(reach(d, spec, JobState.SUCCEEDED))).isEqualTo(Outcome.RETRY_SCHEDULED);
        // same event again while the retry is pending
        assertThat(get(reach(d, spec, JobState.SUCCEEDED))).isEqualTo(Outcome.DUPLICATE);

        // once the job's delivery log shows the message finished, a redelivery is ignored as well
        JobSnapshot job = TestJobs.job(spec, TestJobs.TO_SUCCEEDED);
        String id = recorded.get(0).attempt().messageId();
        store.markDone(id);
        job = job.apply(JobEvent.webhook("job-dup", JobState.SUCCEEDED, new JobEvent.WebhookAttempt(id,
                "edit.succeeded", 2, 200, "delivered", "", Optional.empty(), 3), Instant.now()));
        assertThat(get(d.onJobEvent(TestJobs.stateEvent("job-dup", JobState.SUCCEEDED,
                job.enteredAt().get(JobState.SUCCEEDED)), job, TestJobs.json(job)))).isEqualTo(Outcome.DUPLICATE);
        assertThat(receiver.received()).hasSize(1);
    }

    @Test
    void loopbackReceiverIsRefusedUnlessPrivateNetworksAreAllowed() throws Exception {
        InMemoryDeliveryStore store = new InMemoryDeliveryStore();
        WebhookDispatcher d = dispatcher(List.of(Duration.ZERO, MS), store, Clock.systemUTC(), false,
                List.of(secret));

        assertThat(get(reach(d, TestJobs.spec("job-ssrf", receiver.url("/hook"), ALL), JobState.SUCCEEDED)))
                .isEqualTo(Outcome.GAVE_UP);

        assertThat(receiver.received()).isEmpty();
        assertThat(store.size()).isZero();
        assertThat(recorded).singleElement().satisfies(x -> {
            assertThat(x.attempt().status()).isZero();
            assertThat(x.attempt().detail()).startsWith("egress-denied").contains("loopback");
        });
    }

    private static java.util.concurrent.CompletableFuture<Outcome> progress(WebhookDispatcher d, JobSnapshot job,
                                                                            int step, Clock clock) {
        JobEvent e = JobEvent.progress(job.jobId(), step, 20, clock.instant(), "gpu-1");
        JobSnapshot after = job.state().isTerminal() ? job : job.apply(e);
        return d.onJobEvent(e, after, TestJobs.json(after));
    }

    private static String typeAndStep(String body) {
        int start = body.indexOf("\"type\":\"") + 8;
        return body.substring(start, body.indexOf('"', start));
    }
}
