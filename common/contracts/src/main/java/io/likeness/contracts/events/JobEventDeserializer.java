package io.likeness.contracts.events;

import org.apache.kafka.common.serialization.Deserializer;

/** Kafka value deserializer for {@link JobEvent}. */
public final class JobEventDeserializer implements Deserializer<JobEvent> {

    @Override
    public JobEvent deserialize(String topic, byte[] data) {
        return data == null ? null : Json.read(data, JobEvent.class);
    }
}
