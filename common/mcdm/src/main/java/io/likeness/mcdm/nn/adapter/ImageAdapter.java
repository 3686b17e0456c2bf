package io.likeness.mcdm.nn.adapter;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.pooling.Pool;
import io.likeness.mcdm.nn.layers.Init;
import io.likeness.mcdm.nn.layers.Linear;
import io.likeness.mcdm.nn.layers.NnBlock;
import io.likeness.mcdm.nn.layers.Scope;

/**
 * The MCDM image adapter as released (ALGORITHMS §8.3; state-dict keys {@code vae2clip.*}, {@code linear1.*}):
 * max-pool 2×2 on z_A → per-channel Linear(h/2·w/2 → D) = 4 tokens → appended after the L CLIP tokens → Linear
 * over the token axis (L+4 → L, weight initialised to eye(L, L+4), bias PyTorch-default) → (B, L, D).
 * Two linear maps, no non-linearity.
 */
public final class ImageAdapter extends NnBlock {

    private final Linear vae2clip;
    private final Linear linear1;
    private final int clipTokens;
    private final int width;
    private final int latentChannels;

    /**
     * @param clipTokens     L, tokens of the CLIP image encoder's last_hidden_state
     * @param width          D, their width (= the text width)
     * @param latentChannels 4
     * @param latentSide     latent side h (= w); pooled to h/2
     */
    public ImageAdapter(int clipTokens, int width, int latentChannels, int latentSide) {
        this.clipTokens = clipTokens;
        this.width = width;
        this.latentChannels = latentChannels;
        int pooled = (latentSide / 2) * (latentSide / 2);
        this.vae2clip = child("vae2clip", new Linear(pooled, width, true));
        this.linear1 = child("linear1", new Linear(clipTokens + latentChannels, clipTokens, true));
        linear1.weight().setInitializer(Init.eye());
    }

    /**
     * @param clipTokenStates (B, L, D)
     * @param latents         z_A (B, 4, h, w), scaled
     * @return c_im (B, L, D) on clipTokenStates' manager
     */
    public NDArray forward(NDArray clipTokenStates, NDArray latents) {
        try (Scope sc = Scope.of(clipTokenStates, latents)) {
            NDArray v = Pool.maxPool2d(latents, new Shape(2, 2), new Shape(2, 2), new Shape(0, 0), false);
            long b = v.getShape().get(0);
            v = vae2clip.forward(v.reshape(b, latentChannels, -1)); // (B, 4, D)
            NDArray c = clipTokenStates.concat(v, 1); // (B, L+4, D)
            NDArray mixed = linear1.forward(c.transpose(0, 2, 1)).transpose(0, 2, 1); // (B, L, D)
            return sc.keep(mixed);
        }
    }

    public int tokens() {
        return clipTokens;
    }

    public int width() {
        return width;
    }

    /** Inputs: CLIP tokens, latents. */
    @Override
    protected NDList forwardList(NDList inputs) {
        return new NDList(forward(inputs.get(0), inputs.get(1)));
    }
}
