package io.likeness.mcdm.sampling;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.SplittableRandom;

/** Standard-normal noise for stochastic samplers, injectable so runs are reproducible and testable. */
@FunctionalInterface
public interface NoiseSource {

    /** ε_i ~ N(0, I) of the given shape for step {@code stepIndex}, created on {@code manager}. */
    NDArray noise(NDManager manager, Shape shape, int stepIndex);

    /** Seeded Java-side Gaussian noise, independent of the engine's global RNG; use one source per run (not thread-safe). */
    static NoiseSource seeded(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        return (manager, shape, stepIndex) -> GaussianNoise.sample(manager, shape, random);
    }
}
