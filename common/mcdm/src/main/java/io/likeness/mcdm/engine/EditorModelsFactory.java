package io.likeness.mcdm.engine;

import io.likeness.mcdm.checkpoint.CheckpointManifest;
import io.likeness.mcdm.edit.EditorConfig;
import io.likeness.mcdm.edit.EditorModels;
import io.likeness.mcdm.schedule.NoiseSchedule;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Builds the networks of a verified checkpoint directory: reads the manifest's architecture, constructs the DJL
 * blocks ({@code io.likeness.mcdm.nn}) and loads their parameters with
 * {@link io.likeness.mcdm.checkpoint.CheckpointStore#load}. The only place that knows how a manifest's
 * {@code architecture.preset} maps to blocks.
 */
public interface EditorModelsFactory {

    /** Fails fast, before any download, when this factory cannot build networks at all. */
    default void checkAvailable(String version) {
    }

    /**
     * @param dir      the extracted, sha256-verified checkpoint directory
     * @param manifest its manifest
     * @return the networks and whatever must be closed with them
     * @throws CheckpointUnavailableException when the architecture is not supported by this build
     */
    LoadedModels load(Path dir, CheckpointManifest manifest) throws IOException;

    /**
     * The networks of one checkpoint plus what the Editor needs besides them.
     *
     * @param resources closed when the checkpoint leaves the cache (NDManagers, models)
     */
    record LoadedModels(EditorModels models, NoiseSchedule schedule, EditorConfig config, AutoCloseable resources)
            implements AutoCloseable {

        public LoadedModels {
            Objects.requireNonNull(models, "models");
            Objects.requireNonNull(schedule, "schedule");
            Objects.requireNonNull(config, "config");
            resources = resources == null ? () -> { } : resources;
        }

        @Override
        public void close() throws Exception {
            resources.close();
        }
    }

    /**
     * The factory of a build without the network slice ({@code io.likeness.mcdm.nn}): every load fails with a
     * retryable {@link CheckpointUnavailableException}, before anything is downloaded.
     */
    static EditorModelsFactory unavailable() {
        return new EditorModelsFactory() {
            @Override
            public void checkAvailable(String version) {
                throw new CheckpointUnavailableException(version,
                        "this build has no MCDM network implementation (io.likeness.mcdm.nn) to load it into");
            }

            @Override
            public LoadedModels load(Path dir, CheckpointManifest manifest) {
                checkAvailable(manifest.version());
                throw new IllegalStateException("unreachable");
            }
        };
    }
}
