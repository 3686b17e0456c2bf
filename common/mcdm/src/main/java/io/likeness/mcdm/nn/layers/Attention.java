package io.likeness.mcdm.nn.layers;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;

/**
 * diffusers {@code Attention}: {@code to_q}, {@code to_k}, {@code to_v} (bias configurable, none in the SD UNet),
 * {@code to_out.0} (with bias). Self-attention when {@code context} is null, cross-attention otherwise.
 */
public final class Attention extends NnBlock {

    private final Linear toQ;
    private final Linear toK;
    private final Linear toV;
    private final Linear toOut;
    private final int heads;
    private final int headDim;

    /**
     * @param queryDim   width of the queries (and of the output)
     * @param contextDim width of the keys/values source (= queryDim for self-attention)
     * @param heads      number of heads; head width = queryDim / heads
     * @param qkvBias    bias on q/k/v projections (false in the SD UNet, true in the VAE)
     * @param zeroOut    zero-initialise {@code to_out.0}
     */
    public Attention(int queryDim, int contextDim, int heads, boolean qkvBias, boolean zeroOut) {
        if (queryDim % heads != 0) {
            throw new IllegalArgumentException("width " + queryDim + " not divisible by " + heads + " heads");
        }
        this.heads = heads;
        this.headDim = queryDim / heads;
        this.toQ = child("to_q", new Linear(queryDim, queryDim, qkvBias));
        this.toK = child("to_k", new Linear(contextDim, queryDim, qkvBias));
        this.toV = child("to_v", new Linear(contextDim, queryDim, qkvBias));
        ModuleList<Linear> out = child("to_out", new ModuleList<>());
        this.toOut = out.add(new Linear(queryDim, queryDim, true, zeroOut));
    }

    /**
     * @param x       (B, N, queryDim)
     * @param context (B, M, contextDim) or null for self-attention
     * @param mask    additive mask broadcastable to (B, heads, N, M), or null
     */
    public NDArray forward(NDArray x, NDArray context, NDArray mask) {
        try (Scope sc = Scope.of(x, context, mask)) {
            NDArray src = context == null ? x : context;
            NDArray o = multiHead(toQ.forward(x), toK.forward(src), toV.forward(src), heads, mask);
            return sc.keep(toOut.forward(o));
        }
    }

    public NDArray forward(NDArray x, NDArray context) {
        return forward(x, context, null);
    }

    /**
     * Scaled dot-product attention over heads: q (B, N, W), k/v (B, M, W) → (B, N, W); {@code mask} additive,
     * broadcastable to (B, heads, N, M). Intermediates land on q's manager (call inside a {@link Scope}).
     */
    public static NDArray multiHead(NDArray q, NDArray k, NDArray v, int heads, NDArray mask) {
        long b = q.getShape().get(0);
        long n = q.getShape().get(1);
        long w = q.getShape().get(2);
        long d = w / heads;
        NDArray qh = split(q.mul((float) (1.0 / Math.sqrt(d))), heads);
        NDArray scores = qh.matMul(split(k, heads).transpose(0, 1, 3, 2));
        if (mask != null) {
            scores = scores.add(mask);
        }
        NDArray o = scores.softmax(3).matMul(split(v, heads));
        return o.transpose(0, 2, 1, 3).reshape(b, n, w);
    }

    private static NDArray split(NDArray t, int heads) {
        long b = t.getShape().get(0);
        long n = t.getShape().get(1);
        return t.reshape(b, n, heads, t.getShape().get(2) / heads).transpose(0, 2, 1, 3);
    }

    public Linear toK() {
        return toK;
    }

    public Linear toV() {
        return toV;
    }

    /** Inputs: x [, context]. */
    @Override
    protected NDList forwardList(NDList inputs) {
        return new NDList(forward(inputs.get(0), inputs.size() > 1 ? inputs.get(1) : null, null));
    }
}
