package io.likeness.mcdm.nn.clip;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import io.likeness.mcdm.nn.layers.Activations;
import io.likeness.mcdm.nn.layers.Attention;
import io.likeness.mcdm.nn.layers.LayerNorm;
import io.likeness.mcdm.nn.layers.Linear;
import io.likeness.mcdm.nn.layers.NnBlock;
import io.likeness.mcdm.nn.layers.Scope;

/**
 * transformers {@code CLIPEncoderLayer} (pre-LN): x + self_attn(layer_norm1(x)), then + mlp(layer_norm2(·)) with
 * quick-GELU; names {@code self_attn.{q,k,v,out}_proj}, {@code layer_norm1}, {@code mlp.fc1}, {@code mlp.fc2},
 * {@code layer_norm2}.
 */
public final class ClipEncoderLayer extends NnBlock {

    private final SelfAttention selfAttn;
    private final LayerNorm norm1;
    private final Mlp mlp;
    private final LayerNorm norm2;
    private final int heads;

    public ClipEncoderLayer(int width, int heads) {
        this.heads = heads;
        this.selfAttn = child("self_attn", new SelfAttention(width));
        this.norm1 = child("layer_norm1", new LayerNorm(width, 1e-5f));
        this.mlp = child("mlp", new Mlp(width, 4 * width));
        this.norm2 = child("layer_norm2", new LayerNorm(width, 1e-5f));
    }

    /** @param mask additive (N, N) mask or null */
    public NDArray forward(NDArray x, NDArray mask) {
        try (Scope sc = Scope.of(x, mask)) {
            NDArray h = x.add(selfAttn.forward(norm1.forward(x), heads, mask));
            h = h.add(mlp.forward(norm2.forward(h)));
            return sc.keep(h);
        }
    }

    @Override
    protected NDList forwardList(NDList inputs) {
        return new NDList(forward(inputs.get(0), inputs.size() > 1 ? inputs.get(1) : null));
    }

    static final class SelfAttention extends NnBlock {
        private final Linear q;
        private final Linear k;
        private final Linear v;
        private final Linear out;

        SelfAttention(int width) {
            this.k = child("k_proj", new Linear(width, width, true));
            this.v = child("v_proj", new Linear(width, width, true));
            this.q = child("q_proj", new Linear(width, width, true));
            this.out = child("out_proj", new Linear(width, width, true));
        }

        NDArray forward(NDArray x, int heads, NDArray mask) {
            try (Scope sc = Scope.of(x, mask)) {
                return sc.keep(out.forward(Attention.multiHead(q.forward(x), k.forward(x), v.forward(x), heads, mask)));
            }
        }

        @Override
        protected NDList forwardList(NDList inputs) {
            throw new UnsupportedOperationException("called through ClipEncoderLayer");
        }
    }

    static final class Mlp extends NnBlock {
        private final Linear fc1;
        private final Linear fc2;

        Mlp(int width, int hidden) {
            this.fc1 = child("fc1", new Linear(width, hidden, true));
            this.fc2 = child("fc2", new Linear(hidden, width, true));
        }

        NDArray forward(NDArray x) {
            try (Scope sc = Scope.of(x)) {
                return sc.keep(fc2.forward(Activations.quickGelu(fc1.forward(x))));
            }
        }

        @Override
        protected NDList forwardList(NDList inputs) {
            return new NDList(forward(inputs.head()));
        }
    }
}
