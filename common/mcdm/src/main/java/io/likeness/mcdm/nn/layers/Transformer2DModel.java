package io.likeness.mcdm.nn.layers;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;

/**
 * diffusers {@code Transformer2DModel} as in SD 1.x: GroupNorm(32, eps 1e-6), 1×1-conv {@code proj_in},
 * {@code transformer_blocks}, 1×1-conv {@code proj_out}, residual. {@code proj_out} may start at zero (LDM).
 */
public final class Transformer2DModel extends NnBlock {

    private final GroupNorm norm;
    private final Conv2d projIn;
    private final ModuleList<BasicTransformerBlock> blocks;
    private final Conv2d projOut;

    public Transformer2DModel(int channels, int heads, int crossAttentionDim, int depth, int groups,
                              boolean zeroProjOut) {
        this.norm = child("norm", new GroupNorm(groups, channels, 1e-6f));
        this.projIn = child("proj_in", new Conv2d(channels, channels, 1, 1, 0));
        this.blocks = child("transformer_blocks", new ModuleList<>());
        for (int i = 0; i < depth; i++) {
            blocks.add(new BasicTransformerBlock(channels, heads, crossAttentionDim));
        }
        this.projOut = child("proj_out", new Conv2d(channels, channels, 1, 1, 0, true, zeroProjOut));
    }

    /** @param x (B, C, H, W); @param context (B, M, crossAttentionDim) */
    public NDArray forward(NDArray x, NDArray context) {
        try (Scope sc = Scope.of(x, context)) {
            long b = x.getShape().get(0);
            long c = x.getShape().get(1);
            long hh = x.getShape().get(2);
            long ww = x.getShape().get(3);
            NDArray h = projIn.forward(norm.forward(x));
            h = h.transpose(0, 2, 3, 1).reshape(b, hh * ww, c);
            for (BasicTransformerBlock blk : blocks.items()) {
                h = blk.forward(h, context);
            }
            h = h.reshape(b, hh, ww, c).transpose(0, 3, 1, 2);
            return sc.keep(projOut.forward(h).add(x));
        }
    }

    @Override
    protected NDList forwardList(NDList inputs) {
        return new NDList(forward(inputs.get(0), inputs.get(1)));
    }
}
