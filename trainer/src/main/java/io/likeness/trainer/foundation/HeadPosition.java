package io.likeness.trainer.foundation;

import java.awt.image.BufferedImage;
import java.util.Arrays;

/**
 * Where the figure is in a portrait, read from the pixels alone so that studio renders and generated samples are
 * measured the same way: the centroid of the pixels that differ from their row's backdrop, over the rows above the
 * shoulders. The backdrop of a row is the median colour of its outermost pixels on both sides, which follows the
 * studio's gradient backdrops; a halo is centred on the head, so it moves the centroid with the head. Costumes
 * (a hat, a hood) shift the centroid too, so it is meant for comparing one subject under two poses, not for
 * absolute head coordinates. {@code HeadPositionTest} checks it against the studio's own pose offsets.
 */
public final class HeadPosition {

    /** Rows measured, as a fraction of the height: above the studio's shoulder line (≈ 0.86 at 128 px). */
    static final double TOP = 0.03;
    static final double BOTTOM = 0.78;
    /** Pixels per side that sample a row's backdrop. */
    static final int EDGE = 5;
    /** Colour distance (0..1 per channel, Euclidean) above which a pixel is figure, not backdrop. */
    static final double THRESHOLD = 0.16;

    /** A position in pixels of the image. NaN when no pixel differs from the backdrop. */
    public record Position(double x, double y) {
    }

    private HeadPosition() {
    }

    public static Position locate(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        double sx = 0;
        double sy = 0;
        double n = 0;
        int[] rgb = new int[w];
        int[][] edge = new int[3][2 * EDGE];
        for (int y = (int) (TOP * h); y < (int) (BOTTOM * h); y++) {
            image.getRGB(0, y, w, 1, rgb, 0, w);
            for (int i = 0; i < EDGE; i++) {
                for (int c = 0; c < 3; c++) {
                    edge[c][i] = channel(rgb[i], c);
                    edge[c][EDGE + i] = channel(rgb[w - 1 - i], c);
                }
            }
            double[] back = new double[3];
            for (int c = 0; c < 3; c++) {
                int[] v = edge[c].clone();
                Arrays.sort(v);
                back[c] = (v[EDGE - 1] + v[EDGE]) / 2.0;
            }
            for (int x = EDGE; x < w - EDGE; x++) {
                double d = 0;
                for (int c = 0; c < 3; c++) {
                    double e = (channel(rgb[x], c) - back[c]) / 255.0;
                    d += e * e;
                }
                if (Math.sqrt(d) > THRESHOLD) {
                    sx += x;
                    sy += y;
                    n++;
                }
            }
        }
        return n == 0 ? new Position(Double.NaN, Double.NaN) : new Position(sx / n, sy / n);
    }

    private static int channel(int rgb, int c) {
        return (rgb >> (16 - 8 * c)) & 0xFF;
    }
}
