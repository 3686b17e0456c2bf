package io.likeness.mcdm.nn.vae;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import io.likeness.mcdm.nn.layers.Attention;
import io.likeness.mcdm.nn.layers.GroupNorm;
import io.likeness.mcdm.nn.layers.Linear;
import io.likeness.mcdm.nn.layers.ModuleList;
import io.likeness.mcdm.nn.layers.NnBlock;
import io.likeness.mcdm.nn.layers.Scope;

/**
 * The VAE mid-block attention (diffusers {@code Attention} with {@code group_norm}, biased q/k/v, one head,
 * residual connection): x + to_out(attn(group_norm(x))) over the H·W positions.
 */
public final class VaeAttention extends NnBlock {

    private final GroupNorm groupNorm;
    private final Linear toQ;
    private final Linear toK;
    private final Linear toV;
    private final Linear toOut;

    public VaeAttention(int channels, int groups) {
        this.groupNorm = child("group_norm", new GroupNorm(groups, channels, 1e-6f));
        this.toQ = child("to_q", new Linear(channels, channels, true));
        this.toK = child("to_k", new Linear(channels, channels, true));
        this.toV = child("to_v", new Linear(channels, channels, true));
        ModuleList<Linear> out = child("to_out", new ModuleList<>());
        this.toOut = out.add(new Linear(channels, channels, true));
    }

    public NDArray forward(NDArray x) {
        try (Scope sc = Scope.of(x)) {
            long b = x.getShape().get(0);
            long c = x.getShape().get(1);
            long h = x.getShape().get(2);
            long w = x.getShape().get(3);
            NDArray s = groupNorm.forward(x).reshape(b, c, h * w).transpose(0, 2, 1);
            NDArray o = Attention.multiHead(toQ.forward(s), toK.forward(s), toV.forward(s), 1, null);
            o = toOut.forward(o).transpose(0, 2, 1).reshape(b, c, h, w);
            return sc.keep(o.add(x));
        }
    }

    @Override
    protected NDList forwardList(NDList inputs) {
        return new NDList(forward(inputs.head()));
    }
}
