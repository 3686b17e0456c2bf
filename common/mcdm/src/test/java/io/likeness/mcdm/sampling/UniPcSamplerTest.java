package io.likeness.mcdm.sampling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.likeness.mcdm.schedule.NoiseSchedule;
import io.likeness.mcdm.schedule.TimestepSpacing;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** ALGORITHMS.md Appendix A, vectors 1–8, tolerance 1e-4. */
class UniPcSamplerTest {

    private static final double TOL = 1e-4;
    private final NoiseSchedule schedule = NoiseSchedule.stableDiffusion();
    private NDManager manager;

    @BeforeEach
    void open() {
        manager = NDManager.newBaseManager();
    }

    @AfterEach
    void close() {
        manager.close();
    }

    static NDArray initial(NDManager m) {
        float[] x = new float[16];
        for (int i = 0; i < 16; i++) {
            x[i] = (float) Math.sin(1.7 * i + 0.3);
        }
        return m.create(x, new Shape(1, 4, 2, 2));
    }

    /** The toy ε network of Appendix A: 0.8·tanh(x) + 0.1·sin(0.01·t). */
    static NDArray toyEps(NDArray x, double t) {
        try (NDArray th = x.tanh()) {
            NDArray out = th.mul(0.8);
            out.addi(0.1 * Math.sin(0.01 * t));
            return out;
        }
    }

    /** Runs the given steps (indices into the run's list) and returns the samples after each one. */
    private List<float[]> run(UniPcConfig config, int steps, int fromIndex, int count) {
        UniPcSampler sampler = new UniPcSampler(schedule, config);
        List<float[]> out = new ArrayList<>();
        try (UniPcRun run = sampler.newRun(manager, steps)) {
            int[] ts = run.timesteps();
            NDArray x = initial(manager);
            for (int k = fromIndex; k < fromIndex + count; k++) {
                try (NDManager stepManager = manager.newSubManager()) {
                    x.attach(stepManager);
                    NDArray eps = toyEps(x, ts[k]);
                    NDArray next = run.step(eps, ts[k], x);
                    next.attach(manager);
                    x = next;
                }
                out.add(x.toFloatArray());
            }
        }
        return out;
    }

    private static void assertClose(float[] actual, double... expected) {
        for (int i = 0; i < expected.length; i++) {
            assertThat((double) actual[i]).as("element %d", i).isCloseTo(expected[i], within(TOL));
        }
    }

    @Test
    void vector1FullRunBh2FinalZero() {
        List<float[]> xs = run(UniPcConfig.defaults(), 20, 0, 20);
        assertClose(xs.get(0), 0.33563723, 1.03920667, -0.55911847, -0.8398446);
        assertClose(xs.get(1), 0.3403591, 1.14418851, -0.6117713, -0.93167159);
        assertClose(xs.get(2), 0.34169217, 1.25580191, -0.67489011, -1.04199682);
        assertClose(xs.get(9), 0.3772605, 2.32406717, -1.06571066, -1.94922533);
        assertClose(xs.get(19), 0.25105111, 3.13225207, -0.98970101, -2.44414786, 1.63654928, 0.89550067,
                -3.40332681, -0.52050755, 3.76998202, 0.04081504, -4.65050121, 0.08346518, 3.65612043, -0.60187191,
                -3.20250351, 1.03375008);
    }

    @Test
    void vector2Bh1FinalSigmaMin() {
        UniPcConfig config = UniPcConfig.defaults().withVariant(UniPcVariant.BH1).withFinalSigma(FinalSigma.SIGMA_MIN);
        List<float[]> xs = run(config, 20, 0, 20);
        assertClose(xs.get(1), 0.3373154, 1.14049207, -0.61294615, -0.93236272);
        assertClose(xs.get(19), 0.25778278, 3.13685471, -1.00810808, -2.46628009, 1.64676388, 0.90791657,
                -3.42525076, -0.53257319, 3.77305488, 0.04266724, -4.67210867, 0.08640411, 3.65943376, -0.61541731,
                -3.22448891, 1.0460738);
    }

    @Test
    void bh1WithFinalZeroStaysFinite() {
        List<float[]> xs = run(UniPcConfig.defaults().withVariant(UniPcVariant.BH1), 20, 0, 20);
        for (float v : xs.get(19)) {
            assertThat(Float.isFinite(v)).isTrue();
        }
    }

