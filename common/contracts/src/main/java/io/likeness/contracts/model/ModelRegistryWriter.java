package io.likeness.contracts.model;

import io.likeness.contracts.events.JsonSerializer;
import io.likeness.contracts.kafka.Topics;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Writes model records to the compacted {@code likeness.models} topic (one partition, so the writes of one call
 * keep their order), idempotent producer with {@code acks=all}: a write is durable when {@link #write} returns.
 * Kafka has no compare-and-set: callers compute a change from the registry they read ({@link Promotions}) and
 * serialise their own decisions; two writers promoting at the same moment end with the last one active.
 */
public final class ModelRegistryWriter implements AutoCloseable {

    private static final long TIMEOUT_SECONDS = 30;

    private final KafkaProducer<String, Object> producer;

    public ModelRegistryWriter(String bootstrapServers) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, JsonSerializer.class.getName());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        producer = new KafkaProducer<>(p);
    }

    public void write(List<Promotions.Write> writes) throws IOException {
        List<Future<RecordMetadata>> sent = new ArrayList<>();
        for (Promotions.Write w : writes) {
            sent.add(producer.send(new ProducerRecord<>(Topics.MODELS.name(), w.key(), w.value())));
        }
        try {
            for (Future<RecordMetadata> f : sent) {
                f.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while writing to " + Topics.MODELS.name(), e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IOException("cannot write to " + Topics.MODELS.name() + ": " + e.getMessage(), e);
        }
    }

    public void write(String key, ModelRecord value) throws IOException {
        write(List.of(new Promotions.Write(key, value)));
    }

    @Override
    public void close() {
        producer.close(java.time.Duration.ofSeconds(5));
    }
}
