package io.likeness.trainer.train;

import ai.djl.engine.Engine;

/**
 * Seeds the engine's generator before a stage builds its networks, so the initial weights — the only draws not taken
 * from {@link StepRandom} — are the same for the same run seed, and a run can be reproduced from its command.
 */
public final class Seeding {

    private Seeding() {
    }

    public static void initialWeights(long runSeed, String stage) {
        Engine.getInstance().setRandomSeed((int) StepRandom.mix(runSeed, stage.hashCode()));
    }
}
