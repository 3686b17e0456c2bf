package io.likeness.mcdm.nn.layers;

import ai.djl.training.initializer.Initializer;

/**
 * Parameter initialisers matching PyTorch's defaults (DJL's default is He-normal, ≈2.45× larger) plus the
 * zero / identity inits the SD-family architectures need.
 */
public final class Init {

    private Init() {
    }

    /** PyTorch's default for Linear/Conv weights and biases: U(−1/√fanIn, 1/√fanIn). */
    public static Initializer torchDefault(long fanIn) {
        float bound = (float) (1.0 / Math.sqrt(fanIn));
        return (m, shape, dt) -> m.randomUniform(-bound, bound, shape, dt);
    }

    public static Initializer zeros() {
        return (m, shape, dt) -> m.zeros(shape, dt);
    }

    public static Initializer ones() {
        return (m, shape, dt) -> m.ones(shape, dt);
    }

    public static Initializer normal(float std) {
        return (m, shape, dt) -> m.randomNormal(0f, std, shape, dt);
    }

    /** {@code eye(rows, cols)} for a 2-D weight (rows = out, cols = in), as {@code torch.eye(50, 54)}. */
    public static Initializer eye() {
        return (m, shape, dt) -> m.eye((int) shape.get(0), (int) shape.get(1), 0, dt);
    }
}
