package io.likeness.mcdm.edit;

import io.likeness.mcdm.guidance.GuidanceScales;
import io.likeness.mcdm.mask.MaskMap;
import java.util.Objects;
import java.util.function.BooleanSupplier;

/**
 * One edit of a prepared image.
 *
 * @param targetPrompt  p_b, the edit's target description
 * @param sourcePrompt  p_a, describing the source image (required for {@link MaskMode#AUTO})
 * @param seed          initial-noise (and mask-noise) seed: the same seed gives the same bytes
 * @param steps         UniPC steps (20)
 * @param scales        guidance scales (paper (3, 3, 5))
 * @param maskMode      AUTO, NONE or PROVIDED
 * @param mask          the mask for PROVIDED (any resolution; 1 = edit), else null
 * @param maskThreshold λ for AUTO (0.2 costume, 0.35 expression)
 * @param progress      called after each step
 * @param canceled      polled before each step; true aborts with {@link EditCanceledException}
 */
public record EditRequest(String targetPrompt, String sourcePrompt, long seed, int steps, GuidanceScales scales,
        MaskMode maskMode, MaskMap mask, double maskThreshold, ProgressListener progress, BooleanSupplier canceled) {

    public static final int DEFAULT_STEPS = 20;

    public EditRequest {
        Objects.requireNonNull(targetPrompt, "targetPrompt");
        Objects.requireNonNull(scales, "scales");
        Objects.requireNonNull(maskMode, "maskMode");
        progress = progress == null ? ProgressListener.none() : progress;
        canceled = canceled == null ? () -> false : canceled;
        if (steps < 1) {
            throw new IllegalArgumentException("steps must be >= 1, got " + steps);
        }
        if (maskMode == MaskMode.AUTO && (sourcePrompt == null)) {
            throw new IllegalArgumentException("mask mode AUTO needs the source prompt");
        }
        if (maskMode == MaskMode.PROVIDED && mask == null) {
            throw new IllegalArgumentException("mask mode PROVIDED needs a mask");
        }
        if (!(maskThreshold > 0 && maskThreshold < 1)) {
            throw new IllegalArgumentException("mask threshold must be in (0, 1), got " + maskThreshold);
        }
    }

    public static Builder builder(String targetPrompt) {
        return new Builder(targetPrompt);
    }

    /** Builder with the paper defaults: 20 steps, scales (3, 3, 5), mask NONE, λ = 0.2, seed 0. */
    public static final class Builder {
        private final String targetPrompt;
        private String sourcePrompt;
        private long seed;
        private int steps = DEFAULT_STEPS;
        private GuidanceScales scales = GuidanceScales.paper();
        private MaskMode maskMode = MaskMode.NONE;
        private MaskMap mask;
        private double maskThreshold = io.likeness.mcdm.mask.MaskConfig.COSTUME_THRESHOLD;
        private ProgressListener progress;
        private BooleanSupplier canceled;

        private Builder(String targetPrompt) {
            this.targetPrompt = targetPrompt;
        }

        public Builder sourcePrompt(String p) {
            this.sourcePrompt = p;
            return this;
        }

        public Builder seed(long s) {
            this.seed = s;
            return this;
        }

        public Builder steps(int n) {
            this.steps = n;
            return this;
        }

        public Builder scales(GuidanceScales s) {
            this.scales = s;
            return this;
        }

        public Builder autoMask(double threshold) {
            this.maskMode = MaskMode.AUTO;
            this.maskThreshold = threshold;
            return this;
        }

        public Builder providedMask(MaskMap m) {
            this.maskMode = MaskMode.PROVIDED;
            this.mask = m;
            return this;
        }

        public Builder noMask() {
            this.maskMode = MaskMode.NONE;
            this.mask = null;
            return this;
        }

        public Builder progress(ProgressListener p) {
            this.progress = p;
            return this;
        }

        public Builder canceled(BooleanSupplier c) {
            this.canceled = c;
            return this;
        }

        public EditRequest build() {
            return new EditRequest(targetPrompt, sourcePrompt, seed, steps, scales, maskMode, mask, maskThreshold,
                    progress, canceled);
        }
    }
}
