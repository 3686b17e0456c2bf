package io.likeness.contracts.trainer;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Topic {@code likeness.training.requested} (key = request id): train the foundation models up to a stage, in the
 * trainer's work directory. Runs are resumable: a stage whose final checkpoint exists is skipped, and one that was
 * cut off (a restart, a redelivery) continues from its last checkpoint. Each finished stage's checkpoint is stored
 * under {@code foundation/{version}/} when {@code publish} is set. The trainer answers on
 * {@code likeness.trainer.events} ({@link TrainerEvent}: done/total count stages).
 *
 * @param requestId   id of the request (a storage-safe id)
 * @param until       the last stage to run: vae, clip, identity or base (each needs the ones before it)
 * @param seed        data and run seed
 * @param publish     store each finished stage's checkpoint in S3
 * @param requestedAt when the request was sent
 */
public record TrainingRequest(int schemaVersion, String requestId, String until, long seed, boolean publish,
                              Instant requestedAt) {

    public static final int SCHEMA_VERSION = io.likeness.contracts.events.SchemaVersions.TRAINING_REQUEST;
    /** The foundation stages, in the order they run. */
    public static final List<String> STAGES = List.of("vae", "clip", "identity", "base");

    private static final Pattern REQUEST_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

    /** The stages this request runs, in order. */
    public List<String> stages() {
        int last = STAGES.indexOf(until);
        return last < 0 ? List.of() : STAGES.subList(0, last + 1);
    }

    /** What is wrong with this request, one line per problem; empty when it can be run. */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (schemaVersion != SCHEMA_VERSION) {
            problems.add("schemaVersion must be " + SCHEMA_VERSION + " (was " + schemaVersion + ")");
        }
        if (requestId == null || !REQUEST_ID.matcher(requestId).matches() || requestId.contains("..")) {
            problems.add("requestId must be 1-128 characters of A-Z a-z 0-9 . _ - (was '" + requestId + "')");
        }
        if (!STAGES.contains(until)) {
            problems.add("until must be one of " + STAGES + " (was '" + until + "')");
        }
        return problems;
    }
}
