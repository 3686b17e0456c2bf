package io.likeness.gateway.webhook;

import io.likeness.contracts.events.Json;
import io.likeness.contracts.kafka.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jboss.logging.Logger;

/**
 * A {@link DeliveryStore} on the compacted topic {@code likeness.webhook.deliveries}, keyed by message id, with
 * plain kafka-clients.
 *
 * <ul>
 *   <li><b>Writes</b>: {@link #save} produces the delivery as JSON, {@link #markDone} a tombstone (compaction then
 *       drops the key). Both wait for the broker's acknowledgement ({@code acks=all}, idempotent producer), so a
 *       save is durable when it returns.</li>
 *   <li><b>Reads</b>: a consumer in the group {@code likeness.webhooks.delivery-store-group} gets a share of the
 *       partitions; on every assignment it reads its partitions from the beginning (no committed offsets) and
 *       materialises the latest value per key in memory. {@link #due} only returns deliveries of partitions this
 *       instance owns and has fully read, so with several gateway instances each pending delivery is retried
 *       by exactly one of them, and a crashed instance's deliveries move to the survivors with its
 *       partitions.</li>
 *   <li><b>Ordering</b>: a save is applied to memory right away (if its partition is owned) and again when the
 *       consumer reads it back; a read-back never replaces a newer local state (more attempts made), and a
 *       pending record of a message this instance marked done is ignored until its tombstone is read, so a
 *       lagging consumer cannot resurrect a finished delivery.</li>
 * </ul>
 * Why Kafka and not a database: the gateway has no database, the topic already exists for this purpose, and the
 * pending set is small (messages still retrying), so rebuilding it from a compacted topic at start is cheap.
 */
public final class KafkaDeliveryStore implements DeliveryStore, AutoCloseable {

    private static final Logger LOG = Logger.getLogger(KafkaDeliveryStore.class);
    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(30);
    private static final int FINISHED_MEMORY = 10_000;

    private record Entry(PendingDelivery delivery, int partition) {
    }

