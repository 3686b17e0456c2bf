package io.likeness.trainer.studio;

import java.util.SplittableRandom;

/** Deterministic poses from seeds; ranges keep the head fully on the canvas. */
public final class PoseSampler {

    private PoseSampler() {
    }

    public static Pose sample(long seed) {
        SplittableRandom r = new SplittableRandom(Seeds.mix(seed, 0x90_5EL));
        double dx = r.nextDouble(-7, 7);
        double dy = r.nextDouble(-4, 4);
        double scale = r.nextDouble(0.9, 1.06);
        double roll = r.nextDouble(-8, 8);
        double shoulders = r.nextDouble(0.9, 1.15);
        double tilt = r.nextDouble(-3, 3);
        int colour = r.nextInt(Pose.BACKDROP_COLOURS);
        Pose.Backdrop backdrop = Pose.Backdrop.values()[r.nextInt(Pose.Backdrop.values().length)];
        return new Pose(dx, dy, scale, roll, shoulders, tilt, colour, backdrop);
    }
}
