package io.likeness.mcdm.nn.pose;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import io.likeness.mcdm.nn.layers.Activations;
import io.likeness.mcdm.nn.layers.Conv2d;
import io.likeness.mcdm.nn.layers.ModuleList;
import io.likeness.mcdm.nn.layers.NnBlock;
import io.likeness.mcdm.nn.layers.Scope;
import java.util.List;

/**
 * diffusers {@code ControlNetConditioningEmbedding}: conv_in (3×3) + SiLU, then per step [3×3 conv, SiLU, 3×3
 * stride-2 conv, SiLU] ({@code blocks.0..}), then a zero-initialised 3×3 {@code conv_out} to the UNet width.
 */
public final class PoseConditioningEmbedding extends NnBlock {

    private final Conv2d convIn;
    private final ModuleList<Conv2d> blocks;
    private final Conv2d convOut;

    public PoseConditioningEmbedding(PoseConfig cfg, int outChannels) {
        List<Integer> ch = cfg.embeddingChannels();
        this.convIn = child("conv_in", new Conv2d(cfg.imageChannels(), ch.get(0), 3, 1, 1));
        this.blocks = child("blocks", new ModuleList<>());
        for (int i = 0; i < ch.size() - 1; i++) {
            blocks.add(new Conv2d(ch.get(i), ch.get(i), 3, 1, 1));
            blocks.add(new Conv2d(ch.get(i), ch.get(i + 1), 3, 2, 1));
        }
        this.convOut = child("conv_out", new Conv2d(ch.get(ch.size() - 1), outChannels, 3, 1, 1, true, true));
    }

    /** @param pose (B, imageChannels, H, W) in [-1, 1] or [0, 1] → (B, outChannels, H/f, W/f) */
    public NDArray forward(NDArray pose) {
        try (Scope sc = Scope.of(pose)) {
            NDArray h = Activations.silu(convIn.forward(pose));
            for (Conv2d c : blocks.items()) {
                h = Activations.silu(c.forward(h));
            }
            return sc.keep(convOut.forward(h));
        }
    }

    @Override
    protected NDList forwardList(NDList inputs) {
        return new NDList(forward(inputs.head()));
    }
}
