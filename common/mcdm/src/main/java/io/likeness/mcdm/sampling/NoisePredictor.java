package io.likeness.mcdm.sampling;

import ai.djl.ndarray.NDArray;

/**
 * A (possibly guided) ε-predictor ε̂(z_t, t) in the VP parametrisation, t fractional allowed. Guidance rules
 * implement it on top of an {@link io.likeness.mcdm.model.EpsilonModel}; tests implement it in closed form.
 * The result must be on the manager of {@code z}.
 */
@FunctionalInterface
public interface NoisePredictor {

    NDArray predict(NDArray z, double t);
}
