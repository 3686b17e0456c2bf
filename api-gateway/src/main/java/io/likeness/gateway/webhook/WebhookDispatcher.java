package io.likeness.gateway.webhook;

import io.likeness.contracts.events.JobEvent;
import io.likeness.contracts.job.JobSnapshot;
import io.likeness.contracts.job.JobSpec;
import io.likeness.contracts.job.JobState;
import io.likeness.contracts.job.WebhookSpec;
import io.likeness.contracts.job.WebhookSpec.WebhookEventType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Turns job events into webhook messages and delivers them: the first attempt right away, retries per the
 * {@link RetrySchedule} from the durable {@link DeliveryStore}, every attempt reported to the
 * {@link AttemptRecorder}.
 *
 * <p>Events that send a webhook (if the job's {@link WebhookSpec} wants them): the job entering
 * {@link JobState#MASKING} ({@code edit.started}: work began), {@link JobState#SUCCEEDED}, {@link JobState#FAILED},
 * {@link JobState#CANCELED}, and per-step progress ({@code edit.progress}, opt-in). Progress is throttled to at
 * most one message per job per {@code progressThrottle}, sent once and never retried or stored (the next step
 * supersedes it); terminal events are never throttled.
 *
 * <p>Feed it from exactly one place in the cluster per job event: the consumer-group consumer of
 * {@code likeness.job.events} (each event is handled by the instance owning its partition), after folding the
 * event into the job view. Redelivered events are harmless: the message id is stable, and a message that the
 * job's delivery log shows as finished, that the store still has pending, or that is in flight here is not sent
 * again.
 *
 * <p>Threads: one scheduler thread polls the store every {@code pollInterval}; attempts run on a pool of
 * {@code maxConcurrent} threads, and the poller takes no more due deliveries than there are idle threads.
 * {@link #close()} stops polling, waits for running attempts and closes the sender; pending retries stay in
 * the store.
 */
public final class WebhookDispatcher implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(WebhookDispatcher.class);

    /** Outcome values of {@link JobEvent.WebhookAttempt#outcome()}. */
    public static final String DELIVERED = "delivered";
    public static final String RETRYING = "retrying";
    public static final String GAVE_UP = "gave-up";

    /**
     * How the dispatcher runs.
     *
     * @param maxConcurrent    attempts in flight at once (across all receivers)
     * @param pollInterval     how often the store is polled for due retries
     * @param progressThrottle at most one progress message per job per this interval
     * @param attemptLease     while an attempt runs, its stored delivery is due only this much later, so no other
     *                         instance (or a restart) tries it at the same time; longer than the request timeout
     */
    public record Settings(int maxConcurrent, Duration pollInterval, Duration progressThrottle, Duration attemptLease) {
        public Settings {
            if (attemptLease.isNegative()) {
                throw new IllegalArgumentException("attempt lease must be >= 0");
            }
            if (maxConcurrent < 1) {
                throw new IllegalArgumentException("max concurrent deliveries must be >= 1");
            }
            if (pollInterval.isNegative() || pollInterval.isZero()) {
                throw new IllegalArgumentException("poll interval must be > 0");
            }
            if (progressThrottle.isNegative()) {
                throw new IllegalArgumentException("progress throttle must be >= 0");
            }
        }
    }

    /** What became of a job event handed to the dispatcher. */
    public enum Outcome {
        /** The job has no webhook, its filter does not want this event, or the event sends none. */
        NOT_WANTED,
        /** Progress within the throttle interval of the last one sent for the job. */
        THROTTLED,
        /** The same message is finished, pending in the store, or in flight. */
        DUPLICATE,
        /** Delivered on this attempt. */
        DELIVERED,
        /** This attempt failed; the next one is scheduled in the store. */
        RETRY_SCHEDULED,
        /** No more attempts: 410 Gone, egress refused, schedule exhausted, or a failed progress message. */
        GAVE_UP,
        /**
         * Not handled: the dispatcher is closed, or the delivery could not be stored (Kafka unavailable). Nothing
         * was sent; the caller should not acknowledge the job event, so it is handed over again later.
         */
        REJECTED
    }

    private final WebhookSender sender;
    private final DeliveryClassifier classifier;
    private final RetrySchedule schedule;
    private final DeliveryStore store;
    private final AttemptRecorder recorder;
    private final Settings settings;
    private final Clock clock;

    private final ThreadPoolExecutor workers;
    private final ScheduledExecutorService poller;
    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();
    private final ConcurrentMap<String, Instant> lastProgress = new ConcurrentHashMap<>();
    private volatile boolean closed;

    public WebhookDispatcher(WebhookSender sender, DeliveryClassifier classifier, RetrySchedule schedule,
                             DeliveryStore store, AttemptRecorder recorder, Settings settings, Clock clock) {
        this.sender = sender;
        this.classifier = classifier;
        this.schedule = schedule;
        this.store = store;
        this.recorder = recorder;
        this.settings = settings;
        this.clock = clock;
        AtomicInteger n = new AtomicInteger();
        this.workers = new ThreadPoolExecutor(settings.maxConcurrent(), settings.maxConcurrent(), 60, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), r -> daemon(r, "webhook-delivery-" + n.incrementAndGet()));
        this.workers.allowCoreThreadTimeOut(true);
        this.poller = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "webhook-poller"));
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /** Starts polling the store for due deliveries (including those left by a previous run). */
    public WebhookDispatcher start() {
        long every = settings.pollInterval().toMillis();
        poller.scheduleWithFixedDelay(this::pollSafely, 0, Math.max(1, every), TimeUnit.MILLISECONDS);
        return this;
    }

    /**
     * Handles one job event after it was folded into {@code job}. STATE events for MASKING, SUCCEEDED, FAILED
     * and CANCELED and PROGRESS events may send a webhook; everything else is {@link Outcome#NOT_WANTED}.
     *
     * @param jobJson the job as the API shows it (the payload's {@code data}), rendered by the caller
     * @return completes after the first attempt (or at once if nothing is sent); never exceptionally
     */
    public CompletableFuture<Outcome> onJobEvent(JobEvent event, JobSnapshot job, byte[] jobJson) {
        Optional<WebhookSpec> spec = job.spec().flatMap(JobSpec::webhook);
        if (spec.isEmpty()) {
            return CompletableFuture.completedFuture(Outcome.NOT_WANTED);
        }
        return switch (event.type()) {
            case STATE -> eventTypeFor(event.state())
                    .map(type -> onStateChange(event.jobId(), event.state(), type, event.at(), spec.get(), job, jobJson))
                    .orElse(CompletableFuture.completedFuture(Outcome.NOT_WANTED));
            case PROGRESS -> onProgress(event, spec.get(), job, jobJson);
            case CREATED, WEBHOOK -> CompletableFuture.completedFuture(Outcome.NOT_WANTED);
        };
    }

    /** The webhook event a job entering {@code state} sends, if any. */
    public static Optional<WebhookEventType> eventTypeFor(JobState state) {
        return switch (state) {
            case MASKING -> Optional.of(WebhookEventType.STARTED);
            case SUCCEEDED -> Optional.of(WebhookEventType.SUCCEEDED);
            case FAILED -> Optional.of(WebhookEventType.FAILED);
            case CANCELED -> Optional.of(WebhookEventType.CANCELED);
            case QUEUED, MASKED, EDITING -> Optional.empty();
        };
    }

    private CompletableFuture<Outcome> onStateChange(String jobId, JobState state, WebhookEventType type, Instant at,
                                                     WebhookSpec spec, JobSnapshot job, byte[] jobJson) {
        if (state.isTerminal()) {
            lastProgress.remove(jobId);
        }
        if (!spec.wants(type)) {
            return CompletableFuture.completedFuture(Outcome.NOT_WANTED);
        }
        WebhookMessage message = WebhookMessage.of(jobId, type, OptionalInt.empty(), at, jobJson);
        if (alreadyFinished(job, message.id()) || store.find(message.id()).isPresent() || !inFlight.add(message.id())) {
            return CompletableFuture.completedFuture(Outcome.DUPLICATE);
        }
        PendingDelivery first = new PendingDelivery(message, spec.url(), state, 0,
                clock.instant().plus(settings.attemptLease()));
        return submit(() -> {
            // durable before the first attempt: if this instance dies now, the partition's owner (or this
            // instance after a restart) makes the attempt once the lease has run out
            store.save(first);
            return attempt(first, true);
        }, message.id());
    }

    private CompletableFuture<Outcome> onProgress(JobEvent event, WebhookSpec spec, JobSnapshot job, byte[] jobJson) {
        if (!spec.wants(WebhookEventType.PROGRESS) || event.progress().isEmpty()
                || (job.state() != null && job.state().isTerminal())) {
            return CompletableFuture.completedFuture(Outcome.NOT_WANTED);
        }
        Instant now = clock.instant();
        boolean[] pass = {false};
        lastProgress.compute(event.jobId(), (id, last) -> {
            if (last == null || !now.isBefore(last.plus(settings.progressThrottle()))) {
                pass[0] = true;
                return now;
            }
            return last;
        });
        if (!pass[0]) {
            return CompletableFuture.completedFuture(Outcome.THROTTLED);
        }
        WebhookMessage message = WebhookMessage.of(event.jobId(), WebhookEventType.PROGRESS,
                OptionalInt.of(event.progress().get().step()), event.at(), jobJson);
        if (!inFlight.add(message.id())) {
            return CompletableFuture.completedFuture(Outcome.DUPLICATE);
        }
        PendingDelivery once = new PendingDelivery(message, spec.url(), JobState.EDITING, 0, now);
        return submit(() -> attempt(once, false), message.id());
    }

    private static boolean alreadyFinished(JobSnapshot job, String messageId) {
        return job.webhookDeliveries().stream().anyMatch(a -> a.messageId().equals(messageId)
                && (DELIVERED.equals(a.outcome()) || GAVE_UP.equals(a.outcome())));
    }

    private CompletableFuture<Outcome> submit(Supplier<Outcome> work, String messageId) {
        if (closed) {
            inFlight.remove(messageId);
            return CompletableFuture.completedFuture(Outcome.REJECTED);
        }
        try {
            return CompletableFuture.supplyAsync(() -> {
                try {
                    return work.get();
                } catch (RuntimeException e) {
                    LOG.errorf(e, "webhook %s: delivery failed unexpectedly; it stays pending if it was stored", messageId);
                    return Outcome.REJECTED;
                } finally {
                    inFlight.remove(messageId);
                }
            }, workers);
        } catch (RejectedExecutionException e) {
            inFlight.remove(messageId);
            return CompletableFuture.completedFuture(Outcome.REJECTED);
        }
    }

    /** One attempt, then what follows from it: done, next attempt saved, or given up. */
    private Outcome attempt(PendingDelivery delivery, boolean retryable) {
        WebhookMessage message = delivery.message();
        int number = delivery.attemptsMade() + 1;
        Instant at = clock.instant();
        DeliveryResult result = sender.send(delivery.url(), message);
        DeliveryClassifier.Verdict verdict = classifier.classify(result);

        Outcome outcome;
        String logOutcome;
        Optional<Instant> next = Optional.empty();
        String detail = result.detail();
        if (verdict == DeliveryClassifier.Verdict.DELIVERED) {
            outcome = Outcome.DELIVERED;
            logOutcome = DELIVERED;
        } else if (verdict == DeliveryClassifier.Verdict.STOP || !retryable) {
            outcome = Outcome.GAVE_UP;
            logOutcome = GAVE_UP;
            if (!retryable && verdict != DeliveryClassifier.Verdict.STOP) {
                detail = "progress is not retried; " + detail;
            }
        } else {
            Instant now = clock.instant();
            Optional<Duration> wait = schedule.nextDelay(number,
                    result.retryAfter().flatMap(v -> RetrySchedule.parseRetryAfter(v, now)));
            if (wait.isPresent()) {
                next = Optional.of(now.plus(wait.get()));
                outcome = Outcome.RETRY_SCHEDULED;
                logOutcome = RETRYING;
            } else {
                outcome = Outcome.GAVE_UP;
                logOutcome = GAVE_UP;
                detail = "schedule exhausted after " + number + " attempts; " + detail;
            }
        }
        if (retryable) {
            if (next.isPresent()) {
                store.save(delivery.afterAttempt(next.get()));
            } else {
                store.markDone(message.id());
            }
        }
        JobEvent.WebhookAttempt record = new JobEvent.WebhookAttempt(message.id(), message.type().wireName(), number,
                result.status(), logOutcome, detail, next, result.durationMillis());
        try {
            recorder.record(message.jobId(), delivery.jobState(), record, at);
        } catch (RuntimeException e) {
            LOG.warnf(e, "webhook %s attempt %d: could not record the attempt", message.id(), number);
        }
        if (outcome != Outcome.DELIVERED) {
            LOG.debugf("webhook %s (%s) attempt %d to %s: %s, status %d, %s", message.id(), message.type().wireName(),
                    number, delivery.url().getHost(), logOutcome, result.status(), detail);
        }
        return outcome;
    }

    private void pollSafely() {
        try {
            poll();
        } catch (RuntimeException e) {
            LOG.warn("webhook poll failed; trying again next interval", e);
        }
    }

    /** Hands due deliveries to idle workers. Public so tests and operators can trigger a poll. */
    public void poll() {
        if (closed) {
            return;
        }
        Instant now = clock.instant();
        pruneThrottle(now);
        int idle = settings.maxConcurrent() - workers.getActiveCount() - workers.getQueue().size();
        if (idle <= 0) {
            return;
        }
        List<PendingDelivery> due = store.due(now, idle + inFlight.size());
        int handed = 0;
        for (PendingDelivery d : due) {
            if (handed >= idle) {
                break;
            }
            if (inFlight.add(d.messageId())) {
                handed++;
                submit(() -> {
                    // lease first: after a rebalance the new owner must not retry it while this attempt runs
                    store.save(d.dueAt(clock.instant().plus(settings.attemptLease())));
                    return attempt(d, true);
                }, d.messageId());
            }
        }
    }

    private void pruneThrottle(Instant now) {
        Instant horizon = now.minus(settings.progressThrottle()).minus(Duration.ofMinutes(10));
        lastProgress.values().removeIf(last -> last.isBefore(horizon));
    }

    /** Deliveries being attempted right now. */
    public int inFlight() {
        return inFlight.size();
    }

    /**
     * Stops polling, lets running attempts finish (up to 30 s; each is bounded by the request timeout) and
     * releases the threads. Pending deliveries stay in the store for the next start.
     */
    @Override
    public void close() {
        closed = true;
        poller.shutdownNow();
        workers.shutdown();
        try {
            if (!workers.awaitTermination(30, TimeUnit.SECONDS)) {
                workers.shutdownNow();
            }
        } catch (InterruptedException e) {
            workers.shutdownNow();
            Thread.currentThread().interrupt();
        }
        sender.close();
    }
}
