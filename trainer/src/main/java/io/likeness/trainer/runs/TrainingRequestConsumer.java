package io.likeness.trainer.runs;

import io.likeness.contracts.events.Json;
import io.likeness.contracts.trainer.TrainerEvent;
import io.likeness.contracts.trainer.TrainingRequest;
import io.likeness.trainer.pairs.TrainerEventPublisher;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Consumes {@code likeness.training.requested}. A run takes hours: it runs on the single-thread
 * {@code training-pool}, off the connector's poll thread, with the same commit settings as dataset requests (see
 * application.properties). A request that does not parse or validate is answered FAILED once and acknowledged.
 */
@ApplicationScoped
public class TrainingRequestConsumer {

    private static final Logger LOG = Logger.getLogger(TrainingRequestConsumer.class);

    @Inject
    FoundationTraining training;

    @Inject
    TrainerEventPublisher events;

    @Incoming("training-requested")
    @Blocking(value = "training-pool", ordered = false)
    public void onRequest(ConsumerRecord<String, byte[]> record) {
        TrainingRequest request;
        try {
            request = Json.read(record.value(), TrainingRequest.class);
        } catch (RuntimeException e) {
            refuse(record.key(), List.of("not a training request: " + e.getMessage()));
            return;
        }
        List<String> problems = request.problems();
        if (!problems.isEmpty()) {
            refuse(request.requestId() != null && !request.requestId().isBlank() ? request.requestId() : record.key(),
                    problems);
            return;
        }
        TrainerEvent outcome = training.run(request);
        LOG.infof("training request %s: %s", request.requestId(), outcome.type());
    }

    private void refuse(String requestId, List<String> problems) {
        String message = "invalid training request: " + String.join("; ", problems);
        if (requestId == null || requestId.isBlank()) {
            LOG.errorf("dropping a training request without an id: %s", message);
            return;
        }
        LOG.warnf("training request %s refused: %s", requestId, message);
        events.publish(TrainerEvent.failed(requestId, 0, 0, message, Instant.now()));
    }
}
