package io.likeness.mcdm.sampling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.likeness.mcdm.schedule.NoiseSchedule;
import org.junit.jupiter.api.Test;

/**
 * Analytic check of every sampler: for data N(μ, s²) the exact ε-predictor is
 * ε*(z, t) = (z − sqrt(ᾱ)μ)·sqrt(1 − ᾱ)/(ᾱs² + 1 − ᾱ), and the probability-flow ODE is affine: in VE space
 * x − μ scales by sqrt(s² + σ_b²)/sqrt(s² + σ_a²) between noise levels σ_a and σ_b. The samplers start from pure
 * noise at the schedule's top, so the target statistics include the (exact) effect of that finite start.
 *
 * <p>Tolerances: 20 000 points; the sample mean/variance are compared to the population target with 5·SE
 * (|Δmean| ≤ 0.02, variance within 4 %), and to the exact ODE image of the same noise (discretisation error only)
 * with |Δmean| ≤ 0.01 and variance within 2 %.
 */
class GaussianSamplingTest {

    private static final double MU = 1.5;
    private static final double S = 1.0;
    private static final Shape SHAPE = new Shape(5, 4, 25, 40);
    private final NoiseSchedule schedule = NoiseSchedule.stableDiffusion();

    private NoisePredictor exactEps() {
        return (z, t) -> {
            double ab = schedule.alphaBarAt(t);
            double c = Math.sqrt(1.0 - ab) / (ab * S * S + 1.0 - ab);
            try (NDArray centred = z.sub(Math.sqrt(ab) * MU)) {
                return centred.mul(c);
            }
        };
    }

    private static double[] stats(float[] v) {
        double mean = 0;
        for (float f : v) {
            mean += f;
        }
        mean /= v.length;
        double var = 0;
        for (float f : v) {
            var += (f - mean) * (f - mean);
        }
        return new double[] {mean, var / (v.length - 1)};
    }

    /** Population mean/variance of z at VE level σ_b after the exact ODE from x ~ N(m_a, v_a) at level σ_a. */
    private static double[] target(double meanA, double varA, double sigmaA, double sigmaB) {
        double r = Math.sqrt(S * S + sigmaB * sigmaB) / Math.sqrt(S * S + sigmaA * sigmaA);
        double scale = 1.0 / Math.sqrt(1.0 + sigmaB * sigmaB);
        return new double[] {scale * (MU + (meanA - MU) * r), scale * scale * varA * r * r};
    }

    private static void assertMatches(double[] actual, double[] target, double meanTol, double varRel) {
        assertThat(actual[0]).as("mean").isCloseTo(target[0], within(meanTol));
        assertThat(actual[1]).as("variance").isCloseTo(target[1], within(varRel * target[1]));
    }

    private float[] runStepSampler(StepSampler sampler, int steps, NDManager m, NDArray noise) {
        NoisePredictor eps = exactEps();
        NDArray x = noise.duplicate();
        try (SamplerRun run = sampler.newRun(m, steps)) {
            for (int t : run.timesteps()) {
                try (NDManager step = m.newSubManager()) {
                    x.attach(step);
                    NDArray next = run.step(eps.predict(x, t), t, x);
                    next.attach(m);
                    x = next;
                }
            }
        }
        return x.toFloatArray();
    }

    @Test
    void uniPcReproducesTheGaussian() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray noise = GaussianNoise.sample(m, SHAPE, 7L);
            double[] n = stats(noise.toFloatArray());
            double s0 = schedule.sigmaVe(999);
            double a0 = Math.sqrt(1 + s0 * s0); // x = z/sqrt(ᾱ)
            UniPcSampler unipc = new UniPcSampler(schedule, UniPcConfig.defaults());
            double[] got20 = stats(runStepSampler(unipc, 20, m, noise));
            // 20 steps: the final first-order jump σ 0.2256 → 0 shrinks the variance by ≈ 4 %
            assertMatches(got20, target(0.0, 1.0 + s0 * s0, s0, 0.0), 0.02, 0.06);
            assertMatches(got20, target(n[0] * a0, n[1] * a0 * a0, s0, 0.0), 0.01, 0.06);
            double[] got100 = stats(runStepSampler(unipc, 100, m, noise));
            assertMatches(got100, target(0.0, 1.0 + s0 * s0, s0, 0.0), 0.02, 0.03);
            assertMatches(got100, target(n[0] * a0, n[1] * a0 * a0, s0, 0.0), 0.005, 0.015);
        }
    }

    @Test
    void ddimReproducesTheGaussian() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray noise = GaussianNoise.sample(m, SHAPE, 8L);
            double[] n = stats(noise.toFloatArray());
            double s0 = schedule.sigmaVe(999);
            double sEnd = schedule.sigmaVe(0); // SD DDIM ends at t = 0 (ᾱ_prev = ᾱ_0)
            double a0 = Math.sqrt(1 + s0 * s0);
            DdimSampler ddim = DdimSampler.stableDiffusion(schedule);
            // first order: the variance error is O(1/N) (≈ −13 % at 20 steps, ≈ −1.5 % at 200 for s = 1)
            double[] got50 = stats(runStepSampler(ddim, 50, m, noise));
            assertMatches(got50, target(0.0, 1.0 + s0 * s0, s0, sEnd), 0.02, 0.08);
            double[] got200 = stats(runStepSampler(ddim, 200, m, noise));
            assertMatches(got200, target(0.0, 1.0 + s0 * s0, s0, sEnd), 0.02, 0.04);
            assertMatches(got200, target(n[0] * a0, n[1] * a0 * a0, s0, sEnd), 0.005, 0.025);
        }
    }

    @Test
    void edmReproducesTheGaussianDeterministicallyAndWithChurn() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray noise = GaussianNoise.sample(m, SHAPE, 9L);
            double[] n = stats(noise.toFloatArray());
            KarrasEdmSampler edm = KarrasEdmSampler.forSchedule(schedule);
            double s0 = edm.sigmaMax();
            for (int steps : new int[] {20, 50}) {
                double[] got = stats(edm.sampleLatent(exactEps(), schedule, noise, steps, NoiseSource.seeded(1))
                        .toFloatArray());
                assertMatches(got, target(0.0, s0 * s0, s0, 0.0), 0.02, 0.04);
                assertMatches(got, target(n[0] * s0, n[1] * s0 * s0, s0, 0.0), 0.01, 0.03);
                double[] churned = stats(edm.withChurn(40, 0.05, 50, 1.0)
                        .sampleLatent(exactEps(), schedule, noise, steps, NoiseSource.seeded(2)).toFloatArray());
                // churn re-noises, so it forgets part of the finite-start mismatch: the mean lies between the ODE
                // target and μ; the variance stays within 10 % of s² (heavy churn, γ = √2 − 1 on most steps)
                assertThat(churned[0]).isBetween(target(0.0, s0 * s0, s0, 0.0)[0] - 0.02, MU + 0.02);
                assertThat(churned[1]).isCloseTo(S * S, within(0.1 * S * S));
            }
        }
    }
}
