package io.likeness.mcdm.sampling;

import ai.djl.ndarray.NDArray;

/** An EDM denoiser D(x; σ) in the variance-exploding parametrisation; the result is on the manager of {@code x}. */
@FunctionalInterface
public interface Denoiser {

    NDArray denoise(NDArray x, double sigma);
}
