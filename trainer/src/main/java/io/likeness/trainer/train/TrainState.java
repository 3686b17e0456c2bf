package io.likeness.trainer.train;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What a checkpoint records besides weights and optimizer moments.
 *
 * @param stage        stage id
 * @param step         optimizer steps completed
 * @param seed         run seed (with the step it determines every random draw)
 * @param dataPosition where the data stream continues
 * @param trainSeconds wall time spent training so far, summed over sessions
 */
public record TrainState(String stage, long step, long seed, JsonNode dataPosition, double trainSeconds) {
}
