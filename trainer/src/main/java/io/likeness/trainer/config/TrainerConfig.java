package io.likeness.trainer.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** The trainer service's settings ({@code likeness.trainer.*}). */
@ConfigMapping(prefix = "likeness.trainer")
public interface TrainerConfig {

    /** Publish the untrained bootstrap checkpoint at start when nothing is promoted (the local stack sets it). */
    @WithDefault("false")
    boolean bootstrapUntrained();

    /**
     * A saved MCDM product checkpoint (the committed default under {@code models/}) that the trainer publishes and
     * promotes at start when no checkpoint is promoted yet. Takes precedence over {@link #bootstrapUntrained()}.
     */
    Optional<Path> defaultCheckpoint();

    /** Where dataset requests are generated before upload; a temporary directory when absent. */
    Optional<Path> workDir();

    /** Pair generation for dataset requests. */
    Pairs pairs();

    /** Foundation training requests. */
    Training training();

    interface Training {
        /**
         * Work directory of the foundation chain ({@code data/}, {@code runs/}); it must persist across restarts,
         * since runs resume from it. Training requests are refused when it is not set.
         */
        Optional<Path> workDir();

        /** {@code shipped} (the sizes the shipped models were trained with) or {@code toy} (tests). */
        @WithDefault("shipped")
        String plan();
    }

    interface Pairs {
        /**
         * The {@link io.likeness.trainer.pairs.PairGenerator} bean to use, by its {@code @Identifier}:
         * {@code studio} (exact pairs rendered by the synthetic studio, for the directions it knows) or
         * {@code diffusion} (the paper's generation with the foundation models, for any described direction).
         */
        @WithDefault("studio")
        String generator();

        /**
         * The foundation runs the {@code diffusion} generator loads: a directory with {@code vae/final},
         * {@code clip/final}, {@code identity/final} and {@code base/final}.
         */
        Optional<Path> foundation();

        /**
         * Classifier-free guidance scale of the {@code diffusion} generator on each term of Eq. 2: the paper's 7.5 by
         * default; the tiny base draws text-only expressions better at 2 (docs/training.md, session 22).
         */
        @WithDefault("7.5")
        double guidance();

        /** Canvases per forward of the {@code diffusion} generator (each with four guidance rows). */
        @WithDefault("4")
        int batch();

        /** Image side in pixels (the model resolution). */
        @WithDefault("128")
        int size();

        /** Samples per tar shard. */
        @WithDefault("256")
        int samplesPerShard();

        /** Rendering threads. */
        @WithDefault("1")
        int threads();

        /** Shortest interval between two PROGRESS events of one request (the first and the last are always sent). */
        @WithDefault("2s")
        Duration progressInterval();
    }
}
