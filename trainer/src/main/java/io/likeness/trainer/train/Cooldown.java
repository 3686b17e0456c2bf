package io.likeness.trainer.train;

/**
 * The learning-rate cooldown of a warmup-stable-decay schedule (Hägele et al., 2024, "Scaling Laws and
 * Compute-Optimal Training Beyond Fixed Training Durations"; MiniCPM's WSD): the learning rate stays constant until
 * the last {@code steps} updates of a run of {@code total}, then falls to zero as 1 − √(fraction of the cooldown
 * done), the shape that paper found best. A run trained at a constant rate can be continued with a cooldown from
 * any of its checkpoints, which is what makes the schedule fit runs whose length is not known in advance.
 *
 * @param total the run's total updates
 * @param steps updates the cooldown lasts (0 = no cooldown: a constant rate to the end)
 */
public record Cooldown(long total, long steps) {

    public static final Cooldown NONE = new Cooldown(1, 0);

    public Cooldown {
        if (total <= 0 || steps < 0 || steps > total) {
            throw new IllegalArgumentException("a cooldown of " + steps + " steps does not fit a run of " + total
                    + " steps");
        }
    }

    /** The first update (0-based) whose rate is below the constant one. */
    public long start() {
        return total - steps;
    }

    /** The factor on the learning rate of update {@code step} (0-based: the update that makes step + 1). */
    public double factor(long step) {
        if (steps == 0 || step < start()) {
            return 1.0;
        }
        double done = Math.min(1.0, (double) (step - start()) / steps);
        return 1.0 - Math.sqrt(done);
    }
}
