package io.likeness.mcdm.model;

import ai.djl.ndarray.NDArray;

/**
 * The KL autoencoder seen from the samplers: images in [-1, 1], (B, 3, H, W) ↔ scaled latents
 * {@code z = scale · E(x)}, (B, 4, H/8, W/8). The latent scale factor (0.18215 for SD 1.x) is applied here,
 * so callers never see unscaled latents.
 */
public interface LatentCodec {

    /** Scaled posterior mean of E(x). */
    NDArray encodeMean(NDArray images);

    /** Scaled posterior sample mean + exp(0.5·clamp(logvar, −30, 20))·N(0, 1). */
    NDArray encodeSample(NDArray images);

    /** D(z / scale), images in [-1, 1] (not clamped). */
    NDArray decode(NDArray latents);

    int downsampling();

    int latentChannels();
}
