package io.likeness.mcdm.nn.unet;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import io.likeness.mcdm.nn.layers.ModuleList;
import io.likeness.mcdm.nn.layers.NnBlock;
import io.likeness.mcdm.nn.layers.ResnetBlock2D;
import io.likeness.mcdm.nn.layers.Scope;
import io.likeness.mcdm.nn.layers.Transformer2DModel;
import io.likeness.mcdm.nn.layers.Upsample2D;
import java.util.List;

/** diffusers {@code CrossAttnUpBlock2D} / {@code UpBlock2D}: layersPerBlock+1 resnets over [h ; skip]. */
public final class UNetUpBlock extends NnBlock {

    private final ModuleList<Transformer2DModel> attentions;
    private final ModuleList<ResnetBlock2D> resnets;
    private final Upsample2D upsampler;

    /**
     * @param in       width of the matching down level's input (diffusers' {@code in_channels})
     * @param out      width of this level
     * @param prevOut  width coming from the previous up block (or the mid block)
     */
    public UNetUpBlock(UNetConfig cfg, int in, int out, int prevOut, boolean attention, boolean upsample) {
        this.attentions = attention ? child("attentions", new ModuleList<>()) : null;
        this.resnets = child("resnets", new ModuleList<>());
        int n = cfg.layersPerBlock() + 1;
        for (int i = 0; i < n; i++) {
            int skip = i == n - 1 ? in : out;
            int resIn = i == 0 ? prevOut : out;
            resnets.add(new ResnetBlock2D(resIn + skip, out, cfg.timeEmbedDim(), cfg.normGroups(), 1e-5f,
                    cfg.ldmZeroInit()));
            if (attention) {
                attentions.add(new Transformer2DModel(out, cfg.attentionHeads(), cfg.crossAttentionDim(), 1,
                        cfg.normGroups(), cfg.ldmZeroInit()));
            }
        }
        if (upsample) {
            ModuleList<Upsample2D> us = child("upsamplers", new ModuleList<>());
            this.upsampler = us.add(new Upsample2D(out));
        } else {
            this.upsampler = null;
        }
    }

    /** Skip states consumed. */
    public int inputs() {
        return resnets.size();
    }

    /** @param skips this block's skip states, in the order they were produced (the last is consumed first) */
    public NDArray forward(NDArray x, List<NDArray> skips, NDArray temb, NDArray context) {
        NDArray[] all = new NDArray[skips.size() + 2];
        for (int i = 0; i < skips.size(); i++) {
            all[i] = skips.get(i);
        }
        all[skips.size()] = temb;
        all[skips.size() + 1] = context;
        try (Scope sc = Scope.of(x, all)) {
            NDArray h = x;
            for (int i = 0; i < resnets.size(); i++) {
                NDArray skip = skips.get(skips.size() - 1 - i);
                h = resnets.get(i).forward(h.concat(skip, 1), temb);
                if (attentions != null) {
                    h = attentions.get(i).forward(h, context);
                }
            }
            if (upsampler != null) {
                h = upsampler.forward(h);
            }
            return sc.keep(h);
        }
    }

    /** Inputs: x, temb, context, skip states... */
    @Override
    protected NDList forwardList(NDList inputs) {
        return new NDList(forward(inputs.get(0), inputs.subNDList(3), inputs.get(1), inputs.get(2)));
    }
}
