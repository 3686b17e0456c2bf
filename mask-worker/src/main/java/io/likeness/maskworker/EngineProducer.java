package io.likeness.maskworker;

import io.likeness.contracts.storage.ObjectStore;
import io.likeness.mcdm.engine.CheckpointCache;
import io.likeness.mcdm.engine.EditEngine;
import io.likeness.mcdm.engine.EditorModelsFactory;
import io.likeness.mcdm.engine.TinyMcdmModelsFactory;
import io.likeness.mcdm.engine.McdmEditEngine;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The production {@link EditEngine}: the MCDM Editor over checkpoints fetched from S3 through a
 * {@link CheckpointCache}, located by the model registry ({@code manifestKey} of the version's record), built by
 * the {@link EditorModelsFactory} of this build ({@link TinyMcdmModelsFactory}: preset {@code mcdm-tiny}). A
 * version that cannot be fetched, verified or built fails its job with the retryable
 * {@code checkpoint_unavailable}.
 */
@ApplicationScoped
public class EngineProducer {

    @Inject
    MaskWorkerConfig config;

    @Inject
    ModelRegistry registry;

    @Inject
    ObjectStore store;

    private CheckpointCache cache;

    @Produces
    @ApplicationScoped
    EditEngine engine() {
        Path dir;
        try {
            dir = config.checkpoints().dir().isPresent()
                    ? Files.createDirectories(Path.of(config.checkpoints().dir().get()))
                    : Files.createTempDirectory("likeness-checkpoints-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the checkpoint directory", e);
        }
        cache = new CheckpointCache(store, dir, config.checkpoints().cacheSize(), new TinyMcdmModelsFactory(),
                registry::checkpointKey);
        return new McdmEditEngine(cache);
    }

    void close(@Disposes EditEngine engine) {
        if (cache != null) {
            cache.close();
        }
    }
}
