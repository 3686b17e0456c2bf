package io.likeness.mcdm.sampling;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.SplittableRandom;

/**
 * Float32 N(0, 1) tensors drawn from a Java {@link SplittableRandom}: the same seed gives the same bytes on every
 * engine and thread, without touching the engine's global random state.
 */
public final class GaussianNoise {

    private GaussianNoise() {
    }

    public static NDArray sample(NDManager manager, Shape shape, SplittableRandom random) {
        long size = shape.size();
        if (size > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("shape too large: " + shape);
        }
        float[] values = new float[(int) size];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) random.nextGaussian();
        }
        return manager.create(values, shape);
    }

    public static NDArray sample(NDManager manager, Shape shape, long seed) {
        return sample(manager, shape, new SplittableRandom(seed));
    }
}
