package io.likeness.mcdm.nn.layers;

import ai.djl.ndarray.NDArray;

/** Element-wise activations (results on the input's manager). */
public final class Activations {

    private Activations() {
    }

    /** SiLU / swish: x·σ(x). */
    public static NDArray silu(NDArray x) {
        return x.mul(x.getNDArrayInternal().sigmoid());
    }

    /** Exact (erf) GELU, {@code torch.nn.functional.gelu}. */
    public static NDArray gelu(NDArray x) {
        return x.getNDArrayInternal().gelu();
    }

    /** CLIP's quick_gelu: x·σ(1.702x). */
    public static NDArray quickGelu(NDArray x) {
        return x.mul(x.mul(1.702f).getNDArrayInternal().sigmoid());
    }

    /** LeakyReLU with slope 0.01 (torch default). */
    public static NDArray leakyRelu(NDArray x) {
        return x.getNDArrayInternal().leakyRelu(0.01f);
    }
}
