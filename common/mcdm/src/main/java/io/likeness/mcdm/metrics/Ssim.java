package io.likeness.mcdm.metrics;

import java.awt.image.BufferedImage;

/**
 * Structural similarity (Wang et al. 2004) with the convention scikit-image documents for matching the paper
 * ({@code gaussian_weights=True, sigma=1.5, use_sample_covariance=False}): an 11×11 separable Gaussian window
 * (σ = 1.5, truncated at 3.5σ → radius 5, normalised), K1 = 0.01, K2 = 0.03, population (co)variances, the SSIM map
 * averaged over the "valid" pixels (at least 5 from every border, so padding never matters); colour images are
 * computed per channel and the channel values averaged. No downsampling (unlike Wang's MATLAB {@code ssim.m}).
 *
 * <p>The region-restricted variant averages the same SSIM map over the valid pixels that the mask includes
 * (the statistics around each pixel still use the full window, as for the unrestricted map).
 */
public final class Ssim {

    public static final double SIGMA = 1.5;
    public static final int RADIUS = 5;
    public static final double K1 = 0.01;
    public static final double K2 = 0.03;
    /** The data range of 8-bit images. */
    public static final double RANGE_8BIT = 255.0;

    private static final double[] WINDOW = gaussian();

    private Ssim() {
    }

    /** Per-channel SSIM values and their mean. */
    public record Result(double[] perChannel, double mean, long pixels) {
    }

    /** Mean SSIM over R, G, B of two 8-bit images of the same size. */
    public static double ssim(BufferedImage a, BufferedImage b) {
        return compute(Planes.rgb(a), Planes.rgb(b), RANGE_8BIT, null).mean();
    }

    /** Mean SSIM over R, G, B restricted to the pixels where {@code include} is true (e.g. the unchanged pixels). */
    public static double ssim(BufferedImage a, BufferedImage b, boolean[] include) {
        return compute(Planes.rgb(a), Planes.rgb(b), RANGE_8BIT, include).mean();
    }

    /**
     * SSIM per channel and mean. {@code include} null means every valid pixel; otherwise the map is averaged over the
     * valid pixels with {@code include[y * width + x]}. If no pixel is averaged the values are NaN.
     */
    public static Result compute(Planes x, Planes y, double dataRange, boolean[] include) {
        x.requireSameShape(y);
        x.requireMask(include);
        int w = x.width();
        int h = x.height();
        if (w <= 2 * RADIUS || h <= 2 * RADIUS) {
            throw new IllegalArgumentException("SSIM needs images larger than " + (2 * RADIUS + 1) + " px per side");
        }
        double[] per = new double[x.channelCount()];
        long used = 0;
        for (int c = 0; c < per.length; c++) {
            double[] map = map(x.channels()[c], y.channels()[c], w, h, dataRange);
            double sum = 0;
            long n = 0;
            for (int yy = RADIUS; yy < h - RADIUS; yy++) {
                for (int xx = RADIUS; xx < w - RADIUS; xx++) {
                    int i = yy * w + xx;
                    if (include == null || include[i]) {
                        sum += map[i];
                        n++;
                    }
                }
            }
            per[c] = n == 0 ? Double.NaN : sum / n;
            used = n;
        }
        double mean = 0;
        for (double v : per) {
            mean += v;
        }
        return new Result(per, mean / per.length, used);
    }

    /**
     * The SSIM map of one channel; entries outside the valid region (within 5 px of a border) are NaN.
     */
    public static double[] map(double[] x, double[] y, int w, int h, double dataRange) {
        double c1 = (K1 * dataRange) * (K1 * dataRange);
        double c2 = (K2 * dataRange) * (K2 * dataRange);
        double[] xx = new double[x.length];
        double[] yy = new double[x.length];
        double[] xy = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            xx[i] = x[i] * x[i];
            yy[i] = y[i] * y[i];
            xy[i] = x[i] * y[i];
        }
        double[] mx = filterValid(x, w, h);
        double[] my = filterValid(y, w, h);
        double[] mxx = filterValid(xx, w, h);
        double[] myy = filterValid(yy, w, h);
        double[] mxy = filterValid(xy, w, h);
        double[] out = new double[x.length];
        java.util.Arrays.fill(out, Double.NaN);
        for (int r = RADIUS; r < h - RADIUS; r++) {
            for (int c = RADIUS; c < w - RADIUS; c++) {
                int i = r * w + c;
                double ux = mx[i];
                double uy = my[i];
                double vx = mxx[i] - ux * ux;
                double vy = myy[i] - uy * uy;
                double vxy = mxy[i] - ux * uy;
                out[i] = ((2 * ux * uy + c1) * (2 * vxy + c2)) / ((ux * ux + uy * uy + c1) * (vx + vy + c2));
            }
        }
        return out;
    }

    /** Separable Gaussian filter evaluated where the whole window lies inside the image (other entries 0). */
    private static double[] filterValid(double[] src, int w, int h) {
        double[] tmp = new double[src.length];
        for (int r = 0; r < h; r++) {
            for (int c = RADIUS; c < w - RADIUS; c++) {
                double s = 0;
                int base = r * w + c - RADIUS;
                for (int k = 0; k < WINDOW.length; k++) {
                    s += WINDOW[k] * src[base + k];
                }
                tmp[r * w + c] = s;
            }
        }
        double[] out = new double[src.length];
        for (int r = RADIUS; r < h - RADIUS; r++) {
            for (int c = RADIUS; c < w - RADIUS; c++) {
                double s = 0;
                for (int k = 0; k < WINDOW.length; k++) {
                    s += WINDOW[k] * tmp[(r - RADIUS + k) * w + c];
                }
                out[r * w + c] = s;
            }
        }
        return out;
    }

    private static double[] gaussian() {
        double[] g = new double[2 * RADIUS + 1];
        double sum = 0;
        for (int i = -RADIUS; i <= RADIUS; i++) {
            g[i + RADIUS] = Math.exp(-(i * i) / (2 * SIGMA * SIGMA));
            sum += g[i + RADIUS];
        }
        for (int i = 0; i < g.length; i++) {
            g[i] /= sum;
        }
        return g;
    }
}
