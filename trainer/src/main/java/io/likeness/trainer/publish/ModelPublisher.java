package io.likeness.trainer.publish;

import ai.djl.nn.Block;
import io.likeness.contracts.events.JsonSerializer;
import io.likeness.contracts.kafka.Topics;
import io.likeness.contracts.model.EditDirection;
import io.likeness.contracts.model.ModelRecord;
import io.likeness.contracts.storage.ObjectStore;
import io.likeness.contracts.storage.StorageKeys;
import io.likeness.mcdm.checkpoint.CheckpointManifest;
import io.likeness.mcdm.checkpoint.CheckpointStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Publishes a checkpoint: saves it (manifest + one {@code .params} per block, sha256 of each), uploads its archive
 * to {@code models/{version}/checkpoint.zip}, and announces it on the compacted {@code likeness.models} topic —
 * PUBLISHED, or PROMOTED (then also under the {@code active} key, which workers use for new jobs).
 */
public final class ModelPublisher {

    public static final String ARCHIVE = "checkpoint.zip";

    private final ObjectStore store;
    private final String bootstrapServers;

    public ModelPublisher(ObjectStore store, String bootstrapServers) {
        this.store = store;
        this.bootstrapServers = bootstrapServers;
    }

    public ModelRecord publish(CheckpointManifest manifest, Map<String, Block> blocks, List<EditDirection> catalog,
                               boolean promote, String note) throws IOException {
        Path dir = Files.createTempDirectory("likeness-checkpoint-");
        try {
            CheckpointManifest saved = CheckpointStore.save(dir.resolve("checkpoint"), manifest, blocks);
            String key = StorageKeys.modelPrefix(saved.version()) + ARCHIVE;
            CheckpointStore.upload(store, key, dir.resolve("checkpoint"));
            ModelRecord record = new ModelRecord(1, saved.version(),
                    promote ? ModelRecord.Status.PROMOTED : ModelRecord.Status.PUBLISHED, key, catalog,
                    saved.metrics(), Instant.now(), note);
            announce(record, promote);
            return record;
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private void announce(ModelRecord record, boolean promote) throws IOException {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, JsonSerializer.class.getName());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, Object> producer = new KafkaProducer<>(p)) {
            producer.send(new ProducerRecord<>(Topics.MODELS.name(), record.version(), record)).get(30, TimeUnit.SECONDS);
            if (promote) {
                producer.send(new ProducerRecord<>(Topics.MODELS.name(), ModelRecord.ACTIVE_KEY, record)).get(30, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while announcing " + record.version(), e);
        } catch (Exception e) {
            throw new IOException("cannot announce " + record.version() + " on " + Topics.MODELS.name() + ": " + e.getMessage(), e);
        }
    }
}
