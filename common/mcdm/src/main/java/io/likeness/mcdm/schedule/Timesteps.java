package io.likeness.mcdm.schedule;

/**
 * Inference timestep lists, descending, exactly as diffusers builds them (ALGORITHMS.md §1.3). Rounding is numpy's
 * round-half-to-even ({@link Math#rint}).
 */
public final class Timesteps {

    private Timesteps() {
    }

    /** UniPC: N+1 points with the last one dropped (linspace, leading); N points for trailing. */
    public static int[] unipc(int trainSteps, int steps, TimestepSpacing spacing, int stepsOffset) {
        checkSteps(trainSteps, steps);
        int[] out = new int[steps];
        switch (spacing) {
            case LINSPACE -> {
                for (int i = 0; i < steps; i++) {
                    int j = steps - i; // reversed index into linspace(0, T−1, N+1), dropping j = 0
                    out[i] = (int) Math.rint((double) j * (trainSteps - 1) / steps);
                }
            }
            case LEADING -> {
                int ratio = trainSteps / (steps + 1);
                for (int i = 0; i < steps; i++) {
                    out[i] = (steps - i) * ratio + stepsOffset;
                }
            }
            case TRAILING -> trailing(trainSteps, steps, out);
        }
        return out;
    }

    /** DDIM: N points. */
    public static int[] ddim(int trainSteps, int steps, TimestepSpacing spacing, int stepsOffset) {
        checkSteps(trainSteps, steps);
        int[] out = new int[steps];
        switch (spacing) {
            case LINSPACE -> {
                for (int i = 0; i < steps; i++) {
                    int j = steps - 1 - i;
                    out[i] = steps == 1 ? 0 : (int) Math.rint((double) j * (trainSteps - 1) / (steps - 1));
                }
            }
            case LEADING -> {
                int ratio = trainSteps / steps;
                for (int i = 0; i < steps; i++) {
                    out[i] = (steps - 1 - i) * ratio + stepsOffset;
                }
            }
            case TRAILING -> trailing(trainSteps, steps, out);
        }
        return out;
    }

    /**
     * img2img slicing (diffusers {@code get_timesteps}): the index of the first timestep used for a given strength,
     * {@code N − min(int(N·strength), N)}.
     */
    public static int startIndex(int steps, double strength) {
        int init = Math.min((int) (steps * strength), steps);
        return Math.max(steps - init, 0);
    }

    private static void trailing(int trainSteps, int steps, int[] out) {
        double ratio = (double) trainSteps / steps;
        for (int i = 0; i < steps; i++) {
            out[i] = (int) Math.rint(trainSteps - i * ratio) - 1;
        }
    }

    private static void checkSteps(int trainSteps, int steps) {
        if (steps < 1 || steps > trainSteps) {
            throw new IllegalArgumentException("steps must be in [1, " + trainSteps + "], got " + steps);
        }
    }
}
