package io.likeness.mcdm.nn.vae;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import io.likeness.mcdm.nn.layers.ModuleList;
import io.likeness.mcdm.nn.layers.NnBlock;
import io.likeness.mcdm.nn.layers.ResnetBlock2D;
import io.likeness.mcdm.nn.layers.Scope;

/** diffusers {@code UNetMidBlock2D} of the VAE: resnets.0, attentions.0, resnets.1 (no time embedding). */
public final class VaeMidBlock extends NnBlock {

    private final ModuleList<VaeAttention> attentions;
    private final ModuleList<ResnetBlock2D> resnets;

    public VaeMidBlock(int channels, int groups) {
        this.attentions = child("attentions", new ModuleList<>());
        attentions.add(new VaeAttention(channels, groups));
        this.resnets = child("resnets", new ModuleList<>());
        resnets.add(new ResnetBlock2D(channels, channels, 0, groups, 1e-6f, false));
        resnets.add(new ResnetBlock2D(channels, channels, 0, groups, 1e-6f, false));
    }

    public NDArray forward(NDArray x) {
        try (Scope sc = Scope.of(x)) {
            NDArray h = resnets.get(0).forward(x, null);
            h = attentions.get(0).forward(h);
            return sc.keep(resnets.get(1).forward(h, null));
        }
    }

    @Override
    protected NDList forwardList(NDList inputs) {
        return new NDList(forward(inputs.head()));
    }
}
