package io.likeness.trainer.publish;

import io.likeness.contracts.model.ModelRecord;
import io.likeness.contracts.storage.ObjectStore;
import io.likeness.mcdm.checkpoint.CheckpointStore;
import io.likeness.trainer.config.TrainerConfig;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * When no checkpoint is promoted yet, the trainer publishes and promotes one at start: the shipped default
 * ({@code likeness.trainer.default-checkpoint}, which the local stack points at {@code models/default}; it also
 * replaces a promoted untrained bootstrap checkpoint, and an earlier shipped default when the checkout gained a new
 * one) or, with
 * {@code likeness.trainer.bootstrap-untrained=true} and no default, the untrained bootstrap checkpoint. Off by
 * default: a production registry is never written to behind its operators' backs.
 */
@ApplicationScoped
public class BootstrapOnStart {

    private static final Logger LOG = Logger.getLogger(BootstrapOnStart.class);

    /** Start of the registry note of a shipped default, which is how a later start recognises one. */
    static final String SHIPPED_NOTE = "the shipped default checkpoint";

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
        Map<String, ModelRecord> registry = ModelRegistryReader.read(bootstrap, Duration.ofSeconds(30));
        Optional<ModelRecord> active = Optional.ofNullable(registry.get(ModelRecord.ACTIVE_KEY));
        String version = CheckpointStore.readManifest(dir).version();
        if (!replacesActive(active, version, registry.containsKey(version))) {
            LOG.infof("%s is promoted; the shipped default checkpoint %s is not published over it",
                    active.get().version(), version);
            return;
        }
        ModelPublisher.Publication p = new ModelPublisher(store, bootstrap)
                .publishSaved(dir, PromotionPolicy.FORCE, SHIPPED_NOTE + " (" + dir.getFileName() + ")");
        LOG.infof("published and promoted the shipped default checkpoint %s from %s%s", p.record().version(), dir,
                active.map(a -> " in place of " + (UntrainedBootstrap.isUntrained(a) ? "the untrained " : "the earlier "
                        + "shipped default ") + a.version()).orElse(""));
    }

    /**
     * Whether the shipped default {@code version} is published and promoted over what is promoted now: when nothing
     * is, when the untrained bootstrap is (a checkout that gained a trained default since the stack last ran), or
     * when an earlier shipped default is and this version was never published (a checkout that gained a newer
     * default; once published, an operator's rollback to the earlier one stands). Never over a checkpoint an
     * operator or the trainer published.
     *
     * @param everPublished whether the registry has a record of {@code version}
     */
    static boolean replacesActive(Optional<ModelRecord> active, String version, boolean everPublished) {
        if (active.isEmpty() || UntrainedBootstrap.isUntrained(active.get())) {
            return true;
        }
        ModelRecord a = active.get();
        return isShippedDefault(a) && !a.version().equals(version) && !everPublished;
    }

    /** Whether a registry record is a shipped default published by this class. */
    static boolean isShippedDefault(ModelRecord record) {
        return record.note() != null && record.note().startsWith(SHIPPED_NOTE);
    }
}
