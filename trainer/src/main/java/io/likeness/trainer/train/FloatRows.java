package io.likeness.trainer.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;

/**
 * Per-item float rows of a cached corpus (latents, identity words, image tokens) ↔ batched arrays: the caches of the
 * base and MCDM stages keep one row per item in the Java heap and stack the rows a step needs.
 */
public final class FloatRows {

    private FloatRows() {
    }

    /** The rows {@code idx} of {@code rows}, each of shape {@code one}, as (B, …one). */
    public static NDArray stack(NDManager m, float[][] rows, int[] idx, Shape one) {
        int n = (int) one.size();
        float[] out = new float[idx.length * n];
        for (int i = 0; i < idx.length; i++) {
            System.arraycopy(rows[idx[i]], 0, out, i * n, n);
        }
        return m.create(out, prepend(idx.length, one));
    }

    /** The shape of one item of a batch. */
    public static Shape tail(NDArray a) {
        long[] s = a.getShape().getShape();
        return new Shape(Arrays.copyOfRange(s, 1, s.length));
    }

    public static Shape prepend(long n, Shape s) {
        long[] d = new long[s.dimension() + 1];
        d[0] = n;
        System.arraycopy(s.getShape(), 0, d, 1, s.dimension());
        return new Shape(d);
    }

    /** One row per item of a batch array. */
    public static float[][] rows(NDArray a) {
        int n = (int) a.getShape().get(0);
        int per = (int) (a.getShape().size() / n);
        float[] all = a.toFloatArray();
        float[][] out = new float[n][];
        for (int i = 0; i < n; i++) {
            out[i] = Arrays.copyOfRange(all, i * per, (i + 1) * per);
        }
        return out;
    }

    /** The rows concatenated (for writing a cache). */
    public static float[] flat(float[][] rows) {
        int per = rows[0].length;
        float[] out = new float[rows.length * per];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(rows[i], 0, out, i * per, per);
        }
        return out;
    }
}
