package io.likeness.mcdm.nn;

import static io.likeness.mcdm.nn.TinyFixtures.maxAbs;
import static io.likeness.mcdm.nn.TinyFixtures.normal;
import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import io.likeness.mcdm.nn.adapter.ImageAdapter;
import io.likeness.mcdm.nn.unet.UNet2DConditionModel;
import io.likeness.mcdm.nn.unet.UNetConfig;
import io.likeness.mcdm.nn.unet.UNets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Gradients flow through the scoped forwards (intermediates are closed per block, autograd keeps what it needs). */
class TrainingGradientTest {

    @Test
    void backwardThroughUNetAndAdapterReachesEveryParameterGroup() {
        try (NDManager model = TinyFixtures.manager(9); NDManager step = NDManager.newBaseManager("PyTorch")) {
            UNet2DConditionModel unet = UNets.create(TinyFixtures.microUNet(8), model);
            ImageAdapter adapter = new ImageAdapter(5, 64, 4, 16);
            adapter.initialize(model);
            NDArray x = normal(step, 2, 8, 16, 16);
            NDArray t = step.create(new float[] {100f, 600f});
            NDArray text = normal(step, 2, 6, 64);
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray cIm = adapter.forward(normal(step, 2, 5, 64), normal(step, 2, 4, 16, 16));
                NDArray eps = unet.predict(x, t, text.concat(cIm, 1));
                NDArray loss = eps.sub(normal(step, 2, 4, 16, 16)).square().mean();
                gc.backward(loss);
            }
            Map<String, Parameter> p = unet.namedParameters();
            for (String name : List.of("conv_in.weight", "time_embedding.linear_1.weight",
                    "down_blocks.0.attentions.0.transformer_blocks.0.attn2.to_k.weight",
                    "mid_block.resnets.1.conv2.weight", "up_blocks.1.resnets.1.conv_shortcut.weight",
                    "conv_out.bias")) {
                assertThat(maxAbs(p.get(name).getArray().getGradient())).as(name).isGreaterThan(0f);
            }
            // eye(L, L+4) ignores the 4 latent tokens at initialisation, so vae2clip gets no gradient on the
            // first step; the token-mixing weights of those columns do, which opens the path after one update
            NDArray mixGrad = adapter.namedParameters().get("linear1.weight").getArray().getGradient();
            assertThat(maxAbs(mixGrad.get(":, 5:9"))).isGreaterThan(0f);
            assertThat(maxAbs(adapter.namedParameters().get("vae2clip.weight").getArray().getGradient())).isZero();
            assertThat(p.get("conv_in.weight").getArray().getGradient().getShape())
                    .isEqualTo(new Shape(32, 8, 3, 3));
        }
    }

    @Test
    void microConfigKeepsTheSkipBookkeepingConsistent() {
        UNetConfig c = TinyFixtures.microUNet(4);
        assertThat(new UNet2DConditionModel(c).skipCount()).isEqualTo(1 + 2 + 1);
    }
}
