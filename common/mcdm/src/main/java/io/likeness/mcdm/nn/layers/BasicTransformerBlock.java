package io.likeness.mcdm.nn.layers;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;

/** diffusers {@code BasicTransformerBlock}: norm1 + attn1 (self), norm2 + attn2 (cross), norm3 + ff (GEGLU). */
public final class BasicTransformerBlock extends NnBlock {

    private final LayerNorm norm1;
    private final Attention attn1;
    private final LayerNorm norm2;
    private final Attention attn2;
    private final LayerNorm norm3;
    private final FeedForward ff;

    public BasicTransformerBlock(int dim, int heads, int crossAttentionDim) {
        this.attn1 = child("attn1", new Attention(dim, dim, heads, false, false));
        this.norm1 = child("norm1", new LayerNorm(dim, 1e-5f));
        this.attn2 = child("attn2", new Attention(dim, crossAttentionDim, heads, false, false));
        this.norm2 = child("norm2", new LayerNorm(dim, 1e-5f));
        this.norm3 = child("norm3", new LayerNorm(dim, 1e-5f));
        this.ff = child("ff", new FeedForward(dim, 4));
    }

    /** @param x (B, N, dim); @param context (B, M, crossAttentionDim) */
    public NDArray forward(NDArray x, NDArray context) {
        try (Scope sc = Scope.of(x, context)) {
            NDArray h = attn1.forward(norm1.forward(x), null).add(x);
            h = attn2.forward(norm2.forward(h), context).add(h);
            h = ff.forward(norm3.forward(h)).add(h);
            return sc.keep(h);
        }
    }

    public Attention attn2() {
        return attn2;
    }

    @Override
    protected NDList forwardList(NDList inputs) {
        return new NDList(forward(inputs.get(0), inputs.get(1)));
    }
}
