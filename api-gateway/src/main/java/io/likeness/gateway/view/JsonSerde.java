package io.likeness.gateway.view;

import io.likeness.contracts.events.Json;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/** Kafka Streams serde for the contracts' records, with the one shared JSON configuration ({@link Json}). */
public final class JsonSerde {

    private JsonSerde() {
    }

    public static <T> Serde<T> of(Class<T> type) {
        Serializer<T> serializer = (topic, value) -> value == null ? null : Json.write(value);
        Deserializer<T> deserializer = (topic, bytes) -> bytes == null ? null : Json.read(bytes, type);
        return Serdes.serdeFrom(serializer, deserializer);
    }
}
