package io.likeness.mcdm.nn.pose;

import java.util.List;

/**
 * ControlNet-style pose branch settings.
 *
 * @param imageChannels        channels of the pose image (3)
 * @param embeddingChannels    widths of the conditioning-embedding stack; one stride-2 conv per step between
 *                             consecutive widths, so {@code size − 1} halvings (SD: 16, 32, 96, 256 → ×8)
 * @param conditioningScale    factor on every residual (ControlNet's {@code conditioning_scale}, 1.0)
 */
public record PoseConfig(int imageChannels, List<Integer> embeddingChannels, float conditioningScale) {

    public PoseConfig {
        embeddingChannels = List.copyOf(embeddingChannels);
    }

    /** The ControlNet default (16, 32, 96, 256), f = 8. */
    public static PoseConfig controlNetDefault() {
        return new PoseConfig(3, List.of(16, 32, 96, 256), 1.0f);
    }

    /** Lean preset for the tiny model: 128×128 pose image → 16×16 (8, 16, 32, 32). */
    public static PoseConfig tiny() {
        return new PoseConfig(3, List.of(8, 16, 32, 32), 1.0f);
    }

    public PoseConfig withScale(float scale) {
        return new PoseConfig(imageChannels, embeddingChannels, scale);
    }
}
