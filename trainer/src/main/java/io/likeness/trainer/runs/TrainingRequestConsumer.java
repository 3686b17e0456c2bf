package io.likeness.trainer.runs;

import io.likeness.contracts.trainer.TrainingRequest;
import io.likeness.trainer.requests.RequestIntake;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Consumes {@code likeness.training.requested}. A run takes hours: it runs on the single-thread
 * {@code training-pool}, off the connector's poll thread, with the same commit settings as dataset requests (see
 * application.properties). A request that does not parse or validate is answered FAILED once and acknowledged
 * ({@link RequestIntake}).
 */
@ApplicationScoped
public class TrainingRequestConsumer {

    private static final Logger LOG = Logger.getLogger(TrainingRequestConsumer.class);

    @Inject
    FoundationTraining training;

    @Inject
    RequestIntake intake;

    @Incoming("training-requested")
    @Blocking(value = "training-pool", ordered = false)
    public void onRequest(ConsumerRecord<String, byte[]> record) {
        intake.accept(record, TrainingRequest.class, "training request", TrainingRequest::problems,
                TrainingRequest::requestId).ifPresent(request ->
                LOG.infof("training request %s: %s", request.requestId(), training.run(request).type()));
    }
}
