package io.likeness.gpuworker;

import io.likeness.testkit.RealInfra;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;

/** Reads topics of the real broker from the beginning into memory and produces raw records. */
final class KafkaProbe implements AutoCloseable {

    private final List<ConsumerRecord<String, byte[]>> records = new CopyOnWriteArrayList<>();
    private final KafkaProducer<String, byte[]> producer;
    private final Thread reader;
    private volatile boolean running = true;

    KafkaProbe(String... topics) {
        Properties c = new Properties();
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, RealInfra.bootstrapServers());
        c.put(ConsumerConfig.GROUP_ID_CONFIG, "probe-" + UUID.randomUUID());
        c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        c.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        c.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, RealInfra.bootstrapServers());
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        producer = new KafkaProducer<>(p);
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(c);
        List<TopicPartition> tps = new ArrayList<>();
        for (String topic : topics) {
            consumer.partitionsFor(topic).forEach(i -> tps.add(new TopicPartition(topic, i.partition())));
        }
        consumer.assign(tps);
        consumer.seekToBeginning(tps);
        reader = new Thread(() -> {
            try (consumer) {
                while (running) {
                    consumer.poll(Duration.ofMillis(100)).forEach(records::add);
                }
            }
        }, "kafka-probe");
        reader.setDaemon(true);
        reader.start();
    }

    void send(String topic, String key, byte[] value) {
        send(topic, null, key, value);
    }

    void send(String topic, Integer partition, String key, byte[] value) {
        send(topic, partition, key, value, java.util.Map.of());
    }

    void send(String topic, Integer partition, String key, byte[] value, java.util.Map<String, String> headers) {
        try {
            ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, partition, key, value);
            headers.forEach((k, v) -> record.headers().add(k, v.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            producer.send(record).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    List<ConsumerRecord<String, byte[]>> records(String topic, String key) {
        return records.stream().filter(r -> r.topic().equals(topic) && key.equals(r.key())).toList();
    }

    /** Waits (up to a generous limit) until a record of {@code topic} with {@code key} matches. */
    ConsumerRecord<String, byte[]> await(String topic, String key, Predicate<ConsumerRecord<String, byte[]>> match) {
        return Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(100))
                .until(() -> records(topic, key).stream().filter(match).findFirst().orElse(null),
                        r -> r != null);
    }

    @Override
    public void close() {
        running = false;
        producer.close();
    }
}
