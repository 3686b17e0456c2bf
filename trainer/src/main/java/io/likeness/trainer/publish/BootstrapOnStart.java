package io.likeness.trainer.publish;

import io.likeness.contracts.model.ModelRecord;
import io.likeness.contracts.storage.ObjectStore;
import io.likeness.trainer.config.TrainerConfig;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * When no checkpoint is promoted yet, the trainer publishes and promotes one at start: the shipped default
 * ({@code likeness.trainer.default-checkpoint}, which the local stack points at {@code models/default}; it also
 * replaces a promoted untrained bootstrap checkpoint) or, with
 * {@code likeness.trainer.bootstrap-untrained=true} and no default, the untrained bootstrap checkpoint. Off by
 * default: a production registry is never written to behind its operators' backs.
 */
@ApplicationScoped
public class BootstrapOnStart {

    private static final Logger LOG = Logger.getLogger(BootstrapOnStart.class);

    @Inject
    ObjectStore store;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Inject
    TrainerConfig config;

    void onStart(@Observes StartupEvent ignored) {
        try {
            if (config.defaultCheckpoint().isPresent()) {
                publishDefault(config.defaultCheckpoint().get());
            } else if (config.bootstrapUntrained()) {
                UntrainedBootstrap.publishIfNoActive(store, bootstrap, 1).ifPresentOrElse(
                        r -> LOG.warnf("published and promoted %s — %s", r.version(), UntrainedBootstrap.NOTE),
                        () -> LOG.info("a checkpoint is already promoted; no bootstrap checkpoint published"));
            }
        } catch (Exception e) {
            LOG.errorf(e, "could not publish the bootstrap checkpoint");
        }
    }

    private void publishDefault(Path dir) throws java.io.IOException {
        Optional<ModelRecord> active = ModelRegistryReader.active(bootstrap, Duration.ofSeconds(30));
        if (!replacesActive(active)) {
            LOG.infof("%s is promoted; the shipped default checkpoint is not published again", active.get().version());
            return;
        }
        ModelPublisher.Publication p = new ModelPublisher(store, bootstrap)
                .publishSaved(dir, PromotionPolicy.FORCE, "the shipped default checkpoint (" + dir.getFileName() + ")");
        LOG.infof("published and promoted the shipped default checkpoint %s from %s%s", p.record().version(), dir,
                active.map(a -> " in place of the untrained " + a.version()).orElse(""));
    }

    /**
     * The shipped default is published when nothing is promoted, or when the promoted checkpoint is the untrained
     * bootstrap (a checkout that gained a trained default since the stack last ran); never over a real checkpoint.
     */
    static boolean replacesActive(Optional<ModelRecord> active) {
        return active.isEmpty() || UntrainedBootstrap.isUntrained(active.get());
    }
}
