package io.likeness.mcdm.sampling;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.likeness.mcdm.schedule.NoiseSchedule;

/**
 * An ε-prediction (VP) network seen as an EDM denoiser (ALGORITHMS.md §4.3, EDM's VP/iDDPM preconditioning):
 * D(x; σ) = x − σ·ε̂(x/sqrt(σ² + 1), t(σ)), where t(σ) is the fractional timestep obtained by linear
 * interpolation of log σ^VE over the schedule's table. σ is clamped to the table's range for the timestep only.
 */
public final class EpsilonDenoiser implements Denoiser {

    private final NoisePredictor predictor;
    private final NoiseSchedule schedule;

    public EpsilonDenoiser(NoisePredictor predictor, NoiseSchedule schedule) {
        this.predictor = predictor;
        this.schedule = schedule;
    }

    @Override
    public NDArray denoise(NDArray x, double sigma) {
        double t = schedule.timestepForSigmaVe(sigma);
        NDManager target = x.getManager();
        try (NDArray z = x.mul(1.0 / Math.sqrt(sigma * sigma + 1.0));
                NDArray eps = predictor.predict(z, t)) {
            return LinearCombination.of(target, 1.0, x, -sigma, eps);
        }
    }
}
