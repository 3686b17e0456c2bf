package io.likeness.trainer.publish;

import io.likeness.contracts.events.Json;
import io.likeness.contracts.kafka.Topics;
import io.likeness.contracts.model.ModelRecord;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads the compacted {@code likeness.models} topic to its end: the registry as it is now. */
public final class ModelRegistryReader {

    private ModelRegistryReader() {
    }

    public static Map<String, ModelRecord> read(String bootstrapServers, Duration timeout) {
        Properties c = new Properties();
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        c.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        c.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        Map<String, ModelRecord> registry = new HashMap<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(c)) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.MODELS.name(), timeout).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p)) && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> {
                    if (r.value() == null) {
                        registry.remove(r.key());
                    } else {
                        registry.put(r.key(), Json.read(r.value(), ModelRecord.class));
                    }
                });
            }
        }
        return registry;
    }

    public static Optional<ModelRecord> active(String bootstrapServers, Duration timeout) {
        return Optional.ofNullable(read(bootstrapServers, timeout).get(ModelRecord.ACTIVE_KEY));
    }
}
