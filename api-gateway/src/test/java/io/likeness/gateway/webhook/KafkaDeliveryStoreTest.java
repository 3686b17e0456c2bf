package io.likeness.gateway.webhook;

import static io.likeness.gateway.webhook.TestReceiver.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.likeness.contracts.job.JobState;
import io.likeness.contracts.job.WebhookSpec.WebhookEventType;
import io.likeness.gateway.webhook.TestReceiver.Reply;
import io.likeness.testkit.RealInfra;
import io.likeness.testkit.RealInfraExtension;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The Kafka delivery store against the real broker of the test harness (slow to start: not part of the quick
 * {@code Webhook*} run; it runs with the module's full test suite). Each test uses a fresh compacted topic and
 * consumer group.
 */
@ExtendWith(RealInfraExtension.class)
class KafkaDeliveryStoreTest {

    private static final Duration READY = Duration.ofSeconds(60);

    private static String freshTopic() throws Exception {
        String name = "test.webhook.deliveries." + UUID.randomUUID();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, RealInfra.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(name, 3, (short) 1).configs(Map.of("cleanup.policy", "compact"))))
                    .all().get(30, TimeUnit.SECONDS);
        }
        return name;
    }

    private static KafkaDeliveryStore store(String group, String topic) throws InterruptedException {
        KafkaDeliveryStore s = new KafkaDeliveryStore(RealInfra.bootstrapServers(), group, topic, Map.of());
        assertThat(s.awaitReady(READY)).as("store ready").isTrue();
        return s;
    }

    private static PendingDelivery delivery(String jobId, int attempts, Instant next) {
        WebhookMessage m = WebhookMessage.of(jobId, WebhookEventType.SUCCEEDED, OptionalInt.empty(),
                Instant.parse("2026-11-21T12:00:00Z"), ("{\"id\":\"" + jobId + "\"}").getBytes(StandardCharsets.UTF_8));
        return new PendingDelivery(m, URI.create("https://hooks.example/" + jobId), JobState.SUCCEEDED, attempts, next);
    }

    @Test
    void aNewInstanceRebuildsThePendingDeliveriesFromTheTopic() throws Exception {
        String topic = freshTopic();
        String group = "g-" + UUID.randomUUID();
        Instant now = Instant.now();
        PendingDelivery due = delivery("job-a", 1, now.minusSeconds(1));
        PendingDelivery later = delivery("job-b", 2, now.plus(Duration.ofHours(1)));
        PendingDelivery finished = delivery("job-c", 1, now.minusSeconds(5));

        try (KafkaDeliveryStore first = store(group, topic)) {
            first.save(delivery("job-a", 0, now.minusSeconds(10)));
            first.save(due); // replaces the attempt-0 record of the same message
            first.save(later);
            first.save(finished);
            first.markDone(finished.messageId());
            assertThat(first.due(now, 10)).extracting(PendingDelivery::messageId).containsExactly(due.messageId());
        }

        try (KafkaDeliveryStore second = store(group, topic)) {
            assertThat(second.due(now, 10)).containsExactly(due);
            assertThat(second.find(later.messageId())).contains(later);
            assertThat(second.find(finished.messageId())).isEmpty();
            assertThat(second.size()).isEqualTo(2);
        }
    }

    @Test
    void twoInstancesSplitThePartitionsSoEachDeliveryIsDueOnExactlyOne() throws Exception {
        String topic = freshTopic();
        String group = "g-" + UUID.randomUUID();
        Instant now = Instant.now();
        try (KafkaDeliveryStore a = store(group, topic); KafkaDeliveryStore b = store(group, topic)) {
            for (int i = 0; i < 30; i++) {
                a.save(delivery("job-" + i, 1, now.minusSeconds(1)));
            }
            await("both instances settled on disjoint shares of all 30",
                    () -> a.isReady() && b.isReady() && a.due(now, 100).size() + b.due(now, 100).size() == 30
                            && disjoint(a.due(now, 100), b.due(now, 100)));
            assertThat(a.due(now, 100)).isNotEmpty();
            assertThat(b.due(now, 100)).isNotEmpty();
        }
    }

    @Test
    void aRestartedDispatcherResumesAPendingDeliveryFromKafka() throws Exception {
        String topic = freshTopic();
        String group = "g-" + UUID.randomUUID();
        String secret = WebhookSigner.generateSecret();
        List<Integer> statuses = new CopyOnWriteArrayList<>();
        AttemptRecorder recorder = (jobId, state, attempt, at) -> statuses.add(attempt.status());
        RetrySchedule schedule = new RetrySchedule(List.of(Duration.ZERO, Duration.ofMillis(20)),
                RetrySchedule.Jitter.NONE, 0, Duration.ofSeconds(5), new Random(1));
        try (TestReceiver receiver = new TestReceiver()) {
            receiver.then(Reply.of(503)).otherwise(Reply.of(200));
            var spec = TestJobs.spec("job-kafka", receiver.url("/hook"), Set.of());
            var job = TestJobs.job(spec, TestJobs.TO_SUCCEEDED);
            var event = TestJobs.stateEvent("job-kafka", JobState.SUCCEEDED, job.enteredAt().get(JobState.SUCCEEDED));

            try (KafkaDeliveryStore store = store(group, topic);
                 WebhookDispatcher first = dispatcher(secret, schedule, store, recorder)) {
                assertThat(first.onJobEvent(event, job, TestJobs.json(job)).get(30, TimeUnit.SECONDS))
                        .isEqualTo(WebhookDispatcher.Outcome.RETRY_SCHEDULED); // never started: no retry here
            }
            try (KafkaDeliveryStore store = store(group, topic);
                 WebhookDispatcher second = dispatcher(secret, schedule, store, recorder).start()) {
                await("delivered after restart", () -> statuses.size() >= 2);
                await("finished in the store", () -> store.size() == 0);
            }
            assertThat(statuses).containsExactly(503, 200);
            assertThat(receiver.received()).extracting(r -> r.header("webhook-id")).hasSize(2).containsOnly(
                    WebhookMessage.idFor("job-kafka", WebhookEventType.SUCCEEDED, OptionalInt.empty()));
        }
    }

    private static WebhookDispatcher dispatcher(String secret, RetrySchedule schedule, DeliveryStore store,
                                                AttemptRecorder recorder) {
        WebhookSender sender = new WebhookSender(new WebhookSigner(List.of(secret)), new EgressGuard(true),
                Duration.ofSeconds(5), Optional.empty(), Clock.systemUTC());
        return new WebhookDispatcher(sender, new DeliveryClassifier(), schedule, store, recorder,
                new WebhookDispatcher.Settings(2, Duration.ofMillis(10), Duration.ofMillis(500), Duration.ofSeconds(30)), Clock.systemUTC());
    }

    private static boolean disjoint(List<PendingDelivery> a, List<PendingDelivery> b) {
        Set<String> ids = new HashSet<>();
        a.forEach(d -> ids.add(d.messageId()));
        return b.stream().noneMatch(d -> ids.contains(d.messageId()));
    }
}
