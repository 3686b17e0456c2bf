package io.likeness.contracts.trainer;

import java.time.Instant;
import java.util.Optional;

/**
 * Topic {@code likeness.trainer.events} (key = request id): the progress and outcome of a trainer run. The latest
 * state of a request is the fold of its events ({@link #fold}).
 *
 * @param requestId  the {@link DatasetRequest} or {@link TrainingRequest} this is about
 * @param type       PROGRESS (done of total so far), SUCCEEDED (result stored), FAILED (will not be retried)
 * @param done       pairs generated so far (dataset requests) or stages finished (training requests)
 * @param total      pairs to generate, or stages to run
 * @param datasetKey S3 key of the result (SUCCEEDED): the dataset's manifest, or the checkpoint archive of the
 *                   last stage trained
 * @param error      what went wrong (FAILED), readable by the person who sent the request
 * @param at         when it happened
 */
public record TrainerEvent(int schemaVersion, String requestId, Type type, long done, long total,
                           Optional<String> datasetKey, Optional<String> error, Instant at) {

    public static final int SCHEMA_VERSION = io.likeness.contracts.events.SchemaVersions.TRAINER_EVENT;

    public enum Type {
        PROGRESS, SUCCEEDED, FAILED;

        public boolean terminal() {
            return this != PROGRESS;
        }
    }

    public TrainerEvent {
        datasetKey = datasetKey == null ? Optional.empty() : datasetKey;
        error = error == null ? Optional.empty() : error;
    }

    public static TrainerEvent progress(String requestId, long done, long total, Instant at) {
        return new TrainerEvent(SCHEMA_VERSION, requestId, Type.PROGRESS, done, total, Optional.empty(),
                Optional.empty(), at);
    }

    public static TrainerEvent succeeded(String requestId, long total, String datasetKey, Instant at) {
        return new TrainerEvent(SCHEMA_VERSION, requestId, Type.SUCCEEDED, total, total, Optional.of(datasetKey),
                Optional.empty(), at);
    }

    public static TrainerEvent failed(String requestId, long done, long total, String error, Instant at) {
        return new TrainerEvent(SCHEMA_VERSION, requestId, Type.FAILED, done, total, Optional.empty(),
                Optional.of(error), at);
    }

    /**
     * The state after {@code next}, given the state before ({@code null} if none): a finished request stays
     * finished (a redelivered request may report progress again before it re-reports its outcome), progress never
     * goes backwards.
     */
    public static TrainerEvent fold(TrainerEvent before, TrainerEvent next) {
        if (before == null) {
            return next;
        }
        if (before.type().terminal() && next.type() == Type.PROGRESS) {
            return before;
        }
        if (before.type() == Type.PROGRESS && next.type() == Type.PROGRESS && next.done() < before.done()) {
            return before;
        }
        return next;
    }
}
