package io.likeness.mcdm.nn;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.types.Shape;
import io.likeness.mcdm.nn.unet.UNet2DConditionModel;
import io.likeness.mcdm.nn.unet.UNetConfig;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Architecture facts checked from the configured parameter shapes (nothing is allocated). */
class UNetArchitectureTest {

    @Test
    void sd15UNetHasThePublishedParameterAndTensorCounts() {
        UNet2DConditionModel four = new UNet2DConditionModel(UNetConfig.sd15(4));
        assertThat(four.parameterCount()).isEqualTo(859_520_964L);
        assertThat(four.namedParameters()).hasSize(686);

        UNet2DConditionModel eight = new UNet2DConditionModel(UNetConfig.sd15(8));
        assertThat(eight.parameterCount() - four.parameterCount()).isEqualTo(11_520L);
        assertThat(eight.namedParameters()).hasSize(686);
    }

    @Test
    void sd15ParameterNamesFollowTheDiffusersStateDict() {
        Map<String, Shape> s = new UNet2DConditionModel(UNetConfig.sd15(4)).parameterShapes();
        Map<String, Shape> expected = Map.ofEntries(
                Map.entry("conv_in.weight", new Shape(320, 4, 3, 3)),
                Map.entry("conv_in.bias", new Shape(320)),
                Map.entry("time_embedding.linear_1.weight", new Shape(1280, 320)),
                Map.entry("time_embedding.linear_2.bias", new Shape(1280)),
                Map.entry("down_blocks.0.attentions.0.transformer_blocks.0.attn1.to_q.weight", new Shape(320, 320)),
                Map.entry("down_blocks.0.attentions.0.transformer_blocks.0.attn2.to_k.weight", new Shape(320, 768)),
                Map.entry("down_blocks.0.attentions.0.transformer_blocks.0.attn2.to_out.0.weight", new Shape(320, 320)),
                Map.entry("down_blocks.0.attentions.0.transformer_blocks.0.ff.net.0.proj.weight",
                        new Shape(2560, 320)),
                Map.entry("down_blocks.0.attentions.0.transformer_blocks.0.ff.net.2.weight", new Shape(320, 1280)),
                Map.entry("down_blocks.0.attentions.0.transformer_blocks.0.norm3.bias", new Shape(320)),
                Map.entry("down_blocks.0.attentions.0.proj_in.weight", new Shape(320, 320, 1, 1)),
                Map.entry("down_blocks.0.attentions.1.norm.weight", new Shape(320)),
                Map.entry("down_blocks.0.resnets.0.time_emb_proj.weight", new Shape(320, 1280)),
                Map.entry("down_blocks.0.downsamplers.0.conv.weight", new Shape(320, 320, 3, 3)),
                Map.entry("down_blocks.1.resnets.0.conv_shortcut.weight", new Shape(640, 320, 1, 1)),
                Map.entry("down_blocks.3.resnets.1.conv2.weight", new Shape(1280, 1280, 3, 3)),
                Map.entry("mid_block.attentions.0.transformer_blocks.0.attn1.to_out.0.bias", new Shape(1280)),
                Map.entry("mid_block.resnets.1.norm2.weight", new Shape(1280)),
                Map.entry("up_blocks.0.resnets.0.conv1.weight", new Shape(1280, 2560, 3, 3)),
                Map.entry("up_blocks.0.upsamplers.0.conv.weight", new Shape(1280, 1280, 3, 3)),
                Map.entry("up_blocks.1.attentions.2.proj_out.weight", new Shape(1280, 1280, 1, 1)),
                Map.entry("up_blocks.3.attentions.2.transformer_blocks.0.norm3.weight", new Shape(320)),
                Map.entry("up_blocks.3.resnets.2.conv_shortcut.weight", new Shape(320, 640, 1, 1)),
                Map.entry("conv_norm_out.weight", new Shape(320)),
                Map.entry("conv_out.weight", new Shape(4, 320, 3, 3)),
                Map.entry("conv_out.bias", new Shape(4)));
        expected.forEach((name, shape) -> assertThat(s).as(name).containsEntry(name, shape));
        assertThat(s.keySet()).noneMatch(n -> n.startsWith("down_blocks.3.attentions"))
                .noneMatch(n -> n.startsWith("up_blocks.0.attentions"))
                .noneMatch(n -> n.contains("to_q.bias") || n.contains("to_k.bias") || n.contains("to_v.bias"))
                .noneMatch(n -> n.startsWith("down_blocks.3.downsamplers"))
                .noneMatch(n -> n.startsWith("up_blocks.3.upsamplers"));
    }

    @Test
    void tinyPresetIsAboutTenMillionParameters() {
        long n = new UNet2DConditionModel(UNetConfig.tiny(8)).parameterCount();
        System.out.printf("tiny UNet (8 in): %,d parameters%n", n);
        assertThat(n).isBetween(8_000_000L, 12_000_000L);
    }
}
