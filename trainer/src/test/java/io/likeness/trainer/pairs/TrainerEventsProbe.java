package io.likeness.trainer.pairs;

import io.likeness.contracts.events.Json;
import io.likeness.contracts.events.JsonSerializer;
import io.likeness.contracts.kafka.Topics;
import io.likeness.contracts.trainer.TrainerEvent;
import io.likeness.testkit.RealInfra;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Trainer requests on the real broker: sends a request, and reads {@code likeness.trainer.events} from the
 * beginning for the events of one request.
 */
public final class TrainerEventsProbe {

    private TrainerEventsProbe() {
    }

    /** Sends {@code value} as JSON to {@code topic} under {@code key} and waits for the broker's ack. */
    public static void send(String topic, String key, Object value) throws Exception {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, RealInfra.bootstrapServers());
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, JsonSerializer.class.getName());
        try (KafkaProducer<String, Object> producer = new KafkaProducer<>(p)) {
            producer.send(new ProducerRecord<>(topic, key, value)).get(30, TimeUnit.SECONDS);
        }
    }

    /** The request's events in order, read until a terminal one arrives (or the timeout passes). */
    public static List<TrainerEvent> untilFinished(String requestId, Duration timeout) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, RealInfra.bootstrapServers());
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        List<TrainerEvent> events = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(p)) {
            List<TopicPartition> tps = consumer.partitionsFor(Topics.TRAINER_EVENTS.name(), Duration.ofSeconds(10))
                    .stream().map(i -> new TopicPartition(i.topic(), i.partition())).toList();
            consumer.assign(tps);
            consumer.seekToBeginning(tps);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                for (var r : consumer.poll(Duration.ofMillis(200))) {
                    if (requestId.equals(r.key())) {
                        TrainerEvent e = Json.read(r.value(), TrainerEvent.class);
                        events.add(e);
                        if (e.type().terminal()) {
                            return events;
                        }
                    }
                }
            }
        }
        throw new AssertionError("no final event for " + requestId + " within " + timeout + "; saw " + events);
    }
}
