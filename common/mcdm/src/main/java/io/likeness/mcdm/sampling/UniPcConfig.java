package io.likeness.mcdm.sampling;

import io.likeness.mcdm.schedule.TimestepSpacing;
import java.util.Set;

/**
 * UniPC multistep settings (data prediction, ε-prediction network; ALGORITHMS.md §3).
 *
 * @param solverOrder      1 or 2
 * @param variant          bh1 or bh2
 * @param lowerOrderFinal  use order 1 for the last step (must be true with {@link FinalSigma#ZERO} and order 2)
 * @param finalSigma       the noise level after the last step
 * @param spacing          timestep spacing
 * @param stepsOffset      added to {@code leading} timesteps
 * @param disableCorrector step indices whose corrector is skipped (the corrector at step k uses index k−1)
 */
public record UniPcConfig(int solverOrder, UniPcVariant variant, boolean lowerOrderFinal, FinalSigma finalSigma,
        TimestepSpacing spacing, int stepsOffset, Set<Integer> disableCorrector) {

    public UniPcConfig {
        if (solverOrder < 1 || solverOrder > 2) {
            throw new IllegalArgumentException("solverOrder must be 1 or 2, got " + solverOrder);
        }
        if (solverOrder == 2 && !lowerOrderFinal && finalSigma == FinalSigma.ZERO) {
            throw new IllegalArgumentException(
                    "lowerOrderFinal=false with final sigma ZERO divides by an infinite step size; keep it true");
        }
        disableCorrector = Set.copyOf(disableCorrector);
    }

    /** The diffusers defaults: order 2, bh2, lower_order_final, final σ = 0, linspace. */
    public static UniPcConfig defaults() {
        return new UniPcConfig(2, UniPcVariant.BH2, true, FinalSigma.ZERO, TimestepSpacing.LINSPACE, 0, Set.of());
    }

    public UniPcConfig withVariant(UniPcVariant v) {
        return new UniPcConfig(solverOrder, v, lowerOrderFinal, finalSigma, spacing, stepsOffset, disableCorrector);
    }

    public UniPcConfig withFinalSigma(FinalSigma f) {
        return new UniPcConfig(solverOrder, variant, lowerOrderFinal, f, spacing, stepsOffset, disableCorrector);
    }

    public UniPcConfig withSpacing(TimestepSpacing s, int offset) {
        return new UniPcConfig(solverOrder, variant, lowerOrderFinal, finalSigma, s, offset, disableCorrector);
    }
}
