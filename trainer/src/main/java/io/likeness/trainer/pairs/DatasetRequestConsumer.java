package io.likeness.trainer.pairs;

import io.likeness.contracts.events.Json;
import io.likeness.contracts.trainer.DatasetRequest;
import io.likeness.contracts.trainer.TrainerEvent;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Consumes {@code likeness.dataset.requested}. Generation runs on the bounded {@code dataset-pool} worker pool,
 * not on the connector's poll thread, so a generation of hours never breaches {@code max.poll.interval.ms} (the
 * connector keeps polling and pauses the partitions while its queue is full; see application.properties for the
 * commit settings). A request that does not parse or does not validate is answered FAILED once and acknowledged:
 * it is never retried.
 */
@ApplicationScoped
public class DatasetRequestConsumer {

    private static final Logger LOG = Logger.getLogger(DatasetRequestConsumer.class);

    @Inject
    DatasetGeneration generation;

    @Inject
    TrainerEventPublisher events;

    @Incoming("dataset-requested")
    @Blocking(value = "dataset-pool", ordered = false)
    public void onRequest(ConsumerRecord<String, byte[]> record) {
        DatasetRequest request;
        try {
            request = Json.read(record.value(), DatasetRequest.class);
        } catch (RuntimeException e) {
            refuse(record.key(), List.of("not a dataset request: " + e.getMessage()));
            return;
        }
        List<String> problems = request.problems();
        if (!problems.isEmpty()) {
            refuse(request.requestId() != null && !request.requestId().isBlank() ? request.requestId() : record.key(),
                    problems);
            return;
        }
        TrainerEvent outcome = generation.run(request);
        LOG.infof("dataset request %s: %s", request.requestId(), outcome.type());
    }

    private void refuse(String requestId, List<String> problems) {
        String message = "invalid dataset request: " + String.join("; ", problems);
        if (requestId == null || requestId.isBlank()) {
            LOG.errorf("dropping a dataset request without an id: %s", message);
            return;
        }
        LOG.warnf("dataset request %s refused: %s", requestId, message);
        events.publish(TrainerEvent.failed(requestId, 0, 0, message, Instant.now()));
    }
}
