package io.likeness.mcdm.mask;

/** How the raw |Δ| map is brought to [0, 1] before blurring and thresholding (ALGORITHMS.md §6). */
public enum MaskNormalization {
    /** DiffEdit / released code: clamp(G, 0, r·mean(G)) / (r·mean(G)), r = the clamp ratio (3). */
    CLAMP_MEAN,
    /** (G − min)/(max − min). */
    MIN_MAX
}
