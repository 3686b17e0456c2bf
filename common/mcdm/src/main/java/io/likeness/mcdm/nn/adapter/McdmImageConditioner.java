package io.likeness.mcdm.nn.adapter;

import ai.djl.ndarray.NDArray;
import io.likeness.mcdm.model.ImageConditioner;
import io.likeness.mcdm.nn.clip.ClipVisionModel;
import io.likeness.mcdm.nn.layers.Scope;

/** c_im = Adapter(CLIP-image last_hidden_state(x_A), z_A) (paper §3.3). */
public final class McdmImageConditioner implements ImageConditioner {

    private final ClipVisionModel vision;
    private final ImageAdapter adapter;

    public McdmImageConditioner(ClipVisionModel vision, ImageAdapter adapter) {
        if (vision.tokens() != adapter.tokens() || vision.config().width() != adapter.width()) {
            throw new IllegalArgumentException("adapter (" + adapter.tokens() + "×" + adapter.width()
                    + ") does not match the vision tower (" + vision.tokens() + "×" + vision.config().width() + ")");
        }
        this.vision = vision;
        this.adapter = adapter;
    }

    @Override
    public NDArray encode(NDArray images, NDArray latents) {
        try (Scope sc = Scope.of(images, latents)) {
            return sc.keep(adapter.forward(vision.lastHiddenState(images), latents));
        }
    }

    public ClipVisionModel vision() {
        return vision;
    }

    public ImageAdapter adapter() {
        return adapter;
    }

    @Override
    public int imageTokens() {
        return adapter.tokens();
    }

    @Override
    public int width() {
        return adapter.width();
    }
}
