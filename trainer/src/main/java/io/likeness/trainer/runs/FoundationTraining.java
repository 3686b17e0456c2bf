package io.likeness.trainer.runs;

import io.likeness.contracts.storage.ObjectStore;
import io.likeness.contracts.storage.StorageKeys;
import io.likeness.contracts.trainer.TrainerEvent;
import io.likeness.contracts.trainer.TrainingRequest;
import io.likeness.mcdm.checkpoint.CheckpointManifest;
import io.likeness.mcdm.checkpoint.CheckpointStore;
import io.likeness.trainer.config.TrainerConfig;
import io.likeness.trainer.foundation.FoundationChain;
import io.likeness.trainer.requests.TrainerEventPublisher;
import io.likeness.trainer.publish.ModelPublisher;
import io.likeness.trainer.train.TrainingLoop;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.jboss.logging.Logger;

/**
 * Runs one valid {@link TrainingRequest} with {@link FoundationChain} in {@code likeness.trainer.training.work-dir}:
 * PROGRESS 0 of n stages → each finished stage uploaded to {@code foundation/{version}/checkpoint.zip} (when the
 * request asks) and reported as PROGRESS → SUCCEEDED with the last stage's key; or FAILED with the reason. A stage
 * already finished is not trained again, and one cut off by a restart resumes from its last checkpoint, so a
 * redelivered request continues where the previous attempt stopped.
 */
@ApplicationScoped
public class FoundationTraining {

    private static final Logger LOG = Logger.getLogger(FoundationTraining.class);

    @Inject
    ObjectStore store;

    @Inject
    TrainerEventPublisher events;

    @Inject
    TrainerConfig config;

    private final Clock clock = Clock.systemUTC();

    /** @return the final event published (SUCCEEDED or FAILED) */
    public TrainerEvent run(TrainingRequest request) {
        String id = request.requestId();
        List<String> stages = request.stages();
        int total = stages.size();
        if (config.training().workDir().isEmpty()) {
            return events.publish(TrainerEvent.failed(id, 0, total, "this trainer does not train: set "
                    + "likeness.trainer.training.work-dir to a persistent directory", clock.instant()));
        }
        FoundationChain.Plan plan = switch (config.training().plan()) {
            case "toy" -> FoundationChain.Plan.toy();
            case "shipped" -> FoundationChain.Plan.shipped();
            default -> throw new IllegalStateException("likeness.trainer.training.plan must be shipped or toy (was "
                    + config.training().plan() + ")");
        };
        events.publish(TrainerEvent.progress(id, 0, total, clock.instant()));
        AtomicInteger done = new AtomicInteger();
        AtomicReference<String> lastKey = new AtomicReference<>();
        FoundationChain chain = new FoundationChain(config.training().workDir().get(), request.seed(), plan);
        try (PrintStream log = new PrintStream(new LogStream(id), true, StandardCharsets.UTF_8)) {
            FoundationChain.Outcome out = chain.run(request.until(), null, TrainingLoop.ProgressMode.NONE,
                    "trainer service, training request " + id, log, null, (stage, dir) -> {
                        CheckpointManifest m = CheckpointStore.verify(dir);
                        String key = StorageKeys.foundationPrefix(m.version()) + ModelPublisher.ARCHIVE;
                        if (request.publish()) {
                            CheckpointStore.upload(store, key, dir);
                        }
                        lastKey.set(key);
                        LOG.infof("training %s: %s finished (%s)%s", id, stage, m.version(),
                                request.publish() ? ", stored at " + key : "");
                        events.publish(TrainerEvent.progress(id, done.incrementAndGet(), total, clock.instant()));
                    }, false);
            if (!out.finished()) {
                return events.publish(TrainerEvent.failed(id, done.get(), total, "the run stopped before "
                        + request.until() + " finished; send the request again to resume", clock.instant()));
            }
            return events.publish(TrainerEvent.succeeded(id, total, lastKey.get(), clock.instant()));
        } catch (Exception e) {
            LOG.errorf(e, "training %s failed", id);
            return events.publish(TrainerEvent.failed(id, done.get(), total, "training failed: " + e.getMessage()
                    + " (finished stages are kept; send the request again to resume)", clock.instant()));
        }
    }

    /** Where a training run's own lines go: the service log, one line per record. */
    private static final class LogStream extends java.io.OutputStream {
        private final String id;
        private final java.io.ByteArrayOutputStream line = new java.io.ByteArrayOutputStream();

        LogStream(String id) {
            this.id = id;
        }

        @Override
        public void write(int b) {
            if (b == '\n') {
                LOG.infof("training %s: %s", id, line.toString(StandardCharsets.UTF_8));
                line.reset();
            } else {
                line.write(b);
            }
        }
    }
}
