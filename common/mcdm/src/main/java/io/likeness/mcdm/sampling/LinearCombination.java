package io.likeness.mcdm.sampling;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/**
 * Σ c_i·a_i with double coefficients, the one arithmetic primitive of the samplers and guidance rules. The result is
 * attached to the given manager; every temporary is closed at once, so nothing accumulates on the operands'
 * managers (which may be long-lived, e.g. a sampler's history).
 */
public final class LinearCombination {

    private LinearCombination() {
    }

    public static NDArray of(NDManager target, double[] coefficients, NDArray... arrays) {
        if (coefficients.length != arrays.length || arrays.length == 0) {
            throw new IllegalArgumentException(
                    "need one coefficient per array, got " + coefficients.length + " and " + arrays.length);
        }
        NDArray out = arrays[0].mul(coefficients[0]);
        out.attach(target);
        for (int i = 1; i < arrays.length; i++) {
            if (coefficients[i] == 0.0) {
                continue;
            }
            try (NDArray term = arrays[i].mul(coefficients[i])) {
                out.addi(term);
            }
        }
        return out;
    }

    public static NDArray of(NDManager target, double c0, NDArray a0, double c1, NDArray a1) {
        return of(target, new double[] {c0, c1}, a0, a1);
    }

    public static NDArray of(NDManager target, double c0, NDArray a0, double c1, NDArray a1, double c2, NDArray a2) {
        return of(target, new double[] {c0, c1, c2}, a0, a1, a2);
    }
}
