package io.likeness.mcdm.nn.unet;

import java.util.List;

/**
 * Configuration of an SD 1.x-style {@link UNet2DConditionModel}.
 *
 * @param inChannels        input channels (4 for text-to-image, 8 for MCDM's {@code [z_t ; c_s]})
 * @param outChannels       output channels (4: ε̂)
 * @param blockOutChannels  width per resolution level (SD 1.5: 320, 640, 1280, 1280)
 * @param crossAttention    per down level: CrossAttnDownBlock2D (true) or DownBlock2D (false); the up path
 *                          mirrors it; the mid block always has attention (SD 1.5: true, true, true, false)
 * @param layersPerBlock    resnets per down block (up blocks have one more); SD 1.5: 2
 * @param attentionHeads    heads per attention layer at every level (diffusers' legacy
 *                          {@code attention_head_dim = 8} for SD 1.5 means 8 heads)
 * @param crossAttentionDim context width (SD 1.5: 768)
 * @param normGroups        GroupNorm groups (32)
 * @param ldmZeroInit       for training from scratch: zero-initialise every resnet conv2, transformer proj_out
 *                          and conv_out, as the original LDM code does ({@code zero_module}); has no effect on
 *                          weights copied from a trained model
 */
public record UNetConfig(int inChannels, int outChannels, List<Integer> blockOutChannels,
                         List<Boolean> crossAttention, int layersPerBlock, int attentionHeads,
                         int crossAttentionDim, int normGroups, boolean ldmZeroInit) {

    public UNetConfig {
        blockOutChannels = List.copyOf(blockOutChannels);
        crossAttention = List.copyOf(crossAttention);
        if (blockOutChannels.size() != crossAttention.size()) {
            throw new IllegalArgumentException("one crossAttention flag per level");
        }
    }

    /** Time-embedding width: 4 × the first level's width. */
    public int timeEmbedDim() {
        return 4 * blockOutChannels.get(0);
    }

    public int levels() {
        return blockOutChannels.size();
    }

    /** Spatial downsampling factor of the UNet (2^(levels−1)). */
    public int downsampling() {
        return 1 << (levels() - 1);
    }

    public UNetConfig withInChannels(int channels) {
        return new UNetConfig(channels, outChannels, blockOutChannels, crossAttention, layersPerBlock,
                attentionHeads, crossAttentionDim, normGroups, ldmZeroInit);
    }

    /**
     * Tiny CPU preset for 128×128 images / 16×16×4 latents: widths 64/128/128, attention at every level,
     * 2 resnets per down level, 4 heads, cross-attention width 256 (≈10 M parameters, see the tests).
     */
    public static UNetConfig tiny(int inChannels) {
        return new UNetConfig(inChannels, 4, List.of(64, 128, 128), List.of(true, true, true), 2, 4, 256, 32, true);
    }

    /** Stable Diffusion 1.5 (construct-only on CPU: 859,520,964 parameters with 4 input channels). */
    public static UNetConfig sd15(int inChannels) {
        return new UNetConfig(inChannels, 4, List.of(320, 640, 1280, 1280), List.of(true, true, true, false), 2, 8,
                768, 32, false);
    }
}
