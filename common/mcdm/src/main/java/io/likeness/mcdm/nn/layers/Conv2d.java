package io.likeness.mcdm.nn.layers;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;

/** {@code torch.nn.Conv2d} (square kernel, symmetric padding): weight (out, in, k, k), optional bias. */
public final class Conv2d extends NnBlock {

    private final Parameter weight;
    private final Parameter bias;
    private final Shape stride;
    private final Shape padding;
    private final int in;
    private final int out;

    public Conv2d(int in, int out, int kernel, int stride, int padding) {
        this(in, out, kernel, stride, padding, true, false);
    }

    public Conv2d(int in, int out, int kernel, int stride, int padding, boolean hasBias, boolean zeroInit) {
        this.in = in;
        this.out = out;
        long fanIn = (long) in * kernel * kernel;
        this.weight = param("weight", new Shape(out, in, kernel, kernel),
                zeroInit ? Init.zeros() : Init.torchDefault(fanIn), Parameter.Type.WEIGHT);
        this.bias = hasBias ? param("bias", new Shape(out), zeroInit ? Init.zeros() : Init.torchDefault(fanIn),
                Parameter.Type.BIAS) : null;
        this.stride = new Shape(stride, stride);
        this.padding = new Shape(padding, padding);
    }

    public NDArray forward(NDArray x) {
        return ai.djl.nn.convolutional.Conv2d.conv2d(x, arr(weight), arr(bias), stride, padding,
                new Shape(1, 1), 1).singletonOrThrow();
    }

    public Parameter weight() {
        return weight;
    }

    public Parameter bias() {
        return bias;
    }

    public int inChannels() {
        return in;
    }

    public int outChannels() {
        return out;
    }

    @Override
    protected NDList forwardList(NDList inputs) {
        return new NDList(forward(inputs.head()));
    }
}
