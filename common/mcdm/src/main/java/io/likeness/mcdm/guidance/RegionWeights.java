package io.likeness.mcdm.guidance;

/**
 * Weights of the composable region guidance (paper Eq. 2): s'_d for the whole-canvas prompt, s'_a and s'_b for the
 * left (source) and right (target) halves, then the classifier-free scale. Paper: (0.1, 0.9, 0.9), CFG 7.5.
 */
public record RegionWeights(double joint, double left, double right, double cfgScale) {

    public static RegionWeights paper() {
        return new RegionWeights(0.1, 0.9, 0.9, 7.5);
    }

    /** These region weights with another classifier-free scale. */
    public RegionWeights withCfgScale(double scale) {
        return new RegionWeights(joint, left, right, scale);
    }
}
