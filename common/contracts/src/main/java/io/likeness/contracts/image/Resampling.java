package io.likeness.contracts.image;

import java.util.Arrays;

/**
 * Separable resampling on float rows. An {@link Axis} is a sparse 1-D linear operator
 * ({@code dst[i] = Σ weight[i][k] · src[index[i][k]]}); an image is resampled by applying one axis to every row
 * and the other to every column, so no full-resolution float plane is ever held (the horizontal pass runs
 * first; its output is {@code srcHeight × dstWidth}).
 */
final class Resampling {

    private Resampling() {
    }

    /** A sparse resampling operator from {@code srcSize} samples to {@code dstSize} samples. */
    record Axis(int srcSize, int dstSize, int[][] index, float[][] weight) {
    }

    /** Area averaging (box filter with exact fractional coverage) for downscaling; bicubic when enlarging. */
    static Axis resize(int srcSize, int dstSize) {
        return srcSize >= dstSize ? areaAverage(srcSize, dstSize) : bicubic(srcSize, dstSize);
    }

    /**
     * Each destination sample is the mean of the source interval it covers, partially covered source samples
     * weighted by their overlap: no aliasing however large the reduction.
     */
    static Axis areaAverage(int srcSize, int dstSize) {
        if (srcSize < dstSize) {
            throw new IllegalArgumentException("area averaging only reduces: " + srcSize + " -> " + dstSize);
        }
        double scale = (double) srcSize / dstSize;
        int[][] index = new int[dstSize][];
        float[][] weight = new float[dstSize][];
        for (int i = 0; i < dstSize; i++) {
            double lo = i * scale;
            double hi = (i + 1) * scale;
            int j0 = (int) Math.floor(lo);
            int j1 = Math.min(srcSize, (int) Math.ceil(hi));
            int[] idx = new int[j1 - j0];
            double[] w = new double[j1 - j0];
            double sum = 0;
            int n = 0;
            for (int j = j0; j < j1; j++) {
                double overlap = Math.min(j + 1, hi) - Math.max(j, lo);
                if (overlap > 1e-12) {
                    idx[n] = j;
                    w[n] = overlap;
                    sum += overlap;
                    n++;
                }
            }
            index[i] = Arrays.copyOf(idx, n);
            weight[i] = new float[n];
            for (int k = 0; k < n; k++) {
                weight[i][k] = (float) (w[k] / sum);
            }
        }
        return new Axis(srcSize, dstSize, index, weight);
    }

    /** Keys bicubic (a = −0.5, Catmull-Rom), pixel centres aligned, edges clamped. */
    static Axis bicubic(int srcSize, int dstSize) {
        int[][] index = new int[dstSize][4];
        float[][] weight = new float[dstSize][4];
        double scale = (double) srcSize / dstSize;
        for (int i = 0; i < dstSize; i++) {
            double x = (i + 0.5) * scale - 0.5;
            int x0 = (int) Math.floor(x);
            double t = x - x0;
            double[] w = {keys(t + 1), keys(t), keys(1 - t), keys(2 - t)};
            double sum = w[0] + w[1] + w[2] + w[3];
            for (int k = 0; k < 4; k++) {
                index[i][k] = clamp(x0 - 1 + k, 0, srcSize - 1);
                weight[i][k] = (float) (w[k] / sum);
            }
        }
        return new Axis(srcSize, dstSize, index, weight);
    }

    /** Linear interpolation, pixel centres aligned, edges clamped; never overshoots (right for masks). */
    static Axis bilinear(int srcSize, int dstSize) {
        int[][] index = new int[dstSize][];
        float[][] weight = new float[dstSize][];
        double scale = (double) srcSize / dstSize;
        for (int i = 0; i < dstSize; i++) {
            double x = Math.max(0, Math.min(srcSize - 1, (i + 0.5) * scale - 0.5));
            int x0 = (int) Math.floor(x);
            double f = x - x0;
            if (f == 0 || x0 + 1 >= srcSize) {
                index[i] = new int[] {x0};
                weight[i] = new float[] {1f};
            } else {
                index[i] = new int[] {x0, x0 + 1};
                weight[i] = new float[] {(float) (1 - f), (float) f};
            }
        }
        return new Axis(srcSize, dstSize, index, weight);
    }

