package io.likeness.mcdm.sampling;

import ai.djl.ndarray.NDArray;

/**
 * The state of one sampling run (one image, or one batch of latents): create a fresh run per independent use.
 * Not thread-safe. A run may start at any timestep of its list (mid-schedule start, img2img, mask computation).
 */
public interface SamplerRun extends AutoCloseable {

    /** The full descending timestep list of the run. */
    int[] timesteps();

    /**
     * One update from timestep {@code t} (an entry of {@link #timesteps()}) to the next entry of the list.
     *
     * @param eps the (guided) ε-prediction at (x, t)
     * @param t   the current timestep
     * @param x   the current sample, any shape
     * @return the next sample, same shape, on the manager of {@code x}
     */
    NDArray step(NDArray eps, int t, NDArray x);

    /** Releases the run's history. */
    @Override
    void close();
}
