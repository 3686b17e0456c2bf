package io.likeness.trainer.publish;

import io.likeness.contracts.storage.ObjectStore;
import io.likeness.trainer.config.TrainerConfig;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * With {@code likeness.trainer.bootstrap-untrained=true} (the local stack sets it), the trainer publishes the
 * untrained bootstrap checkpoint at start if no checkpoint is promoted yet. Off by default.
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
        if (!config.bootstrapUntrained()) {
            return;
        }
        try {
            UntrainedBootstrap.publishIfNoActive(store, bootstrap, 1).ifPresentOrElse(
                    r -> LOG.warnf("published and promoted %s — %s", r.version(), UntrainedBootstrap.NOTE),
                    () -> LOG.info("a checkpoint is already promoted; no bootstrap checkpoint published"));
        } catch (Exception e) {
            LOG.errorf(e, "could not publish the bootstrap checkpoint");
        }
    }
}
