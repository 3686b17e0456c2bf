package io.likeness.mcdm.sampling;

import ai.djl.ndarray.NDManager;

/** A multistep sampler with one network evaluation per step (DDIM, UniPC): a factory of per-run states. */
public interface StepSampler {

    /** Short name recorded in generation settings, e.g. {@code "UniPC-bh2"}. */
    String name();

    /** The descending timestep list for {@code steps} inference steps. */
    int[] timesteps(int steps);

    /** A fresh run; its history lives on a sub-manager of {@code manager} and is released by {@code close()}. */
    SamplerRun newRun(NDManager manager, int steps);
}
