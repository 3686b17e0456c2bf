package io.likeness.mcdm.nn.layers;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;

/**
 * diffusers {@code ResnetBlock2D}: norm1, conv1, [time_emb_proj], norm2, conv2, [conv_shortcut 1×1 when the width
 * changes]; output = shortcut(x) + h. {@code temb} may be absent (VAE). conv2 may start at zero (LDM).
 */
public final class ResnetBlock2D extends NnBlock {

    private final GroupNorm norm1;
    private final Conv2d conv1;
    private final Linear timeEmbProj;
    private final GroupNorm norm2;
    private final Conv2d conv2;
    private final Conv2d shortcut;

    /** @param tembChannels time-embedding width, or 0 for none */
    public ResnetBlock2D(int in, int out, int tembChannels, int groups, float eps, boolean zeroConv2) {
        this.norm1 = child("norm1", new GroupNorm(groups, in, eps));
        this.conv1 = child("conv1", new Conv2d(in, out, 3, 1, 1));
        this.timeEmbProj = tembChannels > 0 ? child("time_emb_proj", new Linear(tembChannels, out, true)) : null;
        this.norm2 = child("norm2", new GroupNorm(groups, out, eps));
        this.conv2 = child("conv2", new Conv2d(out, out, 3, 1, 1, true, zeroConv2));
        this.shortcut = in != out ? child("conv_shortcut", new Conv2d(in, out, 1, 1, 0)) : null;
    }

    /** @param x (B, in, H, W); @param temb (B, tembChannels) or null */
    public NDArray forward(NDArray x, NDArray temb) {
        try (Scope sc = Scope.of(x, temb)) {
            NDArray h = conv1.forward(Activations.silu(norm1.forward(x)));
            if (timeEmbProj != null) {
                NDArray t = timeEmbProj.forward(Activations.silu(temb));
                h = h.add(t.expandDims(2).expandDims(3));
            }
            h = conv2.forward(Activations.silu(norm2.forward(h)));
            NDArray skip = shortcut == null ? x : shortcut.forward(x);
            return sc.keep(skip.add(h));
        }
    }

    @Override
    protected NDList forwardList(NDList inputs) {
        return new NDList(forward(inputs.get(0), inputs.size() > 1 ? inputs.get(1) : null));
    }
}
