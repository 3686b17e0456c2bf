package io.likeness.maskworker;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** Settings of the mask stage ({@code likeness.mask-worker.*}); defaults in {@code application.properties}. */
@ConfigMapping(prefix = "likeness.mask-worker")
public interface MaskWorkerConfig {

    /** Name of this instance in job events ({@code worker}); default: the host name. */
    Optional<String> workerId();

    /**
     * Jobs processed at once by this instance: the max-concurrency of the {@code edit-pool} worker pool
     * ({@code smallrye.messaging.worker.edit-pool.max-concurrency} is set from this key).
     */
    @WithDefault("2")
    int concurrency();

    /** Side of the square model input in pixels (the MCDM's resolution). */
    @WithDefault("128")
    int modelSize();

    /** Subject word substituted into the direction's prompts when the job metadata names none. */
    @WithDefault("person")
    String defaultSubject();

    /** Job metadata key whose value, if a plain word or two, is the subject word (e.g. "man", "woman"). */
    @WithDefault("subject")
    String subjectMetadataKey();

    /**
     * How long a job waits for the model registry and the cancellation table to catch up with the topics before
     * it decides (a registry record or a cancellation produced before the job started is then always seen).
     */
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
}
