package io.likeness.mcdm.mask;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.likeness.mcdm.guidance.GuidanceScales;
import io.likeness.mcdm.guidance.McdmConditions;
import io.likeness.mcdm.guidance.McdmGuidance;
import io.likeness.mcdm.model.EpsilonModel;
import io.likeness.mcdm.sampling.GaussianNoise;
import io.likeness.mcdm.sampling.SamplerRun;
import io.likeness.mcdm.sampling.StepSampler;
import io.likeness.mcdm.schedule.NoiseSchedule;
import io.likeness.mcdm.schedule.Timesteps;
import java.util.SplittableRandom;
import java.util.function.BooleanSupplier;

/**
 * The paper's editing mask (§3.4; ALGORITHMS.md §6.2 pseudo-code, not the released code's): z_A is noised to
 * t = timesteps[N − int(N·strength)] with {@code seeds} independent noises; each noisy latent takes one guided step
 * (a fresh sampler run) with the source prompt p_a and with the target prompt p_b — the three prompt-free rows are
 * shared, so 5 rows per seed, and all seeds go into one network call of 5·seeds rows when {@code maxBatchRows}
 * allows; M = threshold(blur(normalize(mean over seeds and channels |z_b − z_a|)), λ).
 */
public final class EditingMaskGenerator {

    private final EpsilonModel model;
    private final StepSampler sampler;
    private final NoiseSchedule schedule;
    private final MaskConfig config;

    public EditingMaskGenerator(EpsilonModel model, StepSampler sampler, NoiseSchedule schedule, MaskConfig config) {
        this.model = model;
        this.sampler = sampler;
        this.schedule = schedule;
        this.config = config;
    }

    public MaskConfig config() {
        return config;
    }

    /** The timestep the mask is computed at. */
    public int maskTimestep() {
        int[] ts = sampler.timesteps(config.steps());
        return ts[Timesteps.startIndex(config.steps(), config.strength())];
    }

    /**
     * @param manager      parent manager; everything allocated here is released before returning
     * @param conditions   with both the target text (p_b) and the source text (p_a)
     * @param zA           the source latent, (1, 4, h, w)
     * @param lambda       binary threshold on the soft map
     * @param seed         seeds the {@code seeds} noises (deterministic)
     * @param canceled     polled before each network call
     */
    public EditingMask compute(NDManager manager, McdmConditions conditions, GuidanceScales scales, NDArray zA,
            double lambda, long seed, int imageHeight, int imageWidth, BooleanSupplier canceled) {
        MaskMap raw = rawDifference(manager, conditions, scales, zA, seed, canceled);
        MaskMap soft = MaskPostProcessor.blur(
                MaskPostProcessor.normalize(raw, config.normalization(), config.clampRatio()),
                config.blurSize(), config.blurSigma());
        return EditingMask.fromSoft(soft, lambda, imageHeight, imageWidth);
    }

    /** G = mean over seeds and channels of |z_b − z_a| after one guided step, at latent resolution. */
    public MaskMap rawDifference(NDManager manager, McdmConditions conditions, GuidanceScales scales, NDArray zA,
            long seed, BooleanSupplier canceled) {
        long[] s = zA.getShape().getShape();
        if (s[0] != 1) {
            throw new IllegalArgumentException("the mask is computed for one latent at a time, got " + zA.getShape());
        }
        int h = (int) s[2];
        int w = (int) s[3];
        int t = maskTimestep();
        int perCall = Math.max(1, Math.min(config.seeds(), config.maxBatchRows() / 5));
        SplittableRandom random = new SplittableRandom(seed);
        double[] acc = new double[h * w];
        try (NDManager mm = manager.newSubManager();
                McdmGuidance guidance = McdmGuidance.promptPair(model, mm, conditions, scales)) {
            NDArray z0 = zA.duplicate();
            z0.attach(mm);
            for (int done = 0; done < config.seeds(); done += perCall) {
                if (canceled.getAsBoolean()) {
                    throw new java.util.concurrent.CancellationException("mask computation canceled");
                }
                int g = Math.min(perCall, config.seeds() - done);
                try (NDManager chunk = mm.newSubManager()) {
                    NDList noises = new NDList(g);
                    for (int j = 0; j < g; j++) {
                        noises.add(GaussianNoise.sample(chunk, new Shape(1, s[1], h, w), random));
                    }
                    NDArray eps = g == 1 ? noises.head() : NDArrays.concat(noises, 0);
                    NDArray zBatch = z0.repeat(0, g);
                    zBatch.attach(chunk);
                    NDArray zt = schedule.addNoise(zBatch, eps, t);
                    NDArray[] pair = guidance.predictPair(zt, t);
                    NDArray za;
                    NDArray zb;
                    try (SamplerRun runA = sampler.newRun(chunk, config.steps());
                            SamplerRun runB = sampler.newRun(chunk, config.steps())) {
                        za = runA.step(pair[0], t, zt);
                        zb = runB.step(pair[1], t, zt);
                    }
                    float[] d = zb.sub(za).abs().mean(new int[] {1}).sum(new int[] {0}).toFloatArray();
                    for (int i = 0; i < d.length; i++) {
                        acc[i] += d[i];
                    }
                }
            }
        }
        float[] out = new float[acc.length];
        for (int i = 0; i < acc.length; i++) {
            out[i] = (float) (acc[i] / config.seeds());
        }
        return new MaskMap(h, w, out);
    }
}
