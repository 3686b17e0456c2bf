package io.likeness.mcdm.nn;

import static io.likeness.mcdm.nn.TinyFixtures.maxAbs;
import static io.likeness.mcdm.nn.TinyFixtures.normal;
import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.likeness.mcdm.nn.layers.Attention;
import io.likeness.mcdm.nn.layers.GroupNorm;
import io.likeness.mcdm.nn.layers.TimestepEmbedding;
import io.likeness.mcdm.nn.layers.Upsample2D;
import org.junit.jupiter.api.Test;

/** The hand-written layers against direct re-computations of their definitions. */
class LayersTest {

    @Test
    void groupNormMatchesThePerGroupDefinitionWithPerChannelAffine() {
        try (NDManager m = TinyFixtures.manager(1)) {
            GroupNorm gn = new GroupNorm(4, 8, 1e-5f);
            gn.initialize(m);
            NDArray gamma = gn.namedParameters().get("weight").getArray();
            NDArray beta = gn.namedParameters().get("bias").getArray();
            gamma.set(normal(m, 8).toFloatArray());
            beta.set(normal(m, 8).toFloatArray());
            NDArray x = normal(m, 2, 8, 5, 3).mul(3f).add(1f);
            NDArray g = x.reshape(2, 4, 2 * 5 * 3);
            NDArray mean = g.mean(new int[] {2}, true);
            NDArray var = g.sub(mean).square().mean(new int[] {2}, true);
            NDArray ref = g.sub(mean).div(var.add(1e-5f).sqrt()).reshape(2, 8, 5, 3)
                    .mul(gamma.reshape(1, 8, 1, 1)).add(beta.reshape(1, 8, 1, 1));
            assertThat(maxAbs(gn.forward(x).sub(ref))).isLessThan(1e-5f);
            assertThat(gn.getOutputShapes(new Shape[] {new Shape(1, 8, 4, 4)})[0]).isEqualTo(new Shape(1, 8, 4, 4));
        }
    }

    @Test
    void sinusoidalTimestepEmbeddingPutsCosineFirstWithoutFrequencyShift() {
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            float[] e = TimestepEmbedding.sinusoidal(m.create(new float[] {1f, 250f}), 8).toFloatArray();
            double[] f = {1, Math.pow(10000, -0.25), Math.pow(10000, -0.5), Math.pow(10000, -0.75)};
            for (int row = 0; row < 2; row++) {
                double t = row == 0 ? 1 : 250;
                for (int i = 0; i < 4; i++) {
                    assertThat((double) e[row * 8 + i]).isCloseTo(Math.cos(t * f[i]), org.assertj.core.data.Offset.offset(1e-4));
                    assertThat((double) e[row * 8 + 4 + i]).isCloseTo(Math.sin(t * f[i]), org.assertj.core.data.Offset.offset(1e-4));
                }
            }
        }
    }

    @Test
    void multiHeadAttentionEqualsPerHeadSoftmaxAttention() {
        try (NDManager m = TinyFixtures.manager(2)) {
            NDArray q = normal(m, 1, 3, 4);
            NDArray k = normal(m, 1, 5, 4);
            NDArray v = normal(m, 1, 5, 4);
            NDArray out = Attention.multiHead(q, k, v, 2, null);
            for (int h = 0; h < 2; h++) {
                String cols = ":, :, " + (2 * h) + ":" + (2 * h + 2);
                NDArray qh = q.get(cols);
                NDArray kh = k.get(cols);
                NDArray vh = v.get(cols);
                NDArray ref = qh.matMul(kh.transpose(0, 2, 1)).div((float) Math.sqrt(2)).softmax(2).matMul(vh);
                assertThat(maxAbs(out.get(cols).sub(ref))).isLessThan(1e-5f);
            }
        }
    }

    @Test
    void nearestUpsamplingRepeatsEveryPixelTwiceInBothDirections() {
        try (NDManager m = TinyFixtures.manager(3)) {
            NDArray x = normal(m, 1, 2, 3, 4);
            NDArray ref = x.repeat(2, 2).repeat(3, 2);
            NDArray up = Upsample2D.nearest2x(x);
            assertThat(up.getShape()).isEqualTo(new Shape(1, 2, 6, 8));
            assertThat(maxAbs(up.sub(ref))).isZero();
        }
    }
}
