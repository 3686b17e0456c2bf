package io.likeness.mcdm.nn.layers;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;

/** {@code torch.nn.LayerNorm(dim)} over the last axis: weight (dim) = 1, bias (dim) = 0. */
public final class LayerNorm extends NnBlock {

    private final Parameter weight;
    private final Parameter bias;
    private final int dim;
    private final float eps;

    public LayerNorm(int dim, float eps) {
        this.dim = dim;
        this.eps = eps;
        this.weight = param("weight", new Shape(dim), Init.ones(), Parameter.Type.GAMMA);
        this.bias = param("bias", new Shape(dim), Init.zeros(), Parameter.Type.BETA);
    }

    public NDArray forward(NDArray x) {
        return ai.djl.nn.norm.LayerNorm.layerNorm(x, new Shape(dim), arr(weight), arr(bias), eps).singletonOrThrow();
    }

    @Override
    protected NDList forwardList(NDList inputs) {
        return new NDList(forward(inputs.head()));
    }
}
