package io.likeness.mcdm.nn.layers;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;

/**
 * diffusers {@code Timesteps} (sinusoidal, {@code flip_sin_to_cos=True}, {@code downscale_freq_shift=0}) followed by
 * {@code TimestepEmbedding}: {@code linear_1} (dim → tembDim), SiLU, {@code linear_2} (tembDim → tembDim).
 */
public final class TimestepEmbedding extends NnBlock {

    private final Linear linear1;
    private final Linear linear2;
    private final float[] frequencies;

    public TimestepEmbedding(int dim, int tembDim) {
        this.linear1 = child("linear_1", new Linear(dim, tembDim, true));
        this.linear2 = child("linear_2", new Linear(tembDim, tembDim, true));
        this.frequencies = frequencies(dim);
    }

    /** exp(−ln(10000)·i/half), i = 0..half−1 (freq shift 0). */
    static float[] frequencies(int dim) {
        int half = dim / 2;
        float[] f = new float[half];
        for (int i = 0; i < half; i++) {
            f[i] = (float) Math.exp(-Math.log(10000.0) * i / half);
        }
        return f;
    }

    /** Sinusoidal projection [cos(t·f), sin(t·f)] of timesteps t (B,) → (B, dim), on t's manager. */
    public static NDArray sinusoidal(NDArray t, int dim) {
        try (Scope sc = Scope.of(t)) {
            float[] f = frequencies(dim);
            NDArray freqs = sc.manager().create(f).reshape(1, f.length);
            NDArray args = t.toType(ai.djl.ndarray.types.DataType.FLOAT32, false).reshape(-1, 1).mul(freqs);
            NDArray emb = args.cos().concat(args.sin(), 1);
            return sc.keep(emb);
        }
    }

    /** @param t timesteps (B,) float32 → (B, tembDim) */
    public NDArray forward(NDArray t) {
        try (Scope sc = Scope.of(t)) {
            NDArray e = sinusoidal(t, frequencies.length * 2);
            return sc.keep(linear2.forward(Activations.silu(linear1.forward(e))));
        }
    }

    @Override
    protected NDList forwardList(NDList inputs) {
        return new NDList(forward(inputs.head()));
    }
}
