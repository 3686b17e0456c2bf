package io.likeness.trainer.pairs;

import io.likeness.contracts.storage.ObjectStore;
import io.likeness.contracts.storage.StorageKeys;
import io.likeness.contracts.trainer.DatasetRequest;
import io.likeness.contracts.trainer.TrainerEvent;
import io.likeness.trainer.config.TrainerConfig;
import io.likeness.trainer.dataset.DatasetManifest;
import io.likeness.trainer.dataset.DatasetSync;
import io.likeness.trainer.requests.TrainerEventPublisher;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * Runs one valid {@link DatasetRequest}: PROGRESS 0 → the configured {@link PairGenerator} into a work directory,
 * PROGRESS throttled → upload to {@code datasets/{requestId}/} (shards first, manifest last) → SUCCEEDED with the
 * manifest key; or FAILED with the reason. A request whose manifest is already stored (a redelivery after the
 * upload) is answered SUCCEEDED again without generating anything.
 */
@ApplicationScoped
public class DatasetGeneration {

    private static final Logger LOG = Logger.getLogger(DatasetGeneration.class);

    @Inject
    @Selected
    PairGenerator generator;

    @Inject
    ObjectStore store;

    @Inject
    TrainerEventPublisher events;

    @Inject
    TrainerConfig config;

    private final Clock clock = Clock.systemUTC();

    /** @return the final event published (SUCCEEDED or FAILED) */
    public TrainerEvent run(DatasetRequest request) {
        String id = request.requestId();
        long total = request.totalPairs();
        String manifestKey = StorageKeys.datasetManifest(id);
        if (store.exists(manifestKey)) {
            LOG.infof("dataset %s is already stored; answering again", id);
            return events.publish(TrainerEvent.succeeded(id, total, manifestKey, clock.instant()));
        }
        events.publish(TrainerEvent.progress(id, 0, total, clock.instant()));
        AtomicLong done = new AtomicLong();
        ProgressThrottle throttle = new ProgressThrottle(
                n -> events.publish(TrainerEvent.progress(id, n, total, clock.instant())),
                config.pairs().progressInterval(), System::nanoTime);
        Path dir = null;
        try {
            dir = workDirectory(id);
            DatasetManifest manifest = generator.generate(request, dir, n -> {
                done.set(n);
                throttle.accept(n);
            });
            throttle.flush();
            DatasetSync.upload(dir, store, StorageKeys.datasetPrefix(id));
            LOG.infof("dataset %s: %d pairs in %d shards stored under %s", id, manifest.count(),
                    manifest.shards().size(), StorageKeys.datasetPrefix(id));
            return events.publish(TrainerEvent.succeeded(id, total, manifestKey, clock.instant()));
        } catch (UnsupportedRequestException e) {
            LOG.warnf("dataset %s refused: %s", id, e.getMessage());
            return events.publish(TrainerEvent.failed(id, done.get(), total, e.getMessage(), clock.instant()));
        } catch (IOException | RuntimeException e) {
            LOG.errorf(e, "dataset %s failed", id);
            return events.publish(TrainerEvent.failed(id, done.get(), total,
                    "generation or upload failed: " + e.getMessage(), clock.instant()));
        } finally {
            delete(dir);
        }
    }

    private Path workDirectory(String id) throws IOException {
        if (config.workDir().isPresent()) {
            Path dir = config.workDir().get().resolve(id);
            delete(dir);
            return Files.createDirectories(dir);
        }
        return Files.createTempDirectory("likeness-dataset-" + id + "-");
    }

    private static void delete(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            LOG.warnf("could not delete %s: %s", dir, e.getMessage());
        }
    }
}
