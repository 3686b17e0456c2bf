package io.likeness.mcdm.sampling;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.likeness.mcdm.schedule.NoiseSchedule;
import java.util.function.ObjIntConsumer;

/**
 * The stochastic Karras/EDM sampler (Karras et al. 2022, Alg. 2): ρ-spaced noise levels, optional churn
 * (γ = min(S_churn/N, √2 − 1) for S_tmin ≤ σ_i ≤ S_tmax, noise scaled by S_noise), Euler step plus Heun correction
 * except at the last step (NFE = 2N − 1). Works in the VE parametrisation x = z·sqrt(σ² + 1); use
 * {@link #sampleLatent} to drive an ε-prediction network through {@link EpsilonDenoiser}.
 *
 * @param sigmaMin smallest non-zero noise level
 * @param sigmaMax largest noise level (σ_0)
 * @param rho      schedule exponent (7)
 * @param sChurn   churn amount (0 = deterministic)
 * @param sTmin    churn only for σ_i ≥ sTmin
 * @param sTmax    churn only for σ_i ≤ sTmax
 * @param sNoise   noise inflation of the churn noise
 */
public record KarrasEdmSampler(double sigmaMin, double sigmaMax, double rho, double sChurn, double sTmin,
        double sTmax, double sNoise) {

    public KarrasEdmSampler {
        if (!(sigmaMin > 0 && sigmaMax > sigmaMin)) {
            throw new IllegalArgumentException("need 0 < sigmaMin < sigmaMax");
        }
    }

    /** Deterministic EDM sampler over [sigmaMin, sigmaMax] (ρ = 7, no churn). */
    public static KarrasEdmSampler deterministic(double sigmaMin, double sigmaMax) {
        return new KarrasEdmSampler(sigmaMin, sigmaMax, 7.0, 0.0, 0.0, Double.POSITIVE_INFINITY, 1.0);
    }

    /** Deterministic, over the σ^VE range of an SD schedule: [σ^VE(0), σ^VE(T−1)] = [0.0292, 14.6146]. */
    public static KarrasEdmSampler forSchedule(NoiseSchedule schedule) {
        return deterministic(schedule.sigmaVe(0), schedule.sigmaVe(schedule.trainSteps() - 1));
    }

    public KarrasEdmSampler withChurn(double churn, double tmin, double tmax, double noise) {
        return new KarrasEdmSampler(sigmaMin, sigmaMax, rho, churn, tmin, tmax, noise);
    }

    /** σ_0..σ_{N−1} on the ρ-grid plus σ_N = 0. */
    public double[] sigmas(int steps) {
        if (steps < 1) {
            throw new IllegalArgumentException("steps must be >= 1");
        }
        double[] s = new double[steps + 1];
        double a = Math.pow(sigmaMax, 1.0 / rho);
        double b = Math.pow(sigmaMin, 1.0 / rho);
        for (int i = 0; i < steps; i++) {
            double frac = steps == 1 ? 0.0 : (double) i / (steps - 1);
            s[i] = Math.pow(a + frac * (b - a), rho);
        }
        s[steps] = 0.0;
        return s;
    }

    /**
     * Runs the sampler from {@code x} at noise level σ_0 (already scaled, VE space) down to σ = 0.
     *
     * @param noise churn noise, asked once per step with γ &gt; 0 (unused when deterministic)
     * @return the sample at σ = 0, on the manager of {@code x}; {@code x} itself is not modified or closed
     */
    public NDArray sample(Denoiser denoiser, NDArray x, int steps, NoiseSource noise) {
        return sample(denoiser, x, steps, noise, (array, step) -> { });
    }

    /**
     * As {@link #sample(Denoiser, NDArray, int, NoiseSource)}, calling {@code afterStep} with the iterate after each
     * step (1-based step number); the array is only valid during the call.
     */
    public NDArray sample(Denoiser denoiser, NDArray x, int steps, NoiseSource noise,
            ObjIntConsumer<NDArray> afterStep) {
        double[] sig = sigmas(steps);
        NDManager target = x.getManager();
        NDArray cur = x.duplicate();
        for (int i = 0; i < steps; i++) {
            try (NDManager scratch = target.newSubManager()) {
                cur.attach(scratch); // the previous iterate is released with this step
                double sc = sig[i];
                double sn = sig[i + 1];
                double gamma = sc >= sTmin && sc <= sTmax ? Math.min(sChurn / steps, Math.sqrt(2.0) - 1.0) : 0.0;
                double sHat = sc * (1.0 + gamma);
                NDArray xHat = cur;
                if (gamma > 0) {
                    NDArray eps = noise.noise(scratch, cur.getShape(), i);
                    xHat = LinearCombination.of(scratch, 1.0, cur, Math.sqrt(sHat * sHat - sc * sc) * sNoise, eps);
                }
                NDArray d0 = denoiser.denoise(xHat, sHat);
                // d = (x̂ − D)/σ̂ ; x' = x̂ + (σ_next − σ̂)·d
                double c = (sn - sHat) / sHat;
                NDArray next;
                if (sn == 0.0) {
                    next = LinearCombination.of(scratch, 1.0 + c, xHat, -c, d0);
                } else {
                    NDArray euler = LinearCombination.of(scratch, 1.0 + c, xHat, -c, d0);
                    NDArray d1 = denoiser.denoise(euler, sn);
                    // x' = x̂ + (σ_next − σ̂)·½·((x̂ − D0)/σ̂ + (x' − D1)/σ_next)
                    double half = 0.5 * (sn - sHat);
                    next = LinearCombination.of(scratch, new double[] {1.0 + half / sHat, -half / sHat,
                            half / sn, -half / sn}, xHat, d0, euler, d1);
                }
                next.attach(target);
                cur = next;
                afterStep.accept(cur, i + 1);
            }
        }
        return cur;
    }

    /**
     * Samples a latent with an ε-prediction network: x = σ_0·{@code unitNoise}, EDM in VE space, and z_0 = x at σ = 0.
     * {@code sigmaMin}/{@code sigmaMax} should lie inside the schedule's σ^VE range.
     */
    public NDArray sampleLatent(NoisePredictor predictor, NoiseSchedule schedule, NDArray unitNoise, int steps,
            NoiseSource noise) {
        try (NDArray x = unitNoise.mul(sigmaMax)) {
            return sample(new EpsilonDenoiser(predictor, schedule), x, steps, noise);
        }
    }
}
