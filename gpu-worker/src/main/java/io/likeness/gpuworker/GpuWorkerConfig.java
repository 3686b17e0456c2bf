package io.likeness.gpuworker;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** Settings of the edit stage ({@code likeness.gpu-worker.*}); defaults in {@code application.properties}. */
@ConfigMapping(prefix = "likeness.gpu-worker")
public interface GpuWorkerConfig {

    /** Name of this instance in job events ({@code worker}); default: the host name. */
    Optional<String> workerId();

    /**
     * Edits run at once by this instance (one per GPU is the rule): the max-concurrency of the {@code edit-pool}
     * worker pool ({@code smallrye.messaging.worker.edit-pool.max-concurrency} is set from this key).
     */
    @WithDefault("1")
    int concurrency();

    /** Side of the square model image in pixels; the prepared image and masks must have it. */
    @WithDefault("128")
    int modelSize();

    /** Edge softness of the composite: Gaussian σ in model pixels (0 = hard edge), see {@code Feather}. */
    @WithDefault("1.0")
    double featherSigma();

    /**
     * Which mask weights the composite: SOFT = the MCDM's soft mask (smooth transitions; values below 1/510 keep
     * the original bytes), BINARY = the λ-thresholded mask the edit was guided with (only the edited region
     * changes, with a feathered edge).
     */
    @WithDefault("SOFT")
    CompositeMask compositeMask();

    /** Emit a PROGRESS event every this many denoising steps (the last step is always reported). */
    @WithDefault("1")
    int progressEvery();

    /** How long a job waits for the model registry and cancellation table to catch up before deciding. */
    @WithDefault("PT10S")
    Duration catchUpTimeout();

    Checkpoints checkpoints();

    interface Checkpoints {
        /** Checkpoint versions kept loaded (least recently used evicted). */
        @WithDefault("2")
        int cacheSize();

        /** Local directory for extracted checkpoints; default: a fresh temporary directory. */
        Optional<String> dir();
    }

    enum CompositeMask { SOFT, BINARY }
}
