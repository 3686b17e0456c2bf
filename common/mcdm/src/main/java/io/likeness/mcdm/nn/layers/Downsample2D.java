package io.likeness.mcdm.nn.layers;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;

/**
 * diffusers {@code Downsample2D} with a conv: 3×3 stride 2. The UNet pads 1 on every side; the VAE encoder pads
 * (right 1, bottom 1) only ({@code padding=0} plus {@code F.pad(x, (0, 1, 0, 1))}).
 */
public final class Downsample2D extends NnBlock {

    private final Conv2d conv;
    private final boolean asymmetric;

    public Downsample2D(int channels, boolean asymmetricPad) {
        this.asymmetric = asymmetricPad;
        this.conv = child("conv", new Conv2d(channels, channels, 3, 2, asymmetricPad ? 0 : 1));
    }

    public NDArray forward(NDArray x) {
        if (!asymmetric) {
            return conv.forward(x);
        }
        try (Scope sc = Scope.of(x)) {
            // DJL pad: pairs from the last axis backwards: (W: left 0, right 1), (H: top 0, bottom 1)
            NDArray p = x.pad(new Shape(0, 1, 0, 1), 0);
            return sc.keep(conv.forward(p));
        }
    }

    @Override
    protected NDList forwardList(NDList inputs) {
        return new NDList(forward(inputs.head()));
    }
}