    @Test
    void vector3Bh2FinalSigmaMin() {
        List<float[]> xs = run(UniPcConfig.defaults().withFinalSigma(FinalSigma.SIGMA_MIN), 20, 0, 20);
        assertClose(xs.get(19), 0.25928078, 3.15562511, -1.00647358, -2.46470571);
    }

    @Test
    void vectors4And5MidScheduleStart() {
        List<float[]> xs = run(UniPcConfig.defaults(), 20, 10, 2);
        assertClose(xs.get(0), 0.31173062, 0.94917737, -0.52344042, -0.77670539, 0.75852114, 0.60826819,
                -0.88982982, -0.34758384, 1.01610837, 0.1222119, -1.01797869, 0.16460364, 1.00450102, -0.38768053,
                -0.86754922, 0.64347939);
        assertClose(xs.get(1), 0.3240881, 0.98143997, -0.51406224, -0.77502933, 0.78138484, 0.62583276,
                -0.89332796, -0.33580979, 1.05233644, 0.13403245, -1.02856825, 0.17641957, 1.04001808, -0.37626747,
                -0.86994535, 0.66211628);
    }

    @Test
    void vectors6And7OneAndTwoSteps() {
        assertClose(run(UniPcConfig.defaults(), 1, 0, 1).get(0), 1.75383596, 5.67556678, -1.30523394, -2.95484354);
        List<float[]> two = run(UniPcConfig.defaults(), 2, 0, 2);
        assertClose(two.get(0), 1.07184105, 3.42846861, -1.06193043, -2.04020543);
        assertClose(two.get(1), 1.17121538, 5.38532787, -0.84685858, -2.47435486);
    }

    @Test
    void vector8LeadingAndTrailingSpacing() {
        assertClose(run(UniPcConfig.defaults().withSpacing(TimestepSpacing.LEADING, 1), 20, 0, 20).get(19),
                0.21356313, 2.15299919, -0.86396804, -1.9198614);
        assertClose(run(UniPcConfig.defaults().withSpacing(TimestepSpacing.TRAILING, 0), 20, 0, 20).get(19),
                0.25137819, 3.13248771, -0.98952628, -2.44390564);
    }

    @Test
    void sigmaTableMatchesDiffusers() {
        double[] expected = {14.614645, 10.904239, 8.302805, 6.442957, 5.087765, 4.081731, 3.321084, 2.73547,
            2.276464, 1.910251, 1.61828, 1.371669, 1.164392, 0.987109, 0.832753, 0.695799, 0.571666, 0.456075,
            0.343932, 0.225583, 0.0};
        double[] sig = new UniPcSampler(schedule, UniPcConfig.defaults()).sigmas(20);
        assertThat(sig).hasSize(21);
        for (int i = 0; i < expected.length; i++) {
            assertThat(sig[i]).isCloseTo(expected[i], within(2e-5 * Math.max(1, expected[i])));
        }
    }

    @Test
    void rejectsATimestepOutOfSequence() {
        try (UniPcRun run = new UniPcSampler(schedule, UniPcConfig.defaults()).newRun(manager, 20)) {
            NDArray x = initial(manager);
            NDArray next = run.step(toyEps(x, 999), 999, x);
            assertThatThrownBy(() -> run.step(toyEps(next, 500), 500, next))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("949");
        }
    }

    @Test
    void historyDoesNotAccumulateOnTheCallersManager() {
        UniPcSampler sampler = new UniPcSampler(schedule, UniPcConfig.defaults());
        try (NDManager request = manager.newSubManager(); UniPcRun run = sampler.newRun(request, 20)) {
            NDArray x = initial(request);
            int[] ts = run.timesteps();
            int before = -1;
            for (int k = 0; k < ts.length; k++) {
                try (NDManager step = request.newSubManager()) {
                    x.attach(step);
                    NDArray next = run.step(toyEps(x, ts[k]), ts[k], x);
                    next.attach(request);
                    x = next;
                }
                int live = request.getManagedArrays().size();
                if (k == 2) {
                    before = live;
                } else if (k > 2) {
                    assertThat(live).as("live arrays after step %d", k).isEqualTo(before);
                }
            }
        }
    }
}
