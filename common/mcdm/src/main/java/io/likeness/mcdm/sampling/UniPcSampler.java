package io.likeness.mcdm.sampling;

import ai.djl.ndarray.NDManager;
import io.likeness.mcdm.schedule.NoiseSchedule;
import io.likeness.mcdm.schedule.Timesteps;

/**
 * UniPC multistep (Zhao et al. 2023) as diffusers' {@code UniPCMultistepScheduler} with {@code predict_x0}:
 * one network evaluation per step, predictor UniP + corrector UniC. Immutable factory; the per-run state is a
 * {@link UniPcRun}.
 */
public final class UniPcSampler implements StepSampler {

    private final NoiseSchedule schedule;
    private final UniPcConfig config;

    public UniPcSampler(NoiseSchedule schedule, UniPcConfig config) {
        this.schedule = schedule;
        this.config = config;
    }

    public UniPcConfig config() {
        return config;
    }

    @Override
    public String name() {
        return "UniPC-" + config.variant().name().toLowerCase(java.util.Locale.ROOT) + "-order" + config.solverOrder();
    }

    @Override
    public int[] timesteps(int steps) {
        return Timesteps.unipc(schedule.trainSteps(), steps, config.spacing(), config.stepsOffset());
    }

    /**
     * σ^VE at each timestep of the run plus the final σ (N+1 values), in double: the table UniPC steps along.
     */
    public double[] sigmas(int steps) {
        int[] ts = timesteps(steps);
        double[] sig = new double[ts.length + 1];
        for (int i = 0; i < ts.length; i++) {
            sig[i] = schedule.sigmaVe(ts[i]);
        }
        sig[ts.length] = config.finalSigma() == FinalSigma.ZERO ? 0.0 : schedule.sigmaVe(0);
        return sig;
    }

    @Override
    public UniPcRun newRun(NDManager manager, int steps) {
        return new UniPcRun(config, timesteps(steps), sigmas(steps), manager);
    }
}
