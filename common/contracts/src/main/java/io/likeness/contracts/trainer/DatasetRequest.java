package io.likeness.contracts.trainer;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Topic {@code likeness.dataset.requested} (key = request id): generate training pairs for edit directions. The
 * trainer answers on {@code likeness.trainer.events} ({@link TrainerEvent}) and stores the dataset under
 * {@code datasets/{requestId}/}.
 *
 * @param requestId         id of the request and of the dataset it produces (a storage-safe id)
 * @param directions        the edit directions to generate pairs for
 * @param pairsPerDirection pairs generated for each direction
 * @param seed              generation seed: same request, same pairs
 * @param baseModelVersion  checkpoint the generator starts from, if it uses one
 * @param requestedAt       when the request was accepted
 */
public record DatasetRequest(int schemaVersion, String requestId, List<Direction> directions, int pairsPerDirection,
                             long seed, Optional<String> baseModelVersion, Instant requestedAt) {

    public static final int SCHEMA_VERSION = io.likeness.contracts.events.SchemaVersions.DATASET_REQUEST;
    public static final int MAX_DIRECTIONS = 32;
    public static final int MAX_PAIRS_PER_DIRECTION = 100_000;
    public static final int MAX_DESCRIPTION = 500;

    private static final Pattern REQUEST_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");
    private static final Pattern DIRECTION_ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");

    /**
     * One edit direction: p_a describes the source domain, p_b the target (paper §3.2); λ is its editing-mask
     * threshold.
     */
    public record Direction(String id, String sourceDescription, String targetDescription, double lambda) {
    }

    public DatasetRequest {
        directions = directions == null ? List.of() : List.copyOf(directions);
        baseModelVersion = baseModelVersion == null ? Optional.empty() : baseModelVersion;
    }

    /** Pairs in the whole dataset. */
    public long totalPairs() {
        return (long) directions.size() * pairsPerDirection;
    }

    /** What is wrong with this request, one line per problem; empty when it can be run. */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (requestId == null || !REQUEST_ID.matcher(requestId).matches() || requestId.contains("..")) {
            problems.add("requestId must be 1-128 characters of A-Z a-z 0-9 . _ - (was '" + requestId + "')");
        }
        if (directions.isEmpty() || directions.size() > MAX_DIRECTIONS) {
            problems.add("directions: between 1 and " + MAX_DIRECTIONS + " are required (got " + directions.size() + ")");
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < directions.size(); i++) {
            Direction d = directions.get(i);
            String at = "directions[" + i + "]";
            if (d == null) {
                problems.add(at + " is null");
                continue;
            }
            if (d.id() == null || !DIRECTION_ID.matcher(d.id()).matches()) {
                problems.add(at + ".id must be 1-64 characters of a-z 0-9 - (was '" + d.id() + "')");
            } else if (!seen.add(d.id())) {
                problems.add(at + ".id '" + d.id() + "' appears twice");
            }
            checkDescription(problems, at + ".sourceDescription", d.sourceDescription());
            checkDescription(problems, at + ".targetDescription", d.targetDescription());
            if (!(d.lambda() > 0 && d.lambda() < 1)) {
                problems.add(at + ".lambda must be in (0, 1) (was " + d.lambda() + ")");
            }
        }
        if (pairsPerDirection < 1 || pairsPerDirection > MAX_PAIRS_PER_DIRECTION) {
            problems.add("pairsPerDirection must be in [1, " + MAX_PAIRS_PER_DIRECTION + "] (was " + pairsPerDirection + ")");
        }
        baseModelVersion.filter(v -> !REQUEST_ID.matcher(v).matches())
                .ifPresent(v -> problems.add("baseModelVersion is not a model version: '" + v + "'"));
        return problems;
    }

    private static void checkDescription(List<String> problems, String field, String text) {
        if (text == null || text.isBlank()) {
            problems.add(field + " is required");
        } else if (text.length() > MAX_DESCRIPTION) {
            problems.add(field + " is longer than " + MAX_DESCRIPTION + " characters");
        }
    }
}
