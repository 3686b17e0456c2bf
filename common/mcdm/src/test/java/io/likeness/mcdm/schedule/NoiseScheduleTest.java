package io.likeness.mcdm.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

class NoiseScheduleTest {

    private final NoiseSchedule schedule = NoiseSchedule.stableDiffusion();

    @Test
    void matchesTheReferenceTable() {
        // t, ᾱ, sqrt(ᾱ), sqrt(1−ᾱ), σ^VE — ALGORITHMS.md §1.1
        double[][] rows = {
            {0, 0.9991500000, 0.9995749096, 0.0291547595, 0.02916716},
            {1, 0.9982960278, 0.9991476507, 0.0412791977, 0.04131441},
            {50, 0.9515769028, 0.9754880331, 0.2200524874, 0.22558194},
            {100, 0.8942234776, 0.9456339025, 0.3252330279, 0.34393123},
            {250, 0.6737926252, 0.8208487225, 0.5711456686, 0.69579894},
            {450, 0.3470447084, 0.5891050062, 0.8080564904, 1.37166801},
            {500, 0.2763326838, 0.5256735525, 0.8506863794, 1.61827883},
            {549, 0.2150973450, 0.4637858827, 0.8859473207, 1.91025073},
            {750, 0.0561698480, 0.2370017890, 0.9715092135, 4.09916405},
            {949, 0.0083401202, 0.0913242583, 0.9958212088, 10.90423538},
            {999, 0.0046600985, 0.0682649142, 0.9976672298, 14.61464123},
        };
        for (double[] r : rows) {
            int t = (int) r[0];
            assertThat(schedule.alphaBar(t)).as("alphaBar(%d)", t).isCloseTo(r[1], within(1e-9));
            assertThat(schedule.alpha(t)).as("alpha(%d)", t).isCloseTo(r[2], within(1e-9));
            assertThat(schedule.sigma(t)).as("sigma(%d)", t).isCloseTo(r[3], within(1e-9));
            assertThat(schedule.sigmaVe(t)).as("sigmaVe(%d)", t).isCloseTo(r[4], within(1e-7));
            assertThat(schedule.lambda(t)).isCloseTo(-Math.log(r[4]), within(1e-6));
        }
        assertThat(schedule.trainSteps()).isEqualTo(1000);
        assertThat(schedule.beta(0)).isCloseTo(0.00085, within(1e-15));
        assertThat(schedule.beta(999)).isCloseTo(0.012, within(1e-15));
    }

    @Test
    void fractionalTimestepInvertsLogSigmaInterpolation() {
        assertThat(schedule.timestepForSigmaVe(schedule.sigmaVe(500))).isCloseTo(500.0, within(1e-9));
        double t = schedule.timestepForSigmaVe(1.5);
        assertThat(t).isBetween(450.0, 500.0);
        assertThat(schedule.sigmaVeAt(t)).isCloseTo(1.5, within(1e-12));
        assertThat(schedule.sigmaVeAt(123.0)).isCloseTo(schedule.sigmaVe(123), within(1e-12));
        assertThat(schedule.timestepForSigmaVe(1e-4)).isEqualTo(0.0);
        assertThat(schedule.timestepForSigmaVe(100)).isEqualTo(999.0);
    }

    @Test
    void addNoiseMatchesTheReferenceVector() {
        try (NDManager m = NDManager.newBaseManager()) {
            float[] x = new float[16];
            float[] n = new float[16];
            for (int i = 0; i < 16; i++) {
                x[i] = (float) Math.sin(1.7 * i + 0.3);
                n[i] = (float) Math.cos(0.9 * i);
            }
            NDArray out = schedule.addNoise(m.create(x, new Shape(1, 4, 2, 2)), m.create(n, new Shape(1, 4, 2, 2)), 500);
            float[] v = out.toFloatArray();
            double[] expected = {1.00603354, 1.00678874, -0.47179857, -1.17530371};
            for (int i = 0; i < 4; i++) {
                assertThat((double) v[i]).isCloseTo(expected[i], within(1e-5));
            }
        }
    }
}
