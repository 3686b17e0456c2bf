package io.likeness.contracts.events;

import org.apache.kafka.common.serialization.Serializer;

/** Kafka value serializer for every event record: {@link Json}'s conventions. */
public final class JsonSerializer implements Serializer<Object> {

    @Override
    public byte[] serialize(String topic, Object data) {
        return data == null ? null : Json.write(data);
    }
}