    private final String topic;
    private final KafkaProducer<String, byte[]> producer;
    private final KafkaConsumer<String, byte[]> consumer;
    private final Map<String, Entry> pending = new ConcurrentHashMap<>();
    /** Partitions assigned to this instance. */
    private final Set<Integer> owned = ConcurrentHashMap.newKeySet();
    /** Owned partitions still being read up to their end offset at assignment. */
    private final Map<Integer, Long> loading = new ConcurrentHashMap<>();
    /** Ids marked done here whose tombstone the consumer has not read back yet. */
    private final Map<String, Boolean> finished = java.util.Collections.synchronizedMap(
            new LinkedHashMap<>(16, 0.75f, false) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                    return size() > FINISHED_MEMORY;
                }
            });
    private final CountDownLatch firstAssignment = new CountDownLatch(1);
    private final Thread reader;
    private volatile boolean running = true;

    /**
     * Connects and starts reading. Use {@link #awaitReady} before relying on {@link #due}.
     *
     * @param bootstrapServers Kafka brokers
     * @param group            consumer group shared by the gateway instances
     * @param extra            further client properties (security, etc.) applied to producer and consumer
     */
    public KafkaDeliveryStore(String bootstrapServers, String group, Map<String, Object> extra) {
        this(bootstrapServers, group, Topics.WEBHOOK_DELIVERIES.name(), extra);
    }

    /** As above, on another topic (tests use a fresh one). */
    public KafkaDeliveryStore(String bootstrapServers, String group, String topic, Map<String, Object> extra) {
        this.topic = topic;
        String instance = UUID.randomUUID().toString().substring(0, 8);

        Map<String, Object> p = new HashMap<>(extra);
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "webhook-store-producer-" + instance);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        this.producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());

        Map<String, Object> c = new HashMap<>(extra);
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        c.put(ConsumerConfig.CLIENT_ID_CONFIG, "webhook-store-consumer-" + instance);
        c.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        this.consumer = new KafkaConsumer<>(c, new StringDeserializer(), new ByteArrayDeserializer());

        this.reader = new Thread(this::readLoop, "webhook-store-reader");
        this.reader.setDaemon(true);
        this.reader.start();
    }

    /**
     * Waits until this instance got its first partition assignment and has read its partitions to the end.
     *
     * @return whether it is ready within the timeout
     */
    public boolean awaitReady(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        if (!firstAssignment.await(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
            return false;
        }
        while (!loading.isEmpty()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(10);
        }
        return true;
    }

    /** Whether the owned partitions are fully read (due() is complete). */
    public boolean isReady() {
        return firstAssignment.getCount() == 0 && loading.isEmpty();
    }

    @Override
    public void save(PendingDelivery delivery) {
        RecordMetadata md = send(new ProducerRecord<>(topic, delivery.messageId(), Json.write(delivery)));
        finished.remove(delivery.messageId());
        if (owned.contains(md.partition())) {
            pending.merge(delivery.messageId(), new Entry(delivery, md.partition()), KafkaDeliveryStore::newer);
        }
    }

    @Override
    public void markDone(String messageId) {
        send(new ProducerRecord<>(topic, messageId, null));
        finished.put(messageId, Boolean.TRUE);
        pending.remove(messageId);
    }

    @Override
    public Optional<PendingDelivery> find(String messageId) {
        return Optional.ofNullable(pending.get(messageId)).map(Entry::delivery);
    }

    @Override
    public List<PendingDelivery> due(Instant now, int limit) {
        return pending.values().stream()
                .filter(e -> owned.contains(e.partition()) && !loading.containsKey(e.partition()))
                .map(Entry::delivery)
                .filter(d -> !d.nextAttemptAt().isAfter(now))
                .sorted(Comparator.comparing(PendingDelivery::nextAttemptAt))
                .limit(Math.max(0, limit))
                .toList();
    }

    /** How many pending deliveries this instance holds (owned partitions). */
    public int size() {
        return pending.size();
    }

    private RecordMetadata send(ProducerRecord<String, byte[]> record) {
        try {
            return producer.send(record).get(SEND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing webhook delivery " + record.key(), e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not write webhook delivery " + record.key() + " to " + topic, e);
        }
    }

    private static Entry newer(Entry current, Entry incoming) {
        return incoming.delivery().attemptsMade() >= current.delivery().attemptsMade() ? incoming : current;
    }

    private void readLoop() {
        try {
            consumer.subscribe(List.of(topic), new ConsumerRebalanceListener() {
                @Override
                public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                    consumer.seekToBeginning(partitions);
                    Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
                    for (TopicPartition tp : partitions) {
                        owned.add(tp.partition());
                        long end = ends.getOrDefault(tp, 0L);
                        if (end > 0) {
                            loading.put(tp.partition(), end);
                        }
                    }
                    firstAssignment.countDown();
                }

                @Override
                public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                    drop(partitions);
                }

                @Override
                public void onPartitionsLost(Collection<TopicPartition> partitions) {
                    drop(partitions);
                }
            });
            while (running) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    apply(r);
                }
                for (Map.Entry<Integer, Long> l : loading.entrySet()) {
                    if (consumer.position(new TopicPartition(topic, l.getKey())) >= l.getValue()) {
                        loading.remove(l.getKey());
                    }
                }
            }
        } catch (WakeupException e) {
            if (running) {
                LOG.error("webhook delivery store reader woken unexpectedly", e);
            }
        } catch (RuntimeException e) {
            LOG.error("webhook delivery store reader stopped; pending retries are not polled until restart", e);
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    private void drop(Collection<TopicPartition> partitions) {
        for (TopicPartition tp : partitions) {
            owned.remove(tp.partition());
            loading.remove(tp.partition());
        }
        Set<Integer> gone = new java.util.HashSet<>();
        partitions.forEach(tp -> gone.add(tp.partition()));
        pending.values().removeIf(e -> gone.contains(e.partition()));
    }

    private void apply(ConsumerRecord<String, byte[]> r) {
        if (r.key() == null) {
            return;
        }
        if (r.value() == null) {
            pending.remove(r.key());
            finished.remove(r.key());
            return;
        }
        if (finished.containsKey(r.key())) {
            return; // an older pending record of a message marked done here; its tombstone follows
        }
        PendingDelivery d;
        try {
            d = Json.read(r.value(), PendingDelivery.class);
        } catch (RuntimeException e) {
            LOG.warnf("skipping unreadable webhook delivery %s at %s-%d@%d: %s", r.key(), r.topic(), r.partition(),
                    r.offset(), e.getMessage());
            return;
        }
        pending.merge(r.key(), new Entry(d, r.partition()), KafkaDeliveryStore::newer);
    }

    /** Stops the reader and closes the clients. Pending deliveries stay on the topic. */
    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            reader.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        producer.close(Duration.ofSeconds(5));
    }
}
