package io.likeness.mcdm.mask;

/**
 * Settings of the editing-mask computation (paper §3.4, ALGORITHMS.md §6.2).
 *
 * @param seeds          independent noises averaged (10)
 * @param steps          UniPC steps of the schedule the noise level is taken from (20)
 * @param strength       fraction of the schedule skipped: t = timesteps[N − int(N·strength)] (0.5)
 * @param maxBatchRows   largest network batch; seeds are batched 5 rows each up to this (50 = all 10 seeds at once)
 * @param normalization  CLAMP_MEAN (default) or MIN_MAX
 * @param clampRatio     r of CLAMP_MEAN (3)
 * @param blurSize       Gaussian kernel size, odd (5; 1 disables the blur)
 * @param blurSigma      Gaussian σ (1.1 = OpenCV's default for a 5-tap kernel)
 */
public record MaskConfig(int seeds, int steps, double strength, int maxBatchRows, MaskNormalization normalization,
        double clampRatio, int blurSize, double blurSigma) {

    /** Paper threshold for costume/outfit edits. */
    public static final double COSTUME_THRESHOLD = 0.2;
    /** Paper threshold for expression edits. */
    public static final double EXPRESSION_THRESHOLD = 0.35;

    public MaskConfig {
        if (seeds < 1 || steps < 1 || maxBatchRows < 5 || blurSize < 1 || blurSize % 2 == 0) {
            throw new IllegalArgumentException("invalid mask config: seeds " + seeds + ", steps " + steps
                    + ", maxBatchRows " + maxBatchRows + " (>= 5), blurSize " + blurSize + " (odd)");
        }
    }

    public static MaskConfig defaults() {
        return new MaskConfig(10, 20, 0.5, 50, MaskNormalization.CLAMP_MEAN, 3.0, 5, 1.1);
    }

    public MaskConfig withSeeds(int n) {
        return new MaskConfig(n, steps, strength, maxBatchRows, normalization, clampRatio, blurSize, blurSigma);
    }

    public MaskConfig withMaxBatchRows(int rows) {
        return new MaskConfig(seeds, steps, strength, rows, normalization, clampRatio, blurSize, blurSigma);
    }

    public MaskConfig withNormalization(MaskNormalization n) {
        return new MaskConfig(seeds, steps, strength, maxBatchRows, n, clampRatio, blurSize, blurSigma);
    }
}
