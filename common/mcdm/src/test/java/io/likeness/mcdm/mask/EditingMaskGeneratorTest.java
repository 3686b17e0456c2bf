package io.likeness.mcdm.mask;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.likeness.mcdm.guidance.GuidanceScales;
import io.likeness.mcdm.guidance.McdmConditions;
import io.likeness.mcdm.sampling.GaussianNoise;
import io.likeness.mcdm.sampling.UniPcConfig;
import io.likeness.mcdm.sampling.UniPcSampler;
import io.likeness.mcdm.schedule.NoiseSchedule;
import io.likeness.mcdm.testing.FakeEpsilonModel;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.Test;

class EditingMaskGeneratorTest {

    private static final int H = 8;
    private static final int W = 8;
    private final NoiseSchedule schedule = NoiseSchedule.stableDiffusion();
    private final UniPcSampler unipc = new UniPcSampler(schedule, UniPcConfig.defaults());

    /** The prompts differ only in rows 2..5, columns 3..6 of the latent. */
    private static float[] region() {
        float[] r = new float[H * W];
        for (int y = 2; y <= 5; y++) {
            for (int x = 3; x <= 6; x++) {
                r[y * W + x] = 1f;
            }
        }
        return r;
    }

    private static McdmConditions conditions(NDManager m) {
        return new McdmConditions(m.full(new Shape(1, 4, H, W), 0.3f), m.zeros(new Shape(1, 4, H, W)),
                m.full(new Shape(1, 2, 5), 0.2f, DataType.FLOAT32), m.zeros(new Shape(1, 2, 5)),
                m.full(new Shape(1, 3, 5), 0.5f, DataType.FLOAT32), m.full(new Shape(1, 3, 5), -0.1f, DataType.FLOAT32),
                m.zeros(new Shape(1, 3, 5)));
    }

    @Test
    void findsTheEditedRegionWithAllSeedsInOneCall() {
        FakeEpsilonModel model = new FakeEpsilonModel(8, 3, 0.5, 1.0).withTextRegion(H, W, region());
        EditingMaskGenerator gen = new EditingMaskGenerator(model, unipc, schedule, MaskConfig.defaults());
        assertThat(gen.maskTimestep()).isEqualTo(500);
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray zA = GaussianNoise.sample(m, new Shape(1, 4, H, W), 11L);
            McdmConditions c = conditions(m);
            int before = m.getManagedArrays().size();
            EditingMask mask = gen.compute(m, c, GuidanceScales.paper(), zA,
                    MaskConfig.COSTUME_THRESHOLD, 42L, 32, 32, () -> false);
            assertThat(m.getManagedArrays().size()).isEqualTo(before);
            assertThat(model.batchSizes()).containsExactly(50L);
            MaskMap bin = mask.binaryLatent();
            float[] r = region();
            for (int i = 0; i < r.length; i++) {
                if (r[i] == 1f) {
                    assertThat(bin.values()[i]).as("inside %d", i).isEqualTo(1f);
                }
            }
            assertThat(bin.get(0, 0)).isZero();
            assertThat(bin.get(7, 0)).isZero();
            assertThat(mask.softLatent().get(3, 4)).isGreaterThan(mask.softLatent().get(0, 0));
            assertThat(mask.binaryImage().height()).isEqualTo(32);
            assertThat(mask.binaryImage().get(16, 18)).isEqualTo(1f);
            assertThat(mask.binaryImage().get(0, 0)).isZero();
            assertThat(mask.threshold()).isEqualTo(0.2);
        }
    }

    @Test
    void respectsTheMaxBatchAndIsDeterministic() {
        FakeEpsilonModel model = new FakeEpsilonModel(8, 3, 0.5, 1.0).withTextRegion(H, W, region());
        EditingMaskGenerator small = new EditingMaskGenerator(model, unipc, schedule,
                MaskConfig.defaults().withMaxBatchRows(20));
        EditingMaskGenerator big = new EditingMaskGenerator(model, unipc, schedule, MaskConfig.defaults());
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray zA = GaussianNoise.sample(m, new Shape(1, 4, H, W), 11L);
            MaskMap a = small.rawDifference(m, conditions(m), GuidanceScales.paper(), zA, 7L, () -> false);
            assertThat(model.batchSizes()).containsExactly(20L, 20L, 10L);
            MaskMap b = big.rawDifference(m, conditions(m), GuidanceScales.paper(), zA, 7L, () -> false);
            assertThat(b.values()).containsExactly(a.values(), org.assertj.core.api.Assertions.within(1e-6f));
            assertThat(big.rawDifference(m, conditions(m), GuidanceScales.paper(), zA, 7L, () -> false).values())
                    .containsExactly(b.values());
            assertThatThrownBy(() -> big.rawDifference(m, conditions(m), GuidanceScales.paper(), zA, 7L, () -> true))
                    .isInstanceOf(CancellationException.class);
        }
    }

    @Test
    void averagesIndependentNoisesPerSeed() {
        FakeEpsilonModel model = new FakeEpsilonModel(8, 3, 0.5, 1.0).withTextRegion(H, W, region())
                .withNonlinearText();
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray zA = GaussianNoise.sample(m, new Shape(1, 4, H, W), 11L);
            McdmConditions c = conditions(m);
            EditingMaskGenerator one = new EditingMaskGenerator(model, unipc, schedule,
                    MaskConfig.defaults().withSeeds(1));
            EditingMaskGenerator ten = new EditingMaskGenerator(model, unipc, schedule, MaskConfig.defaults());
            float[] single = one.rawDifference(m, c, GuidanceScales.paper(), zA, 7L, () -> false).values();
            float[] averaged = ten.rawDifference(m, c, GuidanceScales.paper(), zA, 7L, () -> false).values();
            // the first seed's noise is the same in both runs; identical maps would mean the 10 noises are one
            int inside = 3 * W + 4;
            assertThat(averaged[inside]).isNotCloseTo(single[inside], org.assertj.core.api.Assertions.within(1e-4f));
            assertThat(averaged[0]).isEqualTo(0f); // outside the region the prompts never differ
            float[] otherSeed = ten.rawDifference(m, c, GuidanceScales.paper(), zA, 8L, () -> false).values();
            assertThat(otherSeed[inside]).isNotEqualTo(averaged[inside]);
        }
    }
}
