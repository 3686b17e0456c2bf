package io.likeness.mcdm.guidance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.likeness.mcdm.sampling.GaussianNoise;
import io.likeness.mcdm.testing.FakeEpsilonModel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class McdmGuidanceTest {

    private static final int TXT = 3;
    private static final int IMG = 2;
    private NDManager m;

    @BeforeEach
    void open() {
        m = NDManager.newBaseManager();
    }

    @AfterEach
    void close() {
        m.close();
    }

    private NDArray tokens(int count, float v) {
        return m.full(new Shape(1, count, 5), v, DataType.FLOAT32);
    }

    /**
     * With the linear fake, e0 = 0.1, e1 = 0.1 + c_im = 0.3, e2 = e1 + c_s = 0.25, e3 = e2 + c_p = 0.6 (Appendix B),
     * and the source prompt (0.15) gives e3(p_a) = 0.4.
     */
    private McdmConditions appendixB() {
        return new McdmConditions(m.full(new Shape(1, 4, 2, 3), -0.05f), m.zeros(new Shape(1, 4, 2, 3)),
                tokens(IMG, 0.2f), tokens(IMG, 0f), tokens(TXT, 0.35f), tokens(TXT, 0.15f), tokens(TXT, 0f));
    }

    @Test
    void nestedScalarFormGivesAppendixB() {
        assertThat(new NestedGuidance(3, 3, 5).combine(0.10, 0.30, 0.25, 0.60)).isCloseTo(2.3, within(1e-12));
        assertThat(new NestedGuidance(3, 3, 5).coefficients()).containsExactly(-2, 0, -2, 5);
        assertThat(new NestedGuidance(7.5).combine(0.2, 0.4)).isCloseTo(0.2 + 7.5 * 0.2, within(1e-12));
    }

    @Test
    void threeConditionGuidanceGivesAppendixBInOneBatchedCall() {
        FakeEpsilonModel model = new FakeEpsilonModel(8, TXT, 0.0, 0.0);
        try (McdmGuidance g = McdmGuidance.threeCondition(model, m, appendixB(), GuidanceScales.paper())) {
            NDArray z = m.zeros(new Shape(2, 4, 2, 3));
            float[] eps = g.predict(z, 500).toFloatArray();
            for (float v : eps) {
                assertThat(v).isCloseTo(2.3f, within(1e-5f));
            }
            assertThat(model.batchSizes()).containsExactly(8L); // 4 rows × latent batch 2, one call
            assertThat(g.rows()).isEqualTo(4);
        }
    }

    @Test
    void maskGuidedFormSelectsPromptsElementwise() {
        FakeEpsilonModel model = new FakeEpsilonModel(8, TXT, 0.5, 1.0);
        McdmConditions c = appendixB();
        McdmConditions sourceAsTarget = new McdmConditions(c.spatial(), c.spatialNull(), c.imageTokens(),
                c.imageTokensNull(), c.sourceText(), null, c.nullText());
        NDArray z = GaussianNoise.sample(m, new Shape(1, 4, 2, 3), 3L);
        NDArray checker = m.create(new float[] {1, 0, 1, 0, 1, 0}, new Shape(2, 3));
        try (McdmGuidance target = McdmGuidance.threeCondition(model, m, c, GuidanceScales.paper());
                McdmGuidance source = McdmGuidance.threeCondition(model, m, sourceAsTarget, GuidanceScales.paper());
                McdmGuidance ones = McdmGuidance.maskGuided(model, m, c, GuidanceScales.paper(), m.ones(new Shape(2, 3)));
                McdmGuidance zeros = McdmGuidance.maskGuided(model, m, c, GuidanceScales.paper(), m.zeros(new Shape(2, 3)));
                McdmGuidance mixed = McdmGuidance.maskGuided(model, m, c, GuidanceScales.paper(), checker)) {
            float[] pb = target.predict(z, 450).toFloatArray();
            float[] pa = source.predict(z, 450).toFloatArray();
            assertThat(pb[0]).isNotCloseTo(pa[0], within(0.1f));
            model.reset();
            assertThat(ones.predict(z, 450).toFloatArray()).containsExactly(pb, within(1e-5f));
            assertThat(zeros.predict(z, 450).toFloatArray()).containsExactly(pa, within(1e-5f));
            float[] mix = mixed.predict(z, 450).toFloatArray();
            for (int i = 0; i < mix.length; i++) {
                float expected = (i % 6) % 2 == 0 ? pb[i] : pa[i];
                assertThat(mix[i]).as("element %d", i).isCloseTo(expected, within(1e-5f));
            }
            assertThat(model.batchSizes()).containsExactly(5L, 5L, 5L);
            assertThat(mixed.rows()).isEqualTo(5);
        }
    }

    @Test
    void guidanceLeavesNoArraysOnTheCallersManager() {
        FakeEpsilonModel model = new FakeEpsilonModel(8, TXT, 0.5, 1.0);
        try (McdmGuidance g = McdmGuidance.threeCondition(model, m, appendixB(), GuidanceScales.paper());
                NDManager step = m.newSubManager()) {
            NDArray z = step.zeros(new Shape(1, 4, 2, 3));
            int before = step.getManagedArrays().size();
            g.predict(z, 10);
            assertThat(step.getManagedArrays().size()).isEqualTo(before + 1); // only the result
        }
    }
}
