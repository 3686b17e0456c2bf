package io.likeness.mcdm.model;

import ai.djl.ndarray.NDArray;

/**
 * An ε-prediction denoising network (the UNet, optionally with a pose branch): the one call every sampler,
 * guidance rule and mask computation makes. Implementations must be usable from one thread at a time per
 * instance and must put their results on the manager of {@code x} (the caller's per-step manager).
 */
public interface EpsilonModel {

    /**
     * @param x       network input, (B, inChannels, h, w): for the MCDM UNet {@code [z_t ; c_s]} (8 channels)
     * @param t       timesteps, (B,) float32 (fractional timesteps are allowed)
     * @param context cross-attention context, (B, L, D): text tokens, or {@code [text ; image tokens]} for MCDM
     * @return predicted noise ε̂, (B, 4, h, w)
     */
    NDArray predict(NDArray x, NDArray t, NDArray context);

    /** Channels the network expects on its input (4 for a text-to-image UNet, 8 for MCDM). */
    int inChannels();
}
