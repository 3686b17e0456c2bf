package io.likeness.mcdm.nn.vae;

import java.util.List;

/**
 * Configuration of an {@link AutoencoderKL}.
 *
 * @param imageChannels    3
 * @param latentChannels   4
 * @param blockOutChannels encoder widths per level; the number of levels − 1 is the number of ×2 downsamplings
 *                         (SD: 128, 256, 512, 512 → f = 8)
 * @param layersPerBlock   encoder resnets per level (decoder: one more); SD: 2
 * @param normGroups       GroupNorm groups (SD: 32)
 * @param scaleFactor      latent scale (SD 1.x: 0.18215)
 */
public record VaeConfig(int imageChannels, int latentChannels, List<Integer> blockOutChannels, int layersPerBlock,
                        int normGroups, float scaleFactor) {

    public VaeConfig {
        blockOutChannels = List.copyOf(blockOutChannels);
    }

    public int downsampling() {
        return 1 << (blockOutChannels.size() - 1);
    }

    /** Lean CPU preset: 128×128×3 ↔ 16×16×4, widths 32/64/128/128, one resnet per encoder level, 16 groups. */
    public static VaeConfig tiny() {
        return new VaeConfig(3, 4, List.of(32, 64, 128, 128), 1, 16, 0.18215f);
    }

    /**
     * Leaner CPU preset for training from scratch: widths 16/32/64/128 (each level then costs about the same, a
     * quarter of {@link #tiny()}'s), one resnet per encoder level, 8 groups.
     */
    public static VaeConfig lean() {
        return new VaeConfig(3, 4, List.of(16, 32, 64, 128), 1, 8, 0.18215f);
    }

    /** The SD 1.x autoencoder (83.65 M parameters). */
    public static VaeConfig sd15() {
        return new VaeConfig(3, 4, List.of(128, 256, 512, 512), 2, 32, 0.18215f);
    }

    public VaeConfig withScaleFactor(float scale) {
        return new VaeConfig(imageChannels, latentChannels, blockOutChannels, layersPerBlock, normGroups, scale);
    }
}
