package io.likeness.mcdm.nn.layers;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;

/** diffusers {@code Upsample2D}: nearest-neighbour ×2 then 3×3 conv (no transposed convolution). */
public final class Upsample2D extends NnBlock {

    private final Conv2d conv;

    public Upsample2D(int channels) {
        this.conv = child("conv", new Conv2d(channels, channels, 3, 1, 1));
    }

    public NDArray forward(NDArray x) {
        try (Scope sc = Scope.of(x)) {
            return sc.keep(conv.forward(nearest2x(x)));
        }
    }

    /** Nearest-neighbour ×2 upsampling of (B, C, H, W) (result on x's manager). */
    public static NDArray nearest2x(NDArray x) {
        long h = x.getShape().get(2);
        long w = x.getShape().get(3);
        return x.getNDArrayInternal().interpolation(new long[] {2 * h, 2 * w}, 0, false);
    }

    @Override
    protected NDList forwardList(NDList inputs) {
        return new NDList(forward(inputs.head()));
    }
}
