package io.likeness.worker;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Stage metrics: {@code likeness_jobs_total{stage,outcome}}, the latency histogram
 * {@code likeness_stage_seconds{stage,outcome}} and {@code likeness_denoising_steps_total} (step rate =
 * {@code rate(likeness_denoising_steps_total[1m])}).
 */
@ApplicationScoped
public class StageMetrics {

    @Inject
    MeterRegistry registry;

    public Timer.Sample start() {
        return Timer.start(registry);
    }

    public void finish(Timer.Sample sample, String stage, String outcome) {
        sample.stop(Timer.builder("likeness.stage")
                .description("time a stage spent on one job, from record to outcome")
                .tag("stage", stage).tag("outcome", outcome)
                .publishPercentileHistogram()
                .register(registry));
        Counter.builder("likeness.jobs").description("jobs by stage outcome")
                .tag("stage", stage).tag("outcome", outcome).register(registry).increment();
    }

    public void denoisingStep() {
        Counter.builder("likeness.denoising.steps").description("denoising steps completed")
                .register(registry).increment();
    }
}
