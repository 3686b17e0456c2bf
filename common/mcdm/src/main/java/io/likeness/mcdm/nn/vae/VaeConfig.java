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
     * quarter of {@link #tiny()}'s), one resnet per encoder level, 4 groups (at least 4 channels per group: with 2, the
     * normalisation before the output convolution leaves too little to carry absolute colour and training stalls
     * at blurry, desaturated reconstructions).
     */
    public static VaeConfig lean() {
        return new VaeConfig(3, 4, List.of(16, 32, 64, 128), 1, 4, 0.18215f);
    }

    /** The SD 1.x autoencoder (83.65 M parameters). */
    public static VaeConfig sd15() {
        return new VaeConfig(3, 4, List.of(128, 256, 512, 512), 2, 32, 0.18215f);
    }

    /** As JSON (checkpoint manifests): image_channels, latent_channels, block_out_channels, … scale_factor. */
    public com.fasterxml.jackson.databind.node.ObjectNode toJson() {
        com.fasterxml.jackson.databind.node.ObjectNode h =
                com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        h.put("image_channels", imageChannels);
        h.put("latent_channels", latentChannels);
        com.fasterxml.jackson.databind.node.ArrayNode widths = h.putArray("block_out_channels");
        blockOutChannels.forEach(widths::add);
        h.put("layers_per_block", layersPerBlock);
        h.put("norm_groups", normGroups);
        h.put("scale_factor", scaleFactor);
        return h;
    }

    /** Reads what {@link #toJson()} writes. */
    public static VaeConfig fromJson(com.fasterxml.jackson.databind.JsonNode h) {
        List<Integer> widths = new java.util.ArrayList<>();
        h.get("block_out_channels").forEach(w -> widths.add(w.asInt()));
        return new VaeConfig(h.get("image_channels").asInt(), h.get("latent_channels").asInt(), widths,
                h.get("layers_per_block").asInt(), h.get("norm_groups").asInt(),
                (float) h.get("scale_factor").asDouble());
    }

    public VaeConfig withScaleFactor(float scale) {
        return new VaeConfig(imageChannels, latentChannels, blockOutChannels, layersPerBlock, normGroups, scale);
    }
}
