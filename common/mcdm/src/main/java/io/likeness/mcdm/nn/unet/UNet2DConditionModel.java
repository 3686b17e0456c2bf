package io.likeness.mcdm.nn.unet;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import io.likeness.mcdm.model.EpsilonModel;
import io.likeness.mcdm.nn.layers.Activations;
import io.likeness.mcdm.nn.layers.Conv2d;
import io.likeness.mcdm.nn.layers.GroupNorm;
import io.likeness.mcdm.nn.layers.ModuleList;
import io.likeness.mcdm.nn.layers.NnBlock;
import io.likeness.mcdm.nn.layers.Scope;
import io.likeness.mcdm.nn.layers.TimestepEmbedding;
import java.util.ArrayList;
import java.util.List;

/**
 * SD 1.x {@code UNet2DConditionModel}: conv_in, time_proj + time_embedding, down_blocks, mid_block, up_blocks
 * with skips, conv_norm_out, SiLU, conv_out. Parameter names are the diffusers state-dict names
 * ({@link #parameterShapes()}). Optional ControlNet-style residuals can be added to the skips and the mid output.
 */
public final class UNet2DConditionModel extends NnBlock implements EpsilonModel {

    private final UNetConfig config;
    private final Conv2d convIn;
    private final TimestepEmbedding timeEmbedding;
    private final ModuleList<UNetDownBlock> downBlocks;
    private final UNetMidBlock midBlock;
    private final ModuleList<UNetUpBlock> upBlocks;
    private final GroupNorm convNormOut;
    private final Conv2d convOut;

    public UNet2DConditionModel(UNetConfig cfg) {
        this.config = cfg;
        List<Integer> ch = cfg.blockOutChannels();
        int n = ch.size();
        this.convIn = child("conv_in", new Conv2d(cfg.inChannels(), ch.get(0), 3, 1, 1));
        this.timeEmbedding = child("time_embedding", new TimestepEmbedding(ch.get(0), cfg.timeEmbedDim()));
        this.downBlocks = child("down_blocks", new ModuleList<>());
        int out = ch.get(0);
        for (int i = 0; i < n; i++) {
            int in = out;
            out = ch.get(i);
            downBlocks.add(new UNetDownBlock(cfg, in, out, cfg.crossAttention().get(i), i < n - 1));
        }
        this.midBlock = child("mid_block", new UNetMidBlock(cfg, ch.get(n - 1)));
        this.upBlocks = child("up_blocks", new ModuleList<>());
        out = ch.get(n - 1);
        for (int i = 0; i < n; i++) {
            int prevOut = out;
            out = ch.get(n - 1 - i);
            int in = ch.get(Math.max(n - 2 - i, 0));
            upBlocks.add(new UNetUpBlock(cfg, in, out, prevOut, cfg.crossAttention().get(n - 1 - i), i < n - 1));
        }
        this.convNormOut = child("conv_norm_out", new GroupNorm(cfg.normGroups(), ch.get(0), 1e-5f));
        this.convOut = child("conv_out", new Conv2d(ch.get(0), cfg.outChannels(), 3, 1, 1, true, cfg.ldmZeroInit()));
    }

    public UNetConfig config() {
        return config;
    }

    @Override
    public int inChannels() {
        return config.inChannels();
    }

    /** Number of skip states (= ControlNet down residuals): 1 (conv_in) + the down blocks' outputs. */
    public int skipCount() {
        int s = 1;
        for (UNetDownBlock b : downBlocks.items()) {
            s += b.outputs();
        }
        return s;
    }

    @Override
    public NDArray predict(NDArray x, NDArray t, NDArray context) {
        return forward(x, t, context, null, null);
    }

    /**
     * @param x              (B, inChannels, h, w)
     * @param t              timesteps (B,) or (1,), float32
     * @param context        (B, M, crossAttentionDim)
     * @param downResiduals  null, or {@link #skipCount()} arrays added to the skip states (ControlNet)
     * @param midResidual    null, or an array added to the mid-block output
     * @return ε̂ (B, outChannels, h, w) on x's manager
     */
    public NDArray forward(NDArray x, NDArray t, NDArray context, List<NDArray> downResiduals,
                           NDArray midResidual) {
        List<NDArray> extra = new ArrayList<>();
        extra.add(t);
        extra.add(context);
        extra.add(midResidual);
        if (downResiduals != null) {
            if (downResiduals.size() != skipCount()) {
                throw new IllegalArgumentException("expected " + skipCount() + " down residuals, got "
                        + downResiduals.size());
            }
            extra.addAll(downResiduals);
        }
        try (Scope sc = Scope.of(x, extra.toArray(NDArray[]::new))) {
            NDArray temb = timeEmbedding.forward(timesteps(t, x.getShape().get(0)));
            NDArray h = convIn.forward(x);
            List<NDArray> skips = new ArrayList<>();
            skips.add(h);
            for (UNetDownBlock b : downBlocks.items()) {
                List<NDArray> outs = b.forward(h, temb, context);
                skips.addAll(outs);
                h = outs.get(outs.size() - 1);
            }
            if (downResiduals != null) {
                for (int i = 0; i < skips.size(); i++) {
                    skips.set(i, skips.get(i).add(downResiduals.get(i)));
                }
            }
            h = midBlock.forward(h, temb, context);
            if (midResidual != null) {
                h = h.add(midResidual);
            }
            for (UNetUpBlock b : upBlocks.items()) {
                int k = b.inputs();
                List<NDArray> mine = new ArrayList<>(skips.subList(skips.size() - k, skips.size()));
                skips.subList(skips.size() - k, skips.size()).clear();
                h = b.forward(h, mine, temb, context);
            }
            h = convOut.forward(Activations.silu(convNormOut.forward(h)));
            return sc.keep(h);
        }
    }

    /** Timesteps as a float32 (B,) vector; a single timestep is broadcast to the batch. */
    static NDArray timesteps(NDArray t, long batch) {
        NDArray f = t.toType(ai.djl.ndarray.types.DataType.FLOAT32, false).reshape(-1);
        if (f.getShape().get(0) == batch) {
            return f;
        }
        if (f.getShape().get(0) == 1) {
            return f.broadcast(new Shape(batch));
        }
        throw new IllegalArgumentException("timesteps " + t.getShape() + " do not match batch " + batch);
    }

    // package-private accessors for the ControlNet copy
    Conv2d convIn() {
        return convIn;
    }

    /** Inputs: x, t, context. */
    @Override
    protected NDList forwardList(NDList inputs) {
        return new NDList(predict(inputs.get(0), inputs.get(1), inputs.get(2)));
    }
}
