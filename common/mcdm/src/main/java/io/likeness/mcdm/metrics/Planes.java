package io.likeness.mcdm.metrics;

import java.awt.image.BufferedImage;
import java.util.Objects;

/**
 * Images as planar double channels, the common input of the metrics: {@code planes[c][y * width + x]}.
 * Values are taken as they are (8-bit images give 0..255); the caller passes the matching data range.
 */
public record Planes(int width, int height, double[][] channels) {

    public Planes {
        Objects.requireNonNull(channels, "channels");
        if (width <= 0 || height <= 0 || channels.length == 0) {
            throw new IllegalArgumentException("empty image " + width + "x" + height + "x" + channels.length);
        }
        for (double[] c : channels) {
            if (c.length != width * height) {
                throw new IllegalArgumentException("channel length " + c.length + " != " + width + "*" + height);
            }
        }
    }

    public int channelCount() {
        return channels.length;
    }

    /** The R, G, B channels of an image (alpha is ignored), 0..255. */
    public static Planes rgb(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        double[][] c = new double[3][w * h];
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            image.getRGB(0, y, w, 1, row, 0, w);
            for (int x = 0; x < w; x++) {
                int p = row[x];
                int i = y * w + x;
                c[0][i] = (p >> 16) & 0xff;
                c[1][i] = (p >> 8) & 0xff;
                c[2][i] = p & 0xff;
            }
        }
        return new Planes(w, h, c);
    }

    /** Interleaved height × width × channels values (the numpy HWC layout). */
    public static Planes fromInterleaved(double[] hwc, int width, int height, int channels) {
        if (hwc.length != width * height * channels) {
            throw new IllegalArgumentException("length " + hwc.length + " != " + width + "*" + height + "*" + channels);
        }
        double[][] c = new double[channels][width * height];
        for (int i = 0; i < width * height; i++) {
            for (int k = 0; k < channels; k++) {
                c[k][i] = hwc[i * channels + k];
            }
        }
        return new Planes(width, height, c);
    }

    void requireSameShape(Planes other) {
        if (other.width != width || other.height != height || other.channels.length != channels.length) {
            throw new IllegalArgumentException("shape mismatch: " + width + "x" + height + "x" + channels.length
                    + " vs " + other.width + "x" + other.height + "x" + other.channels.length);
        }
    }

    void requireMask(boolean[] mask) {
        if (mask != null && mask.length != width * height) {
            throw new IllegalArgumentException("mask length " + mask.length + " != " + width + "*" + height);
        }
    }
}
