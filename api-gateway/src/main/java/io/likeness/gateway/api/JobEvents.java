package io.likeness.gateway.api;

import io.likeness.contracts.events.EditRequested;
import io.likeness.contracts.events.JobControl;
import io.likeness.contracts.events.JobEvent;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * The gateway's writes to Kafka, keyed by job id. Each send completes when the broker acknowledged it
 * ({@code acks=all}), so an HTTP answer is only given for work that is durably queued.
 */
@ApplicationScoped
public class JobEvents {

    private static final Duration ACK_TIMEOUT = Duration.ofSeconds(15);

    @Inject
    @Channel("job-events")
    Emitter<JobEvent> events;

    @Inject
    @Channel("edit-requested")
    Emitter<EditRequested> requests;

    @Inject
    @Channel("job-control")
    Emitter<JobControl> control;

    public void publish(JobEvent event) {
        sendAndAwaitAck(events, event.jobId(), event);
    }

    public void request(EditRequested request) {
        sendAndAwaitAck(requests, request.spec().jobId(), request);
    }

    public void control(JobControl command) {
        sendAndAwaitAck(control, command.jobId(), command);
    }

    /** Sends a keyed record and waits for the broker's acknowledgement; 503 {@code queue_unavailable} if none. */
    public static <T> void sendAndAwaitAck(Emitter<T> emitter, String key, T payload) {
        CompletableFuture<Void> acked = new CompletableFuture<>();
        emitter.send(Message.of(payload)
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(key).build())
                .withAck(() -> {
                    acked.complete(null);
                    return CompletableFuture.completedFuture(null);
                })
                .withNack(t -> {
                    acked.completeExceptionally(t);
                    return CompletableFuture.completedFuture(null);
                }));
        try {
            acked.get(ACK_TIMEOUT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing to Kafka", e);
        } catch (Exception e) {
            throw new io.likeness.gateway.api.problem.ApiException(503, "queue_unavailable", "Queue unavailable",
                    "could not write to Kafka (" + e.getMessage() + "); retry the request", true);
        }
    }
}
