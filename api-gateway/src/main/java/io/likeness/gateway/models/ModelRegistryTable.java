package io.likeness.gateway.models;

import io.likeness.contracts.events.Json;
import io.likeness.contracts.job.ErrorCodes;
import io.likeness.contracts.kafka.CompactedTopicTable;
import io.likeness.contracts.kafka.Topics;
import io.likeness.contracts.model.ModelRecord;
import io.likeness.gateway.api.problem.ApiException;
import io.likeness.gateway.config.GatewayConfig;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The compacted {@code likeness.models} topic in memory ({@link CompactedTopicTable}, read by every instance).
 * {@link #current} first reads the topic up to its end, so an answer reflects every change written before the
 * request, from any instance.
 */
@ApplicationScoped
public class ModelRegistryTable {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @ConfigProperty(name = "quarkus.application.name")
    String application;

    @Inject
    GatewayConfig config;

    private CompactedTopicTable<ModelRecord> table;

    void start(@Observes StartupEvent event) {
        table();
    }

    private synchronized CompactedTopicTable<ModelRecord> table() {
        if (table == null) {
            table = new CompactedTopicTable<>(bootstrapServers, Topics.MODELS.name(), application + "-model-registry",
                    bytes -> Json.read(bytes, ModelRecord.class));
            table.start();
        }
        return table;
    }

    /** Every key (versions and {@code active}) with its record, caught up with the topic. */
    public Map<String, ModelRecord> current() {
        if (!table().awaitCaughtUp(config.registry().catchUpTimeout())) {
            throw new ApiException(503, ErrorCodes.REGISTRY_UNAVAILABLE, "Model registry unavailable",
                    "could not read " + Topics.MODELS.name() + " to its end; retry shortly", true);
        }
        return table().snapshot();
    }

    @PreDestroy
    synchronized void stop() {
        if (table != null) {
            table.close();
        }
    }
}
