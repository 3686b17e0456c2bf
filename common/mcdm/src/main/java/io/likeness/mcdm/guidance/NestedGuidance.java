package io.likeness.mcdm.guidance;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.likeness.mcdm.sampling.LinearCombination;

/**
 * Nested multi-condition classifier-free guidance (paper Eq. 1 generalised to N conditions):
 * ε̃ = e0 + Σ_{i=1..N} s_i·(e_i − e_{i−1}), where e_i is the prediction with the first i conditions present.
 * As a linear combination: c_0 = 1 − s_1, c_i = s_i − s_{i+1}, c_N = s_N.
 */
public record NestedGuidance(double... scales) {

    public NestedGuidance {
        if (scales.length == 0) {
            throw new IllegalArgumentException("need at least one guidance scale");
        }
        scales = scales.clone();
    }

    @Override
    public double[] scales() {
        return scales.clone();
    }

    /** The N+1 coefficients of e_0..e_N. */
    public double[] coefficients() {
        int n = scales.length;
        double[] c = new double[n + 1];
        c[0] = 1.0 - scales[0];
        for (int i = 1; i < n; i++) {
            c[i] = scales[i - 1] - scales[i];
        }
        c[n] = scales[n - 1];
        return c;
    }

    /** Combines e_0..e_N (N+1 arrays); the result is attached to {@code target}. */
    public NDArray combine(NDManager target, NDArray... e) {
        if (e.length != scales.length + 1) {
            throw new IllegalArgumentException("need " + (scales.length + 1) + " predictions, got " + e.length);
        }
        return LinearCombination.of(target, coefficients(), e);
    }

    /** Scalar form, for reasoning and tests. */
    public double combine(double... e) {
        double[] c = coefficients();
        double s = 0;
        for (int i = 0; i < c.length; i++) {
            s += c[i] * e[i];
        }
        return s;
    }
}
