package io.likeness.mcdm.nn.clip;

/**
 * Width/depth of a CLIP-like transformer tower.
 *
 * @param width         hidden width (= token width)
 * @param layers        encoder layers
 * @param heads         attention heads
 * @param projectionDim width of the pooled projection (contrastive space)
 * @param maxTokens     text: sequence length; vision: unused (0)
 * @param vocabSize     text: vocabulary size; vision: unused (0)
 * @param imageSize     vision: input side (square); text: unused (0)
 * @param patchSize     vision: patch side; text: unused (0)
 */
public record ClipConfig(int width, int layers, int heads, int projectionDim, int maxTokens, int vocabSize,
                         int imageSize, int patchSize) {

    /** Tiny text tower: width 256, 4 layers, 4 heads, 24 tokens. */
    public static ClipConfig tinyText(int vocabSize, int maxTokens) {
        return new ClipConfig(256, 4, 4, 256, maxTokens, vocabSize, 0, 0);
    }

    /** Tiny vision tower on 128×128 images: patch 16 (64 patches + CLS = 65 tokens), width 256, 4 layers. */
    public static ClipConfig tinyVision() {
        return new ClipConfig(256, 4, 4, 256, 0, 0, 128, 16);
    }

    /** Tokens of the vision tower's {@code last_hidden_state}: CLS + patches. */
    public int visionTokens() {
        int g = imageSize / patchSize;
        return g * g + 1;
    }
}