    /**
     * {@code base} followed by a Gaussian blur of standard deviation {@code sigma} destination samples, truncated
     * at {@code radius = ceil(3·sigma)} (so its support is finite and exact zeros stay zero beyond it), edges
     * clamped; then, at each end flagged {@code taperLow}/{@code taperHigh}, multiplied by a linear ramp that
     * reaches 0 at the end over {@code radius} samples.
     */
    static Axis blurred(Axis base, double sigma, boolean taperLow, boolean taperHigh) {
        int n = base.dstSize();
        int radius = (int) Math.ceil(3 * sigma);
        if (sigma <= 0 || radius == 0) {
            return base;
        }
        double[] g = new double[2 * radius + 1];
        double gs = 0;
        for (int t = -radius; t <= radius; t++) {
            g[t + radius] = Math.exp(-(t * (double) t) / (2 * sigma * sigma));
            gs += g[t + radius];
        }
        double[] acc = new double[base.srcSize()];
        boolean[] touched = new boolean[base.srcSize()];
        int[][] index = new int[n][];
        float[][] weight = new float[n][];
        for (int x = 0; x < n; x++) {
            int lo = Integer.MAX_VALUE;
            int hi = -1;
            for (int t = -radius; t <= radius; t++) {
                int p = clamp(x + t, 0, n - 1);
                double gt = g[t + radius] / gs;
                int[] bi = base.index()[p];
                float[] bw = base.weight()[p];
                for (int k = 0; k < bi.length; k++) {
                    acc[bi[k]] += gt * bw[k];
                    touched[bi[k]] = true;
                    lo = Math.min(lo, bi[k]);
                    hi = Math.max(hi, bi[k]);
                }
            }
            double taper = 1;
            if (taperLow) {
                taper = Math.min(taper, (x + 0.5) / radius);
            }
            if (taperHigh) {
                taper = Math.min(taper, (n - x - 0.5) / radius);
            }
            int count = 0;
            for (int j = lo; j <= hi; j++) {
                if (touched[j]) {
                    count++;
                }
            }
            index[x] = new int[count];
            weight[x] = new float[count];
            int c = 0;
            for (int j = lo; j <= hi; j++) {
                if (touched[j]) {
                    index[x][c] = j;
                    weight[x][c] = (float) (acc[j] * taper);
                    c++;
                    acc[j] = 0;
                    touched[j] = false;
                }
            }
        }
        return new Axis(base.srcSize(), n, index, weight);
    }

    /** Supplies source row {@code y} as {@code srcWidth × channels} interleaved floats. */
    interface RowSource {
        void row(int y, float[] out);
    }

    /** A separable resampling of a source image, rows produced on demand after a horizontal pass. */
    static final class Separable {
        private final int channels;
        private final Axis ay;
        private final float[][] horizontal;
        private final boolean[] zeroRow;

        Separable(RowSource source, int channels, Axis ax, Axis ay) {
            this.channels = channels;
            this.ay = ay;
            int srcW = ax.srcSize();
            int dstW = ax.dstSize();
            float[] in = new float[srcW * channels];
            horizontal = new float[ay.srcSize()][];
            zeroRow = new boolean[ay.srcSize()];
            for (int y = 0; y < ay.srcSize(); y++) {
                source.row(y, in);
                float[] h = new float[dstW * channels];
                for (int x = 0; x < dstW; x++) {
                    int[] idx = ax.index()[x];
                    float[] w = ax.weight()[x];
                    for (int c = 0; c < channels; c++) {
                        float s = 0;
                        for (int k = 0; k < idx.length; k++) {
                            s += w[k] * in[idx[k] * channels + c];
                        }
                        h[x * channels + c] = s;
                    }
                }
                horizontal[y] = h;
                boolean zero = true;
                for (float v : h) {
                    if (v != 0f) {
                        zero = false;
                        break;
                    }
                }
                zeroRow[y] = zero;
            }
        }

        /** Destination row {@code y} into {@code out} ({@code dstWidth × channels} floats). */
        void row(int y, float[] out) {
            int[] idx = ay.index()[y];
            float[] w = ay.weight()[y];
            Arrays.fill(out, 0f);
            for (int k = 0; k < idx.length; k++) {
                float wk = w[k];
                if (wk == 0f || zeroRow[idx[k]]) {
                    continue; // contributes nothing (e.g. the empty part of a mask)
                }
                float[] h = horizontal[idx[k]];
                for (int i = 0; i < out.length; i++) {
                    out[i] += wk * h[i];
                }
            }
        }

        int channels() {
            return channels;
        }
    }

    /** Row source over packed 0xRRGGBB pixels of a rectangle of an image. */
    static RowSource rgbRows(int[] pixels, int stride, int x0, int y0) {
        return (y, out) -> {
            int base = (y0 + y) * stride + x0;
            int w = out.length / 3;
            for (int x = 0; x < w; x++) {
                int p = pixels[base + x];
                out[3 * x] = (p >> 16) & 0xFF;
                out[3 * x + 1] = (p >> 8) & 0xFF;
                out[3 * x + 2] = p & 0xFF;
            }
        };
    }

    static int toByte(float v) {
        return v <= 0 ? 0 : v >= 255 ? 255 : (int) (v + 0.5f);
    }

    static int clamp(int v, int lo, int hi) {
        return v < lo ? lo : Math.min(v, hi);
    }

    private static double keys(double x) {
        double a = -0.5;
        x = Math.abs(x);
        if (x <= 1) {
            return ((a + 2) * x - (a + 3)) * x * x + 1;
        }
        if (x < 2) {
            return ((a * x - 5 * a) * x + 8 * a) * x - 4 * a;
        }
        return 0;
    }
}
