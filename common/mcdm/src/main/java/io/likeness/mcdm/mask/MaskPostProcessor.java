package io.likeness.mcdm.mask;

/** Normalisation and Gaussian blur of raw difference maps (pure Java, on {@link MaskMap}). */
public final class MaskPostProcessor {

    private MaskPostProcessor() {
    }

    public static MaskMap normalize(MaskMap g, MaskNormalization mode, double clampRatio) {
        float[] v = g.values();
        float[] out = new float[v.length];
        switch (mode) {
            case CLAMP_MEAN -> {
                double mean = 0;
                for (float f : v) {
                    mean += f;
                }
                mean /= v.length;
                double c = clampRatio * mean;
                for (int i = 0; i < v.length; i++) {
                    out[i] = c > 0 ? (float) (Math.min(Math.max(v[i], 0.0), c) / c) : 0f;
                }
            }
            case MIN_MAX -> {
                double min = Double.POSITIVE_INFINITY;
                double max = Double.NEGATIVE_INFINITY;
                for (float f : v) {
                    min = Math.min(min, f);
                    max = Math.max(max, f);
                }
                double range = max - min;
                for (int i = 0; i < v.length; i++) {
                    out[i] = range > 0 ? (float) ((v[i] - min) / range) : 0f;
                }
            }
        }
        return new MaskMap(g.height(), g.width(), out);
    }

    /** Normalised 1-D Gaussian taps of odd length {@code size}. */
    public static double[] gaussianKernel(int size, double sigma) {
        double[] k = new double[size];
        int r = size / 2;
        double sum = 0;
        for (int i = 0; i < size; i++) {
            k[i] = Math.exp(-((i - r) * (i - r)) / (2 * sigma * sigma));
            sum += k[i];
        }
        for (int i = 0; i < size; i++) {
            k[i] /= sum;
        }
        return k;
    }

    /** Separable Gaussian blur with reflect-101 borders (OpenCV's default). */
    public static MaskMap blur(MaskMap map, int size, double sigma) {
        if (size == 1) {
            return map;
        }
        double[] k = gaussianKernel(size, sigma);
        int r = size / 2;
        int h = map.height();
        int w = map.width();
        float[] v = map.values();
        float[] tmp = new float[v.length];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double s = 0;
                for (int i = -r; i <= r; i++) {
                    s += k[i + r] * v[y * w + reflect101(x + i, w)];
                }
                tmp[y * w + x] = (float) s;
            }
        }
        float[] out = new float[v.length];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double s = 0;
                for (int i = -r; i <= r; i++) {
                    s += k[i + r] * tmp[reflect101(y + i, h) * w + x];
                }
                out[y * w + x] = (float) s;
            }
        }
        return new MaskMap(h, w, out);
    }

    static int reflect101(int i, int n) {
        if (n == 1) {
            return 0;
        }
        while (i < 0 || i >= n) {
            i = i < 0 ? -i : 2 * (n - 1) - i;
        }
        return i;
    }
}
