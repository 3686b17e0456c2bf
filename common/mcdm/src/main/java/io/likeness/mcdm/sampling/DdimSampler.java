package io.likeness.mcdm.sampling;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.likeness.mcdm.schedule.NoiseSchedule;
import io.likeness.mcdm.schedule.TimestepSpacing;
import io.likeness.mcdm.schedule.Timesteps;
import java.util.Arrays;

/**
 * Deterministic DDIM (η = 0, ALGORITHMS.md §2): z_prev = sqrt(ᾱ_prev)·ẑ_0 + sqrt(1 − ᾱ_prev)·ε̂ with
 * ẑ_0 = (z_t − sqrt(1 − ᾱ_t)·ε̂)/sqrt(ᾱ_t). Unlike diffusers, the previous timestep is the next entry of the
 * timestep list (correct for every spacing); after the last entry ᾱ_prev = 1 if {@code setAlphaToOne}, else ᾱ_0.
 */
public final class DdimSampler implements StepSampler {

    private final NoiseSchedule schedule;
    private final TimestepSpacing spacing;
    private final int stepsOffset;
    private final boolean setAlphaToOne;

    public DdimSampler(NoiseSchedule schedule, TimestepSpacing spacing, int stepsOffset, boolean setAlphaToOne) {
        this.schedule = schedule;
        this.spacing = spacing;
        this.stepsOffset = stepsOffset;
        this.setAlphaToOne = setAlphaToOne;
    }

    /** SD defaults: linspace spacing, {@code set_alpha_to_one = false}. */
    public static DdimSampler stableDiffusion(NoiseSchedule schedule) {
        return new DdimSampler(schedule, TimestepSpacing.LINSPACE, 0, false);
    }

    @Override
    public String name() {
        return "DDIM";
    }

    @Override
    public int[] timesteps(int steps) {
        return Timesteps.ddim(schedule.trainSteps(), steps, spacing, stepsOffset);
    }

    @Override
    public SamplerRun newRun(NDManager manager, int steps) {
        int[] ts = timesteps(steps);
        return new SamplerRun() {
            @Override
            public int[] timesteps() {
                return ts.clone();
            }

            @Override
            public NDArray step(NDArray eps, int t, NDArray x) {
                int k = indexOf(ts, t);
                return DdimSampler.this.step(eps, t, k + 1 < ts.length ? ts[k + 1] : -1, x);
            }

            @Override
            public void close() {
                // stateless
            }
        };
    }

    /** One DDIM step from {@code t} to {@code tPrev} ({@code tPrev < 0}: to the final ᾱ). Result on x's manager. */
    public NDArray step(NDArray eps, int t, int tPrev, NDArray x) {
        double abT = schedule.alphaBar(t);
        double abPrev = tPrev >= 0 ? schedule.alphaBar(tPrev) : (setAlphaToOne ? 1.0 : schedule.alphaBar(0));
        double cx = Math.sqrt(abPrev) / Math.sqrt(abT);
        double ce = Math.sqrt(1.0 - abPrev) - Math.sqrt(abPrev) * Math.sqrt(1.0 - abT) / Math.sqrt(abT);
        return LinearCombination.of(x.getManager(), cx, x, ce, eps);
    }

    static int indexOf(int[] ts, int t) {
        for (int i = 0; i < ts.length; i++) {
            if (ts[i] == t) {
                return i;
            }
        }
        throw new IllegalArgumentException("timestep " + t + " is not in the run's list " + Arrays.toString(ts));
    }
}
