package io.likeness.mcdm.guidance;

import ai.djl.ndarray.NDArray;

/**
 * The conditions of one MCDM edit and their null values (ALGORITHMS.md §5.3). Arrays have batch 1 or the latent
 * batch; they are read, never closed, by the guidance rules.
 *
 * @param spatial         c_s = z_A, (B, 4, h, w)
 * @param spatialNull     the null c_s (zeros, or the latent of a mid-grey image; see {@link NullConditionPolicy})
 * @param imageTokens     c_im, (B, Limg, D)
 * @param imageTokensNull the null c_im
 * @param targetText      c_p for the target prompt p_b, (B, Ltxt, D)
 * @param sourceText      c_p for the source prompt p_a (only the mask-guided form uses it; may be null)
 * @param nullText        the text tokens of ""
 */
public record McdmConditions(NDArray spatial, NDArray spatialNull, NDArray imageTokens, NDArray imageTokensNull,
        NDArray targetText, NDArray sourceText, NDArray nullText) {
}
