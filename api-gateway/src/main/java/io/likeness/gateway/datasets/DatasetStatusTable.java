package io.likeness.gateway.datasets;

import io.likeness.contracts.events.Json;
import io.likeness.contracts.kafka.CompactedTopicTable;
import io.likeness.contracts.kafka.Topics;
import io.likeness.contracts.trainer.TrainerEvent;
import io.likeness.gateway.config.GatewayConfig;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The latest state of every dataset request: {@code likeness.trainer.events} read from the beginning by every
 * instance and folded per request id ({@link TrainerEvent#fold}). The topic's retention bounds what it holds.
 */
@ApplicationScoped
public class DatasetStatusTable {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @ConfigProperty(name = "quarkus.application.name")
    String application;

    @Inject
    GatewayConfig config;

    private CompactedTopicTable<TrainerEvent> table;

    void start(@Observes StartupEvent event) {
        table();
    }

    private synchronized CompactedTopicTable<TrainerEvent> table() {
        if (table == null) {
            table = new CompactedTopicTable<>(bootstrapServers, Topics.TRAINER_EVENTS.name(),
                    application + "-trainer-events", bytes -> Json.read(bytes, TrainerEvent.class), TrainerEvent::fold);
            table.start();
        }
        return table;
    }

    /** The request's state; reads the topic to its end first when this instance has not seen the request yet. */
    public Optional<TrainerEvent> find(String requestId) {
        Optional<TrainerEvent> found = table().get(requestId);
        if (found.isPresent()) {
            return found;
        }
        table().awaitCaughtUp(config.registry().catchUpTimeout());
        return table().get(requestId);
    }

    @PreDestroy
    synchronized void stop() {
        if (table != null) {
            table.close();
        }
    }
}
