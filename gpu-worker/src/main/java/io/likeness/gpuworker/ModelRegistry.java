package io.likeness.gpuworker;

import io.likeness.contracts.kafka.CompactedTopicTable;

import io.likeness.contracts.events.Json;
import io.likeness.contracts.kafka.Topics;
import io.likeness.contracts.model.ModelRecord;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The model registry: the compacted {@code likeness.models} topic in memory. Key = version, key
 * {@link ModelRecord#ACTIVE_KEY} = the promoted checkpoint.
 */
@ApplicationScoped
public class ModelRegistry {

    @Inject
    GpuWorkerConfig config;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @ConfigProperty(name = "quarkus.application.name")
    String application;

    private CompactedTopicTable<ModelRecord> table;

    void start(@Observes StartupEvent event) {
        table();
    }

    private synchronized CompactedTopicTable<ModelRecord> table() {
        if (table == null) {
            table = new CompactedTopicTable<>(bootstrapServers, Topics.MODELS.name(), application + "-models",
                    bytes -> Json.read(bytes, ModelRecord.class));
            table.start();
        }
        return table;
    }

    /** The promoted checkpoint, if any. */
    public Optional<ModelRecord> active() {
        return lookup(ModelRecord.ACTIVE_KEY);
    }

    /** A published checkpoint by version. */
    public Optional<ModelRecord> model(String version) {
        return lookup(version);
    }

    /** S3 key of a version's checkpoint (its manifest or archive), as the registry records it. */
    public Optional<String> checkpointKey(String version) {
        return model(version).map(ModelRecord::manifestKey);
    }

    private Optional<ModelRecord> lookup(String key) {
        Optional<ModelRecord> found = table().get(key);
        if (found.isPresent()) {
            return found;
        }
        table().awaitCaughtUp(config.catchUpTimeout());
        return table().get(key);
    }

    @PreDestroy
    synchronized void stop() {
        if (table != null) {
            table.close();
        }
    }
}
