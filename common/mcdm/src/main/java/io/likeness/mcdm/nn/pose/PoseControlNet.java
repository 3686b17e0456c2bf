package io.likeness.mcdm.nn.pose;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import io.likeness.mcdm.nn.layers.Conv2d;
import io.likeness.mcdm.nn.layers.ModuleList;
import io.likeness.mcdm.nn.layers.NnBlock;
import io.likeness.mcdm.nn.layers.Scope;
import io.likeness.mcdm.nn.layers.TimestepEmbedding;
import io.likeness.mcdm.nn.layers.WeightCopy;
import io.likeness.mcdm.nn.unet.UNet2DConditionModel;
import io.likeness.mcdm.nn.unet.UNetConfig;
import io.likeness.mcdm.nn.unet.UNetDownBlock;
import io.likeness.mcdm.nn.unet.UNetMidBlock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The pose branch (diffusers {@code ControlNetModel} names): a trainable copy of the UNet's conv_in,
 * time_embedding, down_blocks and mid_block; {@code controlnet_cond_embedding} from the pose image;
 * zero-initialised 1×1 {@code controlnet_down_blocks.N} on every skip state and {@code controlnet_mid_block}.
 * Its residuals (× conditioning scale) are added to the main UNet's skips and mid output, so at initialisation it
 * contributes exactly 0.
 */
public final class PoseControlNet extends NnBlock {

    private final UNetConfig unetConfig;
    private final PoseConfig poseConfig;
    private final Conv2d convIn;
    private final TimestepEmbedding timeEmbedding;
    private final PoseConditioningEmbedding condEmbedding;
    private final ModuleList<UNetDownBlock> downBlocks;
    private final ModuleList<Conv2d> zeroDown;
    private final UNetMidBlock midBlock;
    private final Conv2d zeroMid;

    public PoseControlNet(UNetConfig cfg, PoseConfig pose) {
        this.unetConfig = cfg;
        this.poseConfig = pose;
        List<Integer> ch = cfg.blockOutChannels();
        int n = ch.size();
        this.convIn = child("conv_in", new Conv2d(cfg.inChannels(), ch.get(0), 3, 1, 1));
        this.timeEmbedding = child("time_embedding", new TimestepEmbedding(ch.get(0), cfg.timeEmbedDim()));
        this.condEmbedding = child("controlnet_cond_embedding", new PoseConditioningEmbedding(pose, ch.get(0)));
        this.downBlocks = child("down_blocks", new ModuleList<>());
        this.zeroDown = child("controlnet_down_blocks", new ModuleList<>());
        zeroDown.add(zeroConv(ch.get(0)));
        int out = ch.get(0);
        for (int i = 0; i < n; i++) {
            int in = out;
            out = ch.get(i);
            UNetDownBlock b = downBlocks.add(new UNetDownBlock(cfg, in, out, cfg.crossAttention().get(i), i < n - 1));
            for (int k = 0; k < b.outputs(); k++) {
                zeroDown.add(zeroConv(out));
            }
        }
        this.midBlock = child("mid_block", new UNetMidBlock(cfg, ch.get(n - 1)));
        this.zeroMid = child("controlnet_mid_block", zeroConv(ch.get(n - 1)));
    }

    private static Conv2d zeroConv(int channels) {
        return new Conv2d(channels, channels, 1, 1, 0, true, true);
    }

    /**
     * A pose branch whose UNet-copy parts start from {@code unet}'s weights (ControlNet's {@code from_unet});
     * the conditioning embedding is fresh, its last conv and every zero conv start at 0.
     */
    public static PoseControlNet fromUNet(UNet2DConditionModel unet, PoseConfig pose, NDManager manager) {
        PoseControlNet net = new PoseControlNet(unet.config(), pose);
        WeightCopy.initializeFrom(net, unet, manager, Map.of());
        return net;
    }

    public PoseConfig poseConfig() {
        return poseConfig;
    }

    /** Residuals for the main UNet: {@code skipCount} down residuals followed by the mid residual. */
    public record Residuals(List<NDArray> down, NDArray mid) {
    }

    /**
     * @param x       the main UNet's input (B, inChannels, h, w)
     * @param t       timesteps
     * @param context cross-attention context
     * @param pose    pose image (B, imageChannels, h·f, w·f)
     * @param scale   conditioning scale
     */
    public Residuals forward(NDArray x, NDArray t, NDArray context, NDArray pose, float scale) {
        try (Scope sc = Scope.of(x, t, context, pose)) {
            NDArray tt = t.toType(ai.djl.ndarray.types.DataType.FLOAT32, false).reshape(-1);
            if (tt.getShape().get(0) != x.getShape().get(0)) {
                tt = tt.broadcast(new ai.djl.ndarray.types.Shape(x.getShape().get(0)));
            }
            NDArray temb = timeEmbedding.forward(tt);
            NDArray h = convIn.forward(x).add(condEmbedding.forward(pose));
            List<NDArray> states = new ArrayList<>();
            states.add(h);
            for (UNetDownBlock b : downBlocks.items()) {
                List<NDArray> outs = b.forward(h, temb, context);
                states.addAll(outs);
                h = outs.get(outs.size() - 1);
            }
            h = midBlock.forward(h, temb, context);
            List<NDArray> down = new ArrayList<>();
            for (int i = 0; i < states.size(); i++) {
                down.add(sc.keep(zeroDown.get(i).forward(states.get(i)).mul(scale)));
            }
            NDArray mid = sc.keep(zeroMid.forward(h).mul(scale));
            return new Residuals(down, mid);
        }
    }

    /** Inputs: x, t, context, pose; outputs: down residuals then the mid residual (scale from the config). */
    @Override
    protected NDList forwardList(NDList inputs) {
        Residuals r = forward(inputs.get(0), inputs.get(1), inputs.get(2), inputs.get(3),
                poseConfig.conditioningScale());
        NDList out = new NDList(r.down());
        out.add(r.mid());
        return out;
    }
}
