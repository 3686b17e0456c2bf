package io.likeness.gateway.metrics;

import io.likeness.contracts.events.JobEvent;
import io.likeness.contracts.job.JobSnapshot;
import io.likeness.contracts.job.JobState;
import io.likeness.gateway.view.JobView;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Gateway metrics (Prometheus at /q/metrics): {@code likeness_jobs{state}} (jobs in the view by state, counted at
 * most every 5 s), {@code likeness_jobs_submitted_total{edit}}, {@code likeness_job_duration_seconds{state}} (accepted
 * → terminal, observed once per cluster), {@code likeness_webhook_attempts_total{outcome}}. Kafka client metrics
 * (consumer lag {@code kafka_consumer_fetch_manager_records_lag*}) come from Quarkus' Micrometer Kafka binder.
 */
@ApplicationScoped
public class JobMetrics {

    private static final Duration COUNT_EVERY = Duration.ofSeconds(5);

    @Inject
    MeterRegistry registry;

    @Inject
    JobView view;

    private final AtomicReference<Counts> counts = new AtomicReference<>(new Counts(0, new EnumMap<>(JobState.class)));

    private record Counts(long atMillis, Map<JobState, Long> byState) {
    }

    void registerGauges(@Observes StartupEvent ignored) {
        for (JobState state : JobState.values()) {
            Gauge.builder("likeness_jobs", this, m -> m.count(state))
                    .tag("state", state.name().toLowerCase(Locale.ROOT))
                    .description("jobs in the job view by state").register(registry);
        }
    }

    public void submitted(String edit) {
        Counter.builder("likeness_jobs_submitted").tag("edit", edit).description("jobs accepted").register(registry).increment();
    }

    /** Called once per cluster per event (from the webhook feed's consumer group). */
    public void observe(JobEvent event, JobSnapshot after) {
        if (event.type() == JobEvent.Type.STATE && event.state().isTerminal()) {
            after.spec().ifPresent(spec -> Timer.builder("likeness_job_duration")
                    .tag("state", event.state().name().toLowerCase(Locale.ROOT))
                    .description("accepted to terminal")
                    .publishPercentileHistogram()
                    .register(registry)
                    .record(Duration.between(spec.createdAt(), event.at()).abs()));
        }
    }

    public void webhookAttempt(String outcome) {
        Counter.builder("likeness_webhook_attempts").tag("outcome", outcome).description("webhook delivery attempts")
                .register(registry).increment();
    }

    private double count(JobState state) {
        Counts c = counts.get();
        long now = System.currentTimeMillis();
        if (now - c.atMillis() > COUNT_EVERY.toMillis()) {
            Map<JobState, Long> byState = new EnumMap<>(JobState.class);
            try {
                view.list(java.util.Optional.empty(), java.util.Optional.empty(), Integer.MAX_VALUE).jobs()
                        .forEach(j -> byState.merge(j.state(), 1L, Long::sum));
            } catch (RuntimeException viewNotReady) {
                return c.byState().getOrDefault(state, 0L);
            }
            c = new Counts(now, byState);
            counts.set(c);
        }
        return c.byState().getOrDefault(state, 0L);
    }
}
