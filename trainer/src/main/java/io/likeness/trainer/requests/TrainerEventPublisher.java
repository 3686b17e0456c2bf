package io.likeness.trainer.requests;

import io.likeness.contracts.trainer.TrainerEvent;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Publishes {@link TrainerEvent}s to {@code likeness.trainer.events}, keyed by request id, and waits for the ack;
 * returns the event, so that a run can end with {@code return events.publish(outcome)}.
 */
@ApplicationScoped
public class TrainerEventPublisher {

    @Inject
    @Channel("trainer-events")
    MutinyEmitter<TrainerEvent> events;

    public TrainerEvent publish(TrainerEvent event) {
        events.sendMessageAndAwait(Message.of(event).addMetadata(
                OutgoingKafkaRecordMetadata.<String>builder().withKey(event.requestId()).build()));
        return event;
    }
}
