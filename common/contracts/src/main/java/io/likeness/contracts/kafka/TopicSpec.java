package io.likeness.contracts.kafka;

/**
 * A Kafka topic as Likeness creates it.
 *
 * @param name       topic name
 * @param partitions partition count; bounds the size of the consumer group that reads it (KEDA cannot scale
 *                   consumers past partitions), so job topics get enough for the largest worker fleet
 * @param compacted  {@code cleanup.policy=compact} (latest value per key is kept: job views, model registry)
 * @param purpose    one line, shown by {@code deploy/likeness status} and in the docs
 */
public record TopicSpec(String name, int partitions, boolean compacted, String purpose) {

    public TopicSpec {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("topic name is blank");
        }
        if (partitions < 1) {
            throw new IllegalArgumentException("topic " + name + ": partitions must be >= 1, was " + partitions);
        }
    }
}
