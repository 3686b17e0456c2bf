package io.likeness.mcdm.nn.layers;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;

/** {@code torch.nn.Linear}: weight (out, in), optional bias (out). Result on the input's manager. */
public final class Linear extends NnBlock {

    private final Parameter weight;
    private final Parameter bias;
    private final int in;
    private final int out;

    public Linear(int in, int out, boolean hasBias) {
        this(in, out, hasBias, false);
    }

    /** @param zeroInit weight and bias start at 0 (zero projections) */
    public Linear(int in, int out, boolean hasBias, boolean zeroInit) {
        this.in = in;
        this.out = out;
        this.weight = param("weight", new Shape(out, in), zeroInit ? Init.zeros() : Init.torchDefault(in),
                Parameter.Type.WEIGHT);
        this.bias = hasBias ? param("bias", new Shape(out), zeroInit ? Init.zeros() : Init.torchDefault(in),
                Parameter.Type.BIAS) : null;
    }

    public NDArray forward(NDArray x) {
        return ai.djl.nn.core.Linear.linear(x, arr(weight), arr(bias)).singletonOrThrow();
    }

    public Parameter weight() {
        return weight;
    }

    public Parameter bias() {
        return bias;
    }

    public int inFeatures() {
        return in;
    }

    public int outFeatures() {
        return out;
    }

    @Override
    protected NDList forwardList(NDList inputs) {
        return new NDList(forward(inputs.head()));
    }
}
