package io.likeness.trainer.pairs;

import io.likeness.contracts.trainer.DatasetRequest;
import io.likeness.trainer.requests.RequestIntake;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Consumes {@code likeness.dataset.requested}. Generation runs on the bounded {@code dataset-pool} worker pool,
 * not on the connector's poll thread, so a generation of hours never breaches {@code max.poll.interval.ms} (the
 * connector keeps polling and pauses the partitions while its queue is full; see application.properties for the
 * commit settings). A request that does not parse or does not validate is answered FAILED once and acknowledged:
 * it is never retried ({@link RequestIntake}).
 */
@ApplicationScoped
public class DatasetRequestConsumer {

    private static final Logger LOG = Logger.getLogger(DatasetRequestConsumer.class);

    @Inject
    DatasetGeneration generation;

    @Inject
    RequestIntake intake;

    @Incoming("dataset-requested")
    @Blocking(value = "dataset-pool", ordered = false)
    public void onRequest(ConsumerRecord<String, byte[]> record) {
        intake.accept(record, DatasetRequest.class, "dataset request", DatasetRequest::problems,
                DatasetRequest::requestId).ifPresent(request ->
                LOG.infof("dataset request %s: %s", request.requestId(), generation.run(request).type()));
    }
}
