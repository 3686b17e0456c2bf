package io.likeness.mcdm.mask;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * A single-channel float map (row-major, height × width), independent of any NDManager so it can outlive a request
 * and be stored. Values are copied in and out.
 */
public record MaskMap(int height, int width, float[] values) {

    public MaskMap {
        if (height <= 0 || width <= 0 || values.length != height * width) {
            throw new IllegalArgumentException(
                    "mask of " + height + "×" + width + " needs " + (height * width) + " values, got " + values.length);
        }
        values = values.clone();
    }

    @Override
    public float[] values() {
        return values.clone();
    }

    public float get(int y, int x) {
        return values[y * width + x];
    }

    /** A constant map. */
    public static MaskMap filled(int height, int width, float value) {
        float[] v = new float[height * width];
        java.util.Arrays.fill(v, value);
        return new MaskMap(height, width, v);
    }

    /** Reads a (h, w) or (1, 1, h, w) array. */
    public static MaskMap of(NDArray array) {
        long[] s = array.getShape().getShape();
        int h = (int) s[s.length - 2];
        int w = (int) s[s.length - 1];
        return new MaskMap(h, w, array.toType(ai.djl.ndarray.types.DataType.FLOAT32, false).toFloatArray());
    }

    /** The map as a float32 (h, w) array on {@code manager}. */
    public NDArray toNDArray(NDManager manager) {
        return manager.create(values, new Shape(height, width));
    }

    /** 1 where value &gt; λ, else 0. */
    public MaskMap threshold(double lambda) {
        float[] out = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i] > lambda ? 1f : 0f;
        }
        return new MaskMap(height, width, out);
    }

    /** Bilinear resampling with half-pixel centres (align_corners = false), edges clamped. */
    public MaskMap resize(int newHeight, int newWidth) {
        if (newHeight == height && newWidth == width) {
            return this;
        }
        float[] out = new float[newHeight * newWidth];
        double sy = (double) height / newHeight;
        double sx = (double) width / newWidth;
        for (int y = 0; y < newHeight; y++) {
            double fy = Math.max(0, (y + 0.5) * sy - 0.5);
            int y0 = Math.min((int) fy, height - 1);
            int y1 = Math.min(y0 + 1, height - 1);
            double wy = fy - y0;
            for (int x = 0; x < newWidth; x++) {
                double fx = Math.max(0, (x + 0.5) * sx - 0.5);
                int x0 = Math.min((int) fx, width - 1);
                int x1 = Math.min(x0 + 1, width - 1);
                double wx = fx - x0;
                double top = get(y0, x0) * (1 - wx) + get(y0, x1) * wx;
                double bottom = get(y1, x0) * (1 - wx) + get(y1, x1) * wx;
                out[y * newWidth + x] = (float) (top * (1 - wy) + bottom * wy);
            }
        }
        return new MaskMap(newHeight, newWidth, out);
    }

    /** Fraction of values &gt; 0.5 (coverage of a binary mask). */
    public double coverage() {
        int n = 0;
        for (float v : values) {
            if (v > 0.5f) {
                n++;
            }
        }
        return (double) n / values.length;
    }
}
