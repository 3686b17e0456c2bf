package io.likeness.trainer.requests;

import io.likeness.contracts.events.Json;
import io.likeness.contracts.trainer.TrainerEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;

/**
 * The first step of every trainer request consumer: parse the record and validate it. A request that does not
 * parse or validate is answered FAILED once (keyed by its id, or the record key when it has none) and goes no
 * further: it is acknowledged and never retried, since no retry could make it valid.
 */
@ApplicationScoped
public class RequestIntake {

    private static final Logger LOG = Logger.getLogger(RequestIntake.class);

    @Inject
    TrainerEventPublisher events;

    /**
     * @param kind     what the request is, for messages ("dataset request")
     * @param problems what is wrong with a parsed request (empty = valid)
     * @param id       the request's id
     * @return the valid request, or empty when it was refused
     */
    public <T> Optional<T> accept(ConsumerRecord<String, byte[]> record, Class<T> type, String kind,
                                  Function<T, List<String>> problems, Function<T, String> id) {
        T request;
        try {
            request = Json.read(record.value(), type);
        } catch (RuntimeException e) {
            refuse(kind, record.key(), List.of("not a " + kind + ": " + e.getMessage()));
            return Optional.empty();
        }
        List<String> wrong = problems.apply(request);
        if (!wrong.isEmpty()) {
            String requestId = id.apply(request);
            refuse(kind, requestId != null && !requestId.isBlank() ? requestId : record.key(), wrong);
            return Optional.empty();
        }
        return Optional.of(request);
    }

    private void refuse(String kind, String requestId, List<String> problems) {
        String message = "invalid " + kind + ": " + String.join("; ", problems);
        if (requestId == null || requestId.isBlank()) {
            LOG.errorf("dropping a %s without an id: %s", kind, message);
            return;
        }
        LOG.warnf("%s %s refused: %s", kind, requestId, message);
        events.publish(TrainerEvent.failed(requestId, 0, 0, message, Instant.now()));
    }
}
