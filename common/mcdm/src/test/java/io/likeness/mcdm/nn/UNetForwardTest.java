package io.likeness.mcdm.nn;

import static io.likeness.mcdm.nn.TinyFixtures.bitIdentical;
import static io.likeness.mcdm.nn.TinyFixtures.maxAbs;
import static io.likeness.mcdm.nn.TinyFixtures.normal;
import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.likeness.mcdm.nn.pose.PoseConditionedUNet;
import io.likeness.mcdm.nn.pose.PoseConfig;
import io.likeness.mcdm.nn.pose.PoseControlNet;
import io.likeness.mcdm.nn.unet.UNet2DConditionModel;
import io.likeness.mcdm.nn.unet.UNetConfig;
import io.likeness.mcdm.nn.unet.UNets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class UNetForwardTest {

    private static NDManager model;
    private static UNet2DConditionModel base;
    private static UNet2DConditionModel wide;

    @BeforeAll
    static void build() {
        model = TinyFixtures.manager(7);
        base = UNets.create(TinyFixtures.tinyUNet(4), model);
        wide = UNets.widenInput(base, 8, model);
    }

    @AfterAll
    static void close() {
        model.close();
    }

    @Test
    void tinyUNetPredictsNoiseOfTheLatentShapeForFourAndEightChannels() {
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            NDArray ctx = normal(m, 2, 89, 256);
            NDArray t = m.create(new float[] {10f, 900f});
            assertThat(base.predict(normal(m, 2, 4, 16, 16), t, ctx).getShape()).isEqualTo(new Shape(2, 4, 16, 16));
            assertThat(wide.predict(normal(m, 2, 8, 16, 16), t, ctx).getShape()).isEqualTo(new Shape(2, 4, 16, 16));
            // a single timestep broadcasts over the batch; non-square latents work
            NDArray r = wide.predict(normal(m, 3, 8, 16, 32), m.create(new float[] {500f}), normal(m, 3, 24, 256));
            assertThat(r.getShape()).isEqualTo(new Shape(3, 4, 16, 32));
        }
    }

    @Test
    void eightChannelUNetWidenedFromFourIgnoresTheSpatialConditionExactly() {
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            NDArray z = normal(m, 2, 4, 16, 16);
            NDArray ctx = normal(m, 2, 30, 256);
            NDArray t = m.create(new float[] {250f, 700f});
            NDArray four = base.predict(z, t, ctx);
            NDArray a = wide.predict(z.concat(normal(m, 2, 4, 16, 16), 1), t, ctx);
            NDArray b = wide.predict(z.concat(normal(m, 2, 4, 16, 16).mul(50f), 1), t, ctx);
            NDArray c = wide.predict(z.concat(m.zeros(new Shape(2, 4, 16, 16)), 1), t, ctx);
            assertThat(maxAbs(four)).isGreaterThan(1e-3f);
            assertThat(bitIdentical(a, b)).isTrue();
            assertThat(bitIdentical(a, c)).isTrue();
            assertThat(maxAbs(a.sub(four))).isLessThan(1e-4f);
            // conv_in bias is copied, not re-initialised
            assertThat(bitIdentical(wide.namedParameters().get("conv_in.bias").getArray(),
                    base.namedParameters().get("conv_in.bias").getArray())).isTrue();
        }
    }

    @Test
    void widenedUNetDependsOnTheSpatialConditionOnceItsWeightsAreNonZero() {
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            UNet2DConditionModel w = UNets.widenInput(base, 8, m);
            NDArray weight = w.namedParameters().get("conv_in.weight").getArray();
            weight.set(weight.add(0.05f).toFloatArray());
            NDArray z = normal(m, 1, 4, 16, 16);
            NDArray ctx = normal(m, 1, 24, 256);
            NDArray t = m.create(new float[] {300f});
            NDArray a = w.predict(z.concat(normal(m, 1, 4, 16, 16), 1), t, ctx);
            NDArray b = w.predict(z.concat(normal(m, 1, 4, 16, 16), 1), t, ctx);
            assertThat(maxAbs(a.sub(b))).isGreaterThan(1e-4f);
        }
    }

    @Test
    void poseBranchAtInitialisationChangesNothing() {
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            PoseControlNet pose = PoseControlNet.fromUNet(base, PoseConfig.tiny(), m);
            PoseConditionedUNet posed = new PoseConditionedUNet(base, pose);
            assertThat(base.skipCount()).isEqualTo(9);
            NDArray z = normal(m, 2, 4, 16, 16);
            NDArray ctx = normal(m, 2, 24, 256);
            NDArray t = m.create(new float[] {100f, 800f});
            NDArray plain = base.predict(z, t, ctx);
            NDArray withPose = posed.predict(z, t, ctx, normal(m, 2, 3, 128, 128));
            assertThat(bitIdentical(plain, withPose)).isTrue();
            PoseControlNet.Residuals r = pose.forward(z, t, ctx, normal(m, 2, 3, 128, 128), 1f);
            assertThat(r.down()).hasSize(base.skipCount());
            assertThat(r.down().get(0).getShape()).isEqualTo(new Shape(2, 64, 16, 16));
            assertThat(r.mid().getShape()).isEqualTo(new Shape(2, 128, 4, 4));
            assertThat(pose.namedParameters()).containsKeys("controlnet_cond_embedding.conv_in.weight",
                    "controlnet_cond_embedding.blocks.5.weight", "controlnet_cond_embedding.conv_out.weight",
                    "controlnet_down_blocks.8.weight", "controlnet_mid_block.weight",
                    "down_blocks.2.attentions.1.transformer_blocks.0.attn2.to_v.weight");
        }
    }

    @Test
    void poseBranchChangesTheOutputOnceItsZeroConvolutionsAreTrained() {
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            PoseControlNet pose = PoseControlNet.fromUNet(base, PoseConfig.tiny(), m);
            NDArray mid = pose.namedParameters().get("controlnet_mid_block.weight").getArray();
            mid.set(mid.add(0.01f).toFloatArray());
            PoseConditionedUNet posed = new PoseConditionedUNet(base, pose);
            NDArray z = normal(m, 1, 4, 16, 16);
            NDArray ctx = normal(m, 1, 24, 256);
            NDArray t = m.create(new float[] {400f});
            NDArray delta = posed.predict(z, t, ctx, normal(m, 1, 3, 128, 128)).sub(base.predict(z, t, ctx));
            assertThat(maxAbs(delta)).isGreaterThan(1e-5f);
            NDArray zeroScale = posed.predict(z, t, ctx, normal(m, 1, 3, 128, 128), 0f);
            assertThat(bitIdentical(zeroScale, base.predict(z, t, ctx))).isTrue();
        }
    }

    @Test
    void freshTinyPresetWithLdmZeroInitStartsAtZeroOutput() {
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            UNet2DConditionModel fresh = UNets.create(UNetConfig.tiny(8), m);
            NDArray out = fresh.predict(normal(m, 1, 8, 16, 16), m.create(new float[] {10f}), normal(m, 1, 24, 256));
            assertThat(maxAbs(out)).isZero();
            assertThat(maxAbs(fresh.namedParameters().get("down_blocks.0.resnets.0.conv1.weight").getArray()))
                    .isGreaterThan(0f);
        }
    }
}
