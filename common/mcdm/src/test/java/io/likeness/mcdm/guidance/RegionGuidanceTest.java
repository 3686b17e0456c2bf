package io.likeness.mcdm.guidance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.likeness.mcdm.sampling.GaussianNoise;
import io.likeness.mcdm.testing.FakeEpsilonModel;
import org.junit.jupiter.api.Test;

class RegionGuidanceTest {

    private static ConditionRow row(NDManager m, float v) {
        return new ConditionRow(null, m.full(new Shape(1, 2, 3), v, DataType.FLOAT32));
    }

    @Test
    void combinesGuidedEstimatesWithPerPixelConvexWeights() {
        try (NDManager m = NDManager.newBaseManager()) {
            FakeEpsilonModel model = new FakeEpsilonModel(4, 2, 0.3, 0.0);
            NDArray z = GaussianNoise.sample(m, new Shape(1, 4, 3, 8), 5L); // h × 2w latent canvas
            float u = -0.2f;
            float p = 0.4f;
            float a = 1.0f;
            float b = -1.0f;
            RegionGuidance plain = new RegionGuidance(model, row(m, u), row(m, p), row(m, a), row(m, b),
                    new RegionWeights(0.1, 0.9, 0.9, 1.0));
            float[] zv = z.toFloatArray();
            float[] bar = plain.predict(z, 300).toFloatArray();
            for (int i = 0; i < bar.length; i++) {
                int col = i % 8;
                float base = 0.3f * zv[i] + 0.1f;
                float expected = base + 0.1f * p + 0.9f * (col < 4 ? a : b);
                assertThat(bar[i]).as("element %d", i).isCloseTo(expected, within(1e-5f));
                // convex: between the smallest and largest conditional estimate
                assertThat(bar[i]).isBetween(base + b - 1e-5f, base + a + 1e-5f);
            }
            RegionGuidance same = new RegionGuidance(model, row(m, u), row(m, p), row(m, p), row(m, p),
                    new RegionWeights(0.1, 0.9, 0.9, 1.0));
            float[] s = same.predict(z, 300).toFloatArray();
            for (int i = 0; i < s.length; i++) {
                assertThat(s[i]).isCloseTo(0.3f * zv[i] + 0.1f + p, within(1e-5f)); // weights sum to 1
            }
            model.reset();
            RegionGuidance cfg = new RegionGuidance(model, row(m, u), row(m, p), row(m, a), row(m, b),
                    RegionWeights.paper());
            float[] g = cfg.predict(z, 300).toFloatArray();
            for (int i = 0; i < g.length; i++) {
                float eu = 0.3f * zv[i] + 0.1f + u;
                assertThat(g[i]).isCloseTo(eu + 7.5f * (bar[i] - eu), within(1e-4f));
            }
            assertThat(model.batchSizes()).containsExactly(4L);

            // literal Eq. 2: every term is a CFG result, also when the weights do not sum to 1
            RegionGuidance literal = new RegionGuidance(model, row(m, u), row(m, p), row(m, a), row(m, b),
                    new RegionWeights(0.5, 0.9, 0.7, 2.0));
            float[] l = literal.predict(z, 300).toFloatArray();
            for (int i = 0; i < l.length; i++) {
                float eu = 0.3f * zv[i] + 0.1f + u;
                boolean isLeft = i % 8 < 4;
                float side = (isLeft ? a : b) + 0.3f * zv[i] + 0.1f;
                float expected = 0.5f * (eu + 2f * (0.3f * zv[i] + 0.1f + p - eu))
                        + (isLeft ? 0.9f : 0.7f) * (eu + 2f * (side - eu));
                assertThat(l[i]).as("element %d", i).isCloseTo(expected, within(1e-4f));
            }
        }
    }

    @Test
    void drivesTheStochasticEdmSamplerWithOneBatchedCallPerEvaluation() {
        try (NDManager m = NDManager.newBaseManager()) {
            FakeEpsilonModel model = new FakeEpsilonModel(4, 2, 0.9, 1.0);
            RegionGuidance g = new RegionGuidance(model, row(m, 0f), row(m, 0.1f), row(m, 0.3f), row(m, -0.3f),
                    RegionWeights.paper());
            io.likeness.mcdm.schedule.NoiseSchedule schedule = io.likeness.mcdm.schedule.NoiseSchedule.stableDiffusion();
            io.likeness.mcdm.sampling.KarrasEdmSampler edm = io.likeness.mcdm.sampling.KarrasEdmSampler
                    .forSchedule(schedule).withChurn(40, 0.05, 50, 1.003);
            NDArray noise = GaussianNoise.sample(m, new Shape(1, 4, 3, 8), 1L);
            float[] out = edm.sampleLatent(g, schedule, noise, 10,
                    io.likeness.mcdm.sampling.NoiseSource.seeded(4)).toFloatArray();
            assertThat(model.batchSizes()).hasSize(2 * 10 - 1).containsOnly(4L); // Heun: 2N − 1 evaluations
            for (float v : out) {
                assertThat(Float.isFinite(v)).isTrue();
            }
        }
    }
}
