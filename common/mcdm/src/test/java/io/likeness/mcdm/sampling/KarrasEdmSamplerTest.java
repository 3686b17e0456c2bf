package io.likeness.mcdm.sampling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import io.likeness.mcdm.schedule.NoiseSchedule;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** ALGORITHMS.md §4.1 σ grids and the §4.3 toy vectors. */
class KarrasEdmSamplerTest {

    /** Exact denoiser for unit-Gaussian data: D(x; σ) = x/(1 + σ²). */
    private static final Denoiser UNIT_GAUSSIAN = (x, sigma) -> x.div(1.0 + sigma * sigma);

    @Test
    void sigmaGridsMatchTheReference() {
        double[] edm = KarrasEdmSampler.deterministic(0.002, 80).sigmas(20);
        double[] expectedEdm = {80, 59.657526, 43.92026, 31.884429, 22.794111, 16.022302, 11.053667, 7.468907,
            4.930658, 3.170843, 1.979401, 1.194309, 0.692824, 0.383855, 0.201404, 0.098973, 0.044883, 0.018401,
            0.006622, 0.002, 0};
        double[] sd = KarrasEdmSampler.forSchedule(NoiseSchedule.stableDiffusion()).sigmas(20);
        double[] expectedSd = {14.614641, 11.725365, 9.340203, 7.383618, 5.789413, 4.499836, 3.464748, 2.640841,
            1.990916, 1.483212, 1.090786, 0.790946, 0.564722, 0.39639, 0.273038, 0.184168, 0.121341, 0.07786,
            0.048481, 0.029167, 0};
        for (int i = 0; i <= 20; i++) {
            assertThat(edm[i]).isCloseTo(expectedEdm[i], within(1e-6 * Math.max(1, expectedEdm[i])));
            assertThat(sd[i]).isCloseTo(expectedSd[i], within(1e-6 * Math.max(1, expectedSd[i])));
        }
    }

    private static Map<Integer, Double> runToy(KarrasEdmSampler sampler) {
        Map<Integer, Double> after = new HashMap<>();
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.create(new double[] {80.0});
            NoiseSource alternating = (mgr, shape, i) -> mgr.full(shape, (float) (0.5 * (i % 2 == 0 ? 1 : -1)), DataType.FLOAT64);
            NDArray out = sampler.sample(UNIT_GAUSSIAN, x, 20, alternating,
                    (array, step) -> after.put(step, array.toDoubleArray()[0]));
            assertThat(out.toDoubleArray()[0]).isEqualTo(after.get(20));
            assertThat(x.toDoubleArray()[0]).isEqualTo(80.0);
        }
        return after;
    }

    @Test
    void deterministicToyVector() {
        Map<Integer, Double> after = runToy(KarrasEdmSampler.deterministic(0.002, 80));
        assertThat(after.get(1)).isCloseTo(59.6614303509, within(1e-8));
        assertThat(after.get(2)).isCloseTo(43.9286307679, within(1e-8));
        assertThat(after.get(10)).isCloseTo(2.2421910789, within(1e-8));
        assertThat(after.get(20)).isCloseTo(1.0353646724, within(1e-8));
    }

    @Test
    void stochasticToyVector() {
        Map<Integer, Double> after = runToy(KarrasEdmSampler.deterministic(0.002, 80).withChurn(40, 0.05, 50, 1.003));
        assertThat(after.get(1)).isCloseTo(59.6614303509, within(1e-8));
        assertThat(after.get(2)).isCloseTo(43.9286307679, within(1e-8));
        assertThat(after.get(10)).isCloseTo(-0.2660427712, within(1e-8));
        assertThat(after.get(20)).isCloseTo(0.0288036689, within(1e-8));
    }

    @Test
    void epsilonDenoiserIsExactForTheUnitGaussianEpsilon() {
        NoiseSchedule schedule = NoiseSchedule.stableDiffusion();
        // for unit-Gaussian data the exact ε is z·sqrt(1 − ᾱ): D(x;σ) must equal x/(1 + σ²)
        NoisePredictor exact = (z, t) -> z.mul(Math.sqrt(1.0 - schedule.alphaBarAt(t)));
        EpsilonDenoiser d = new EpsilonDenoiser(exact, schedule);
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.create(new double[] {2.0, -1.0});
            double sigma = 3.3;
            double[] out = d.denoise(x, sigma).toDoubleArray();
            assertThat(out[0]).isCloseTo(2.0 / (1 + sigma * sigma), within(1e-9));
            assertThat(out[1]).isCloseTo(-1.0 / (1 + sigma * sigma), within(1e-9));
        }
    }
}
