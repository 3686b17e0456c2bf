package io.likeness.contracts.job;

import java.util.OptionalDouble;

/**
 * Generation settings of one edit; every field has a documented default so requests may omit them.
 *
 * @param seed         noise seed: same seed, same input, same checkpoint → same output
 * @param steps        UniPC denoising steps (paper: 20)
 * @param imageScale   guidance scale s1 of the image condition (paper: 3)
 * @param spatialScale guidance scale s2 of the spatial condition (paper: 3)
 * @param textScale    guidance scale s3 of the text condition (paper: 5)
 * @param maskMode     AUTO, NONE or PROVIDED
 * @param maskThreshold λ override; empty = the edit direction's own (0.2 costumes, 0.35 expressions)
 */
public record EditParameters(long seed, int steps, double imageScale, double spatialScale, double textScale,
                             MaskMode maskMode, OptionalDouble maskThreshold) {

    public static final int DEFAULT_STEPS = 20;
    public static final int MAX_STEPS = 100;

    public EditParameters {
        if (steps < 1 || steps > MAX_STEPS) {
            throw new IllegalArgumentException("steps must be between 1 and " + MAX_STEPS + ", was " + steps);
        }
        for (double s : new double[] {imageScale, spatialScale, textScale}) {
            if (!(s >= 0 && s <= 30)) {
                throw new IllegalArgumentException("guidance scales must be between 0 and 30, was " + s);
            }
        }
        if (maskThreshold.isPresent() && !(maskThreshold.getAsDouble() > 0 && maskThreshold.getAsDouble() < 1)) {
            throw new IllegalArgumentException("mask threshold must be in (0, 1), was " + maskThreshold.getAsDouble());
        }
        if (maskMode == null) {
            throw new IllegalArgumentException("mask mode is required");
        }
    }

    public static EditParameters defaults(long seed) {
        return new EditParameters(seed, DEFAULT_STEPS, 3, 3, 5, MaskMode.AUTO, OptionalDouble.empty());
    }
}
