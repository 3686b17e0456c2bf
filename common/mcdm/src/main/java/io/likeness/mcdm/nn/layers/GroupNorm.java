package io.likeness.mcdm.nn.layers;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;

/**
 * {@code torch.nn.GroupNorm(groups, channels, eps)} on (B, C, ...) via the fused layer-norm trick: reshape to
 * (B, G, rest), layer-norm over {@code rest} with unit/zero affine, reshape back, per-channel affine.
 */
public final class GroupNorm extends NnBlock {

    private final Parameter weight;
    private final Parameter bias;
    private final int groups;
    private final int channels;
    private final float eps;

    public GroupNorm(int groups, int channels, float eps) {
        if (channels % groups != 0) {
            throw new IllegalArgumentException("channels " + channels + " not divisible by groups " + groups);
        }
        this.groups = groups;
        this.channels = channels;
        this.eps = eps;
        this.weight = param("weight", new Shape(channels), Init.ones(), Parameter.Type.GAMMA);
        this.bias = param("bias", new Shape(channels), Init.zeros(), Parameter.Type.BETA);
    }

    public NDArray forward(NDArray x) {
        Shape s = x.getShape();
        long b = s.get(0);
        try (Scope sc = Scope.of(x)) {
            NDArray r = x.reshape(b, groups, -1);
            long len = r.getShape().get(2);
            NDArray unit = sc.manager().ones(new Shape(len));
            NDArray zero = sc.manager().zeros(new Shape(len));
            NDArray n = ai.djl.nn.norm.LayerNorm.layerNorm(r, new Shape(len), unit, zero, eps)
                    .singletonOrThrow().reshape(s);
            long[] affine = new long[s.dimension()];
            java.util.Arrays.fill(affine, 1L);
            affine[1] = channels;
            Shape as = new Shape(affine);
            NDArray out = n.mul(sc.local(arr(weight), as)).add(sc.local(arr(bias), as));
            return sc.keep(out);
        }
    }

    public int channels() {
        return channels;
    }

    @Override
    protected NDList forwardList(NDList inputs) {
        return new NDList(forward(inputs.head()));
    }
}
