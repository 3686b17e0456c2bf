package io.likeness.mcdm.sampling;

/** The noise level UniPC steps to after the last timestep (diffusers {@code final_sigmas_type}). */
public enum FinalSigma {
    /** σ = 0: the last step returns the x0 prediction (diffusers ≥ 0.28). */
    ZERO,
    /** σ = σ^VE(t = 0) ≈ 0.0291672 (diffusers &lt; 0.28 behaviour). */
    SIGMA_MIN
}
