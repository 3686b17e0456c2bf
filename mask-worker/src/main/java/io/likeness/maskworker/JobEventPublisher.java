package io.likeness.maskworker;

import io.likeness.contracts.events.JobEvent;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/** Publishes {@link JobEvent}s to {@code likeness.job.events}, keyed by job id. */
@ApplicationScoped
public class JobEventPublisher {

    private static final Logger LOG = Logger.getLogger(JobEventPublisher.class);

    @Inject
    @Channel("job-events")
    MutinyEmitter<JobEvent> events;

    /** Sends and waits for the broker's acknowledgement. */
    public void publish(JobEvent event) {
        events.sendMessageAndAwait(keyed(event.jobId(), event));
    }

    /** Best effort, for a failure report on the way to the dead-letter topic. */
    public void publishQuietly(JobEvent event) {
        try {
            publish(event);
        } catch (RuntimeException e) {
            LOG.errorf(e, "could not publish %s", event.eventId());
        }
    }

    /** A message with the Kafka key set. */
    public static <T> Message<T> keyed(String key, T payload) {
        return Message.of(payload).addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(key).build());
    }
}
