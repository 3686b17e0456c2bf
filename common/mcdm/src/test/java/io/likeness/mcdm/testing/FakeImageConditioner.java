package io.likeness.mcdm.testing;

import ai.djl.ndarray.NDArray;
import io.likeness.mcdm.model.ImageConditioner;

/** c_im tokens of constant value 0.1·mean(image) + 0.1·mean(latent) per batch item. */
public final class FakeImageConditioner implements ImageConditioner {

    private final int tokens;
    private final int width;

    public FakeImageConditioner(int tokens, int width) {
        this.tokens = tokens;
        this.width = width;
    }

    @Override
    public NDArray encode(NDArray images, NDArray latents) {
        long b = images.getShape().get(0);
        NDArray v = images.reshape(b, -1).mean(new int[] {1}).mul(0.1)
                .add(latents.reshape(b, -1).mean(new int[] {1}).mul(0.1));
        return v.reshape(b, 1, 1).repeat(1, tokens).repeat(2, width);
    }

    @Override
    public int imageTokens() {
        return tokens;
    }

    @Override
    public int width() {
        return width;
    }
}
