package io.likeness.mcdm.nn.unet;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import io.likeness.mcdm.nn.layers.ModuleList;
import io.likeness.mcdm.nn.layers.NnBlock;
import io.likeness.mcdm.nn.layers.ResnetBlock2D;
import io.likeness.mcdm.nn.layers.Scope;
import io.likeness.mcdm.nn.layers.Transformer2DModel;

/** diffusers {@code UNetMidBlock2DCrossAttn}: resnets.0, attentions.0, resnets.1. */
public final class UNetMidBlock extends NnBlock {

    private final ModuleList<Transformer2DModel> attentions;
    private final ModuleList<ResnetBlock2D> resnets;

    public UNetMidBlock(UNetConfig cfg, int channels) {
        this.attentions = child("attentions", new ModuleList<>());
        attentions.add(new Transformer2DModel(channels, cfg.attentionHeads(), cfg.crossAttentionDim(), 1,
                cfg.normGroups(), cfg.ldmZeroInit()));
        this.resnets = child("resnets", new ModuleList<>());
        for (int i = 0; i < 2; i++) {
            resnets.add(new ResnetBlock2D(channels, channels, cfg.timeEmbedDim(), cfg.normGroups(), 1e-5f,
                    cfg.ldmZeroInit()));
        }
    }

    public NDArray forward(NDArray x, NDArray temb, NDArray context) {
        try (Scope sc = Scope.of(x, temb, context)) {
            NDArray h = resnets.get(0).forward(x, temb);
            h = attentions.get(0).forward(h, context);
            h = resnets.get(1).forward(h, temb);
            return sc.keep(h);
        }
    }

    @Override
    protected NDList forwardList(NDList inputs) {
        return new NDList(forward(inputs.get(0), inputs.get(1), inputs.get(2)));
    }
}
