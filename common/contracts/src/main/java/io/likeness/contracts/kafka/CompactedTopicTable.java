package io.likeness.contracts.kafka;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BinaryOperator;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;

/**
 * A compacted topic read from the beginning into memory by a plain {@link KafkaConsumer} on its own thread (no
 * consumer group: every instance reads every partition). A null value (tombstone) removes the key. Values that do
 * not parse are logged and skipped. {@link #awaitCaughtUp} waits until everything written before the call has
 * been read, so a decision taken after it sees every earlier record (e.g. a cancellation).
 */
public final class CompactedTopicTable<V> implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(CompactedTopicTable.class);

    private final String topic;
    private final Properties props;
    private final Function<byte[], V> parse;
    private final BinaryOperator<V> fold;
    private final Map<String, V> values = new ConcurrentHashMap<>();
    private final Map<TopicPartition, Long> positions = new ConcurrentHashMap<>();
    private volatile List<TopicPartition> partitions;
    private volatile boolean running = true;
    private final Thread thread;
    private KafkaConsumer<String, byte[]> reader;
    private KafkaConsumer<String, byte[]> endOffsets;

    public CompactedTopicTable(String bootstrapServers, String topic, String clientId, Function<byte[], V> parse) {
        this(bootstrapServers, topic, clientId, parse, (before, next) -> next);
    }

    /**
     * A table whose value per key is a fold of the key's records (for topics of events rather than states).
     *
     * @param fold (value so far or null, next record's value) → new value
     */
    public CompactedTopicTable(String bootstrapServers, String topic, String clientId, Function<byte[], V> parse,
                               BinaryOperator<V> fold) {
        this.topic = topic;
        this.parse = parse;
        this.fold = fold;
        props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        thread = new Thread(this::run, clientId);
        thread.setDaemon(true);
    }

    public void start() {
        thread.start();
    }

    public Optional<V> get(String key) {
        return Optional.ofNullable(values.get(key));
    }

    public int size() {
        return values.size();
    }

    /** Every key and its latest value, as read so far (a copy). */
    public Map<String, V> snapshot() {
        return Map.copyOf(values);
    }

    /**
     * Waits until this table has read up to the end offsets the topic has now.
     *
     * @return false when that did not happen within {@code timeout}
     */
    public boolean awaitCaughtUp(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (partitions == null) {
                if (System.nanoTime() > deadline) {
                    return false;
                }
                Thread.sleep(20);
            }
            Map<TopicPartition, Long> ends;
            synchronized (this) {
                if (endOffsets == null) {
                    Properties p = new Properties();
                    p.putAll(props);
                    p.put(ConsumerConfig.CLIENT_ID_CONFIG, props.getProperty(ConsumerConfig.CLIENT_ID_CONFIG) + "-ends");
                    endOffsets = new KafkaConsumer<>(p);
                }
                ends = endOffsets.endOffsets(partitions, timeout);
            }
            while (true) {
                boolean caughtUp = true;
                for (Map.Entry<TopicPartition, Long> e : ends.entrySet()) {
                    if (positions.getOrDefault(e.getKey(), -1L) < e.getValue()) {
                        caughtUp = false;
                        break;
                    }
                }
                if (caughtUp) {
                    return true;
                }
                if (System.nanoTime() > deadline) {
                    return false;
                }
                Thread.sleep(10);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (RuntimeException e) {
            LOG.warnf("cannot check whether %s is caught up: %s", topic, e.toString());
            return false;
        }
    }

    private void run() {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props)) {
            synchronized (this) {
                reader = consumer;
            }
            List<PartitionInfo> infos = List.of();
            while (running && infos.isEmpty()) {
                infos = consumer.partitionsFor(topic, Duration.ofSeconds(10));
                if (infos.isEmpty()) {
                    Thread.sleep(500);
                }
            }
            List<TopicPartition> tps = infos.stream().map(i -> new TopicPartition(topic, i.partition())).toList();
            consumer.assign(tps);
            consumer.seekToBeginning(tps);
            Map<TopicPartition, Long> initial = new HashMap<>();
            for (TopicPartition tp : tps) {
                initial.put(tp, consumer.position(tp));
            }
            positions.putAll(initial);
            partitions = tps;
            while (running) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    if (r.key() == null) {
                        continue;
                    }
                    if (r.value() == null) {
                        values.remove(r.key());
                        continue;
                    }
                    try {
                        V next = parse.apply(r.value());
                        values.compute(r.key(), (k, before) -> fold.apply(before, next));
                    } catch (RuntimeException e) {
                        LOG.warnf("skipping an unreadable record of %s (key %s): %s", topic, r.key(), e.getMessage());
                    }
                }
                for (TopicPartition tp : tps) {
                    positions.put(tp, consumer.position(tp));
                }
            }
        } catch (WakeupException e) {
            // closing
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.errorf(e, "the reader of %s stopped", topic);
        }
    }

    @Override
    public void close() {
        running = false;
        synchronized (this) {
            if (reader != null) {
                reader.wakeup();
            }
            if (endOffsets != null) {
                endOffsets.close(Duration.ofSeconds(2));
                endOffsets = null;
            }
        }
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
