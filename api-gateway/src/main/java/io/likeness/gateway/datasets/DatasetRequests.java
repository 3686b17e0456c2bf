package io.likeness.gateway.datasets;

import io.likeness.contracts.job.ErrorCodes;
import io.likeness.contracts.model.ModelRecord;
import io.likeness.contracts.trainer.DatasetRequest;
import io.likeness.contracts.trainer.TrainerEvent;
import io.likeness.gateway.api.JobEvents;
import io.likeness.gateway.api.problem.ApiException;
import io.likeness.gateway.models.ModelRegistryTable;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;

/**
 * Accepting dataset-generation requests: validate ({@link DatasetRequest#problems}, and that a base model names a
 * version of the registry), then two acknowledged writes before the client hears 202 — the request to
 * {@code likeness.dataset.requested} (the work, for the trainer) and a PROGRESS 0 of N to
 * {@code likeness.trainer.events} (so the status answers at once, from any instance), both keyed by request id.
 */
@ApplicationScoped
public class DatasetRequests {

    private static final SecureRandom SEEDS = new SecureRandom();

    @Inject
    @Channel("dataset-requested")
    Emitter<DatasetRequest> requests;

    @Inject
    @Channel("trainer-events")
    Emitter<TrainerEvent> trainerEvents;

    @Inject
    DatasetStatusTable statuses;

    @Inject
    ModelRegistryTable models;

    @Inject
    Clock clock;

    public DatasetView submit(DatasetRequestBody body) {
        if (body == null) {
            throw invalid(List.of("a JSON body is required"));
        }
        DatasetRequest request = new DatasetRequest(DatasetRequest.SCHEMA_VERSION, "ds-" + UUID.randomUUID(),
                directions(body), body.pairsPerDirection() == null ? 0 : body.pairsPerDirection(),
                body.seed() == null ? SEEDS.nextLong() : body.seed(),
                Optional.ofNullable(body.baseModelVersion()).filter(v -> !v.isBlank()), clock.instant());
        List<String> problems = new ArrayList<>(request.problems());
        if (body.pairsPerDirection() == null) {
            problems.add("pairsPerDirection is required");
        }
        if (problems.isEmpty() && request.baseModelVersion().isPresent()) {
            String base = request.baseModelVersion().get();
            ModelRecord r = models.current().get(base);
            if (r == null || ModelRecord.ACTIVE_KEY.equals(base)) {
                problems.add("baseModelVersion '" + base + "' is not in the model registry (GET /v1/models)");
            }
        }
        if (!problems.isEmpty()) {
            throw invalid(problems);
        }
        JobEvents.sendAndAwaitAck(requests, request.requestId(), request);
        TrainerEvent accepted = TrainerEvent.progress(request.requestId(), 0, request.totalPairs(), clock.instant());
        JobEvents.sendAndAwaitAck(trainerEvents, request.requestId(), accepted);
        return DatasetView.of(accepted);
    }

    public DatasetView find(String id) {
        return statuses.find(id).map(DatasetView::of).orElseThrow(() -> new ApiException(404,
                ErrorCodes.DATASET_NOT_FOUND, "Dataset not found", "no dataset request '" + id + "'", false));
    }

    private static List<DatasetRequest.Direction> directions(DatasetRequestBody body) {
        if (body.directions() == null) {
            return List.of();
        }
        return body.directions().stream()
                .map(d -> d == null ? null : new DatasetRequest.Direction(d.id(), d.sourceDescription(),
                        d.targetDescription(), d.lambda() == null ? Double.NaN : d.lambda()))
                .toList();
    }

    private static ApiException invalid(List<String> problems) {
        return new ApiException(400, ErrorCodes.INVALID_REQUEST, "Invalid dataset request",
                String.join("; ", problems), false);
    }
}
