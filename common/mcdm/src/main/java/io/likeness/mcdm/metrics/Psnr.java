package io.likeness.mcdm.metrics;

import java.awt.image.BufferedImage;

/**
 * Peak signal-to-noise ratio 10·log10(MAX²/MSE), MSE over all pixels and channels (MAX = 255 for 8-bit images).
 * Identical inputs give +∞. The region-restricted variant takes the MSE over the included pixels only.
 */
public final class Psnr {

    private Psnr() {
    }

    public static double psnr(BufferedImage a, BufferedImage b) {
        return compute(Planes.rgb(a), Planes.rgb(b), Ssim.RANGE_8BIT, null);
    }

    /** PSNR over the pixels with {@code include} true (e.g. the unchanged region). NaN if none is included. */
    public static double psnr(BufferedImage a, BufferedImage b, boolean[] include) {
        return compute(Planes.rgb(a), Planes.rgb(b), Ssim.RANGE_8BIT, include);
    }

    public static double compute(Planes x, Planes y, double max, boolean[] include) {
        double mse = mse(x, y, include);
        if (Double.isNaN(mse)) {
            return Double.NaN;
        }
        if (mse == 0) {
            return Double.POSITIVE_INFINITY;
        }
        return 10 * Math.log10(max * max / mse);
    }

    /** Mean squared error over the included pixels and all channels; NaN if no pixel is included. */
    public static double mse(Planes x, Planes y, boolean[] include) {
        x.requireSameShape(y);
        x.requireMask(include);
        double sum = 0;
        long n = 0;
        int pixels = x.width() * x.height();
        for (int c = 0; c < x.channelCount(); c++) {
            double[] a = x.channels()[c];
            double[] b = y.channels()[c];
            for (int i = 0; i < pixels; i++) {
                if (include == null || include[i]) {
                    double d = a[i] - b[i];
                    sum += d * d;
                    n++;
                }
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }
}
