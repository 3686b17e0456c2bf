package io.likeness.mcdm.guidance;

import ai.djl.ndarray.NDArray;

/**
 * One row of a guidance batch: the spatial condition concatenated to z_t on the channel axis ({@code null} for a
 * network without one) and the cross-attention context. Batch size 1 or equal to the latent batch.
 *
 * @param spatial (B|1, Cs, h, w) or null
 * @param context (B|1, L, D)
 */
public record ConditionRow(NDArray spatial, NDArray context) {

    public ConditionRow {
        if (context == null) {
            throw new IllegalArgumentException("a condition row needs a context");
        }
    }
}
