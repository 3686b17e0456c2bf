package io.likeness.mcdm.model;

import ai.djl.ndarray.NDArray;

/**
 * The MCDM image condition c_im = Adapter(CLIP-image tokens(x_A), z_A): image tokens projected into the text
 * embedding space, concatenated after the text tokens for cross-attention (paper §3.3, ALGORITHMS.md §8.3).
 */
public interface ImageConditioner {

    /**
     * @param images  x_A in [-1, 1], (B, 3, H, W)
     * @param latents z_A = scale·E(x_A), (B, 4, h, w)
     * @return c_im, (B, imageTokens, width)
     */
    NDArray encode(NDArray images, NDArray latents);

    int imageTokens();

    int width();
}
