package io.likeness.trainer.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.SplittableRandom;

/**
 * Every random draw of a training step (noise, timesteps, crops, condition dropout) comes from a generator seeded by
 * (run seed, step, stream). Nothing random carries over from one step to the next, so a resumed run needs only the
 * step number to continue with exactly the draws an uninterrupted run would have made — no RNG state to save.
 * Noise is drawn on the Java side for the same reason (the engine's generator state cannot be checkpointed).
 */
public final class StepRandom {

    private StepRandom() {
    }

    /** A generator for one purpose ({@code stream}) of one step. */
    public static SplittableRandom of(long seed, long step, int stream) {
        return new SplittableRandom(mix(mix(seed, step), stream));
    }

    /** Standard-normal array of {@code shape} on {@code manager}, drawn from {@code r}. */
    public static NDArray normal(NDManager manager, SplittableRandom r, Shape shape) {
        float[] v = new float[Math.toIntExact(shape.size())];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) r.nextGaussian();
        }
        return manager.create(v, shape);
    }

    /** SplitMix64 finaliser over (a, b). */
    public static long mix(long a, long b) {
        long z = a * 0x9E3779B97F4A7C15L + b + 0x632BE59BD9B4E019L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
