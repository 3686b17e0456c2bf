package io.likeness.mcdm.nn.unet;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import io.likeness.mcdm.nn.layers.Downsample2D;
import io.likeness.mcdm.nn.layers.ModuleList;
import io.likeness.mcdm.nn.layers.NnBlock;
import io.likeness.mcdm.nn.layers.ResnetBlock2D;
import io.likeness.mcdm.nn.layers.Scope;
import io.likeness.mcdm.nn.layers.Transformer2DModel;
import java.util.ArrayList;
import java.util.List;

/** diffusers {@code CrossAttnDownBlock2D} (with attentions) or {@code DownBlock2D} (without). */
public final class UNetDownBlock extends NnBlock {

    private final ModuleList<Transformer2DModel> attentions;
    private final ModuleList<ResnetBlock2D> resnets;
    private final Downsample2D downsampler;

    public UNetDownBlock(UNetConfig cfg, int in, int out, boolean attention, boolean downsample) {
        this.attentions = attention ? child("attentions", new ModuleList<>()) : null;
        this.resnets = child("resnets", new ModuleList<>());
        for (int i = 0; i < cfg.layersPerBlock(); i++) {
            resnets.add(new ResnetBlock2D(i == 0 ? in : out, out, cfg.timeEmbedDim(), cfg.normGroups(), 1e-5f,
                    cfg.ldmZeroInit()));
            if (attention) {
                attentions.add(new Transformer2DModel(out, cfg.attentionHeads(), cfg.crossAttentionDim(), 1,
                        cfg.normGroups(), cfg.ldmZeroInit()));
            }
        }
        if (downsample) {
            ModuleList<Downsample2D> ds = child("downsamplers", new ModuleList<>());
            this.downsampler = ds.add(new Downsample2D(out, false));
        } else {
            this.downsampler = null;
        }
    }

    /** Number of skip outputs this block produces. */
    public int outputs() {
        return resnets.size() + (downsampler == null ? 0 : 1);
    }

    /**
     * @return the block's output states (one per resnet(+attention), plus the downsampler's), all on x's manager;
     *         the last one is the input of the next block
     */
    public List<NDArray> forward(NDArray x, NDArray temb, NDArray context) {
        try (Scope sc = Scope.of(x, temb, context)) {
            List<NDArray> outs = new ArrayList<>();
            NDArray h = x;
            for (int i = 0; i < resnets.size(); i++) {
                h = resnets.get(i).forward(h, temb);
                if (attentions != null) {
                    h = attentions.get(i).forward(h, context);
                }
                outs.add(h);
            }
            if (downsampler != null) {
                h = downsampler.forward(h);
                outs.add(h);
            }
            List<NDArray> kept = new ArrayList<>();
            for (NDArray o : outs) {
                kept.add(sc.keep(o));
            }
            return kept;
        }
    }

    /** Inputs: x, temb, context; outputs: the skip states. */
    @Override
    protected NDList forwardList(NDList inputs) {
        return new NDList(forward(inputs.get(0), inputs.get(1), inputs.get(2)));
    }
}
