package io.likeness.mcdm.checkpoint;

import java.util.List;

/**
 * How a checkpoint was produced.
 *
 * @param command   the training command line
 * @param seeds     every seed used
 * @param data      dataset identifier (key, version or hash)
 * @param steps     optimizer steps
 * @param gitCommit source commit, or null if unknown
 */
public record TrainingProvenance(String command, List<Long> seeds, String data, long steps, String gitCommit) {

    public TrainingProvenance {
        seeds = seeds == null ? List.of() : List.copyOf(seeds);
    }
}
