package io.likeness.mcdm.schedule;

import ai.djl.ndarray.NDArray;

/**
 * A discrete DDPM noise schedule in double precision (ALGORITHMS.md §1.1): β_i, ᾱ_t and the derived
 * α_t = sqrt(ᾱ_t), σ_t = sqrt(1 − ᾱ_t), σ^VE_t = σ_t/α_t and λ_t = log α_t − log σ_t. Immutable and thread-safe.
 */
public final class NoiseSchedule {

    private final double[] betas;
    private final double[] alphasCumprod;
    private final double[] logSigmaVe;

    private NoiseSchedule(double[] betas) {
        this.betas = betas.clone();
        int n = betas.length;
        this.alphasCumprod = new double[n];
        this.logSigmaVe = new double[n];
        double prod = 1.0;
        for (int i = 0; i < n; i++) {
            prod *= 1.0 - betas[i];
            alphasCumprod[i] = prod;
            logSigmaVe[i] = 0.5 * Math.log((1.0 - prod) / prod);
        }
    }

    /** The SD 1.x schedule: scaled-linear, T = 1000, β from 0.00085 to 0.012. */
    public static NoiseSchedule stableDiffusion() {
        return scaledLinear(1000, 0.00085, 0.012);
    }

    /** β_i = (sqrt(β_start) + i/(T−1)·(sqrt(β_end) − sqrt(β_start)))². */
    public static NoiseSchedule scaledLinear(int trainSteps, double betaStart, double betaEnd) {
        if (trainSteps < 2) {
            throw new IllegalArgumentException("trainSteps must be >= 2, got " + trainSteps);
        }
        double a = Math.sqrt(betaStart);
        double b = Math.sqrt(betaEnd);
        double[] betas = new double[trainSteps];
        for (int i = 0; i < trainSteps; i++) {
            double s = a + (double) i / (trainSteps - 1) * (b - a);
            betas[i] = s * s;
        }
        return new NoiseSchedule(betas);
    }

    public int trainSteps() {
        return betas.length;
    }

    public double beta(int t) {
        return betas[check(t)];
    }

    /** ᾱ_t. */
    public double alphaBar(int t) {
        return alphasCumprod[check(t)];
    }

    /** α_t = sqrt(ᾱ_t), the signal scale. */
    public double alpha(int t) {
        return Math.sqrt(alphaBar(t));
    }

    /** σ_t = sqrt(1 − ᾱ_t), the noise scale. */
    public double sigma(int t) {
        return Math.sqrt(1.0 - alphaBar(t));
    }

    /** σ^VE_t = sqrt((1 − ᾱ_t)/ᾱ_t). */
    public double sigmaVe(int t) {
        double ab = alphaBar(t);
        return Math.sqrt((1.0 - ab) / ab);
    }

    /** λ_t = log α_t − log σ_t = −log σ^VE_t. */
    public double lambda(int t) {
        return -logSigmaVe[check(t)];
    }

    /** σ^VE at a fractional timestep: linear interpolation of log σ^VE between the neighbouring table entries. */
    public double sigmaVeAt(double t) {
        if (!(t >= 0 && t <= trainSteps() - 1)) {
            throw new IllegalArgumentException("timestep " + t + " outside [0, " + (trainSteps() - 1) + "]");
        }
        int lo = (int) Math.floor(t);
        int hi = Math.min(lo + 1, trainSteps() - 1);
        double w = t - lo;
        return Math.exp((1 - w) * logSigmaVe[lo] + w * logSigmaVe[hi]);
    }

    /** ᾱ at a fractional timestep, consistent with {@link #sigmaVeAt(double)}: 1/(σ^VE² + 1). */
    public double alphaBarAt(double t) {
        double s = sigmaVeAt(t);
        return 1.0 / (s * s + 1.0);
    }

    /**
     * The fractional timestep whose σ^VE equals {@code sigmaVe}, by linear interpolation of log σ^VE over the table
     * (diffusers {@code _sigma_to_t}); clamped to [0, T−1] outside the table's range.
     */
    public double timestepForSigmaVe(double sigmaVe) {
        if (!(sigmaVe > 0)) {
            throw new IllegalArgumentException("sigma must be > 0, got " + sigmaVe);
        }
        double ls = Math.log(sigmaVe);
        int n = trainSteps();
        if (ls <= logSigmaVe[0]) {
            return 0.0;
        }
        if (ls >= logSigmaVe[n - 1]) {
            return n - 1;
        }
        int lo = 0;
        int hi = n - 1;
        while (hi - lo > 1) { // log σ^VE is strictly increasing in t
            int mid = (lo + hi) >>> 1;
            if (logSigmaVe[mid] <= ls) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        double w = (ls - logSigmaVe[lo]) / (logSigmaVe[hi] - logSigmaVe[lo]);
        return lo + w;
    }

    /**
     * Forward process q(z_t | z_0): sqrt(ᾱ_t)·x0 + sqrt(1 − ᾱ_t)·ε. The result is on the manager of {@code x0};
     * the temporaries are closed.
     */
    public NDArray addNoise(NDArray x0, NDArray noise, int t) {
        NDArray out = x0.mul((float) alpha(t));
        try (NDArray n = noise.mul((float) sigma(t))) {
            out.addi(n);
        }
        return out;
    }

    private int check(int t) {
        if (t < 0 || t >= betas.length) {
            throw new IllegalArgumentException("timestep " + t + " outside [0, " + (betas.length - 1) + "]");
        }
        return t;
    }
}
