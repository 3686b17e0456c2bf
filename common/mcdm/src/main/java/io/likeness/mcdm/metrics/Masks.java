package io.likeness.mcdm.metrics;

import java.awt.image.BufferedImage;

/** Binary masks as {@code boolean[y * width + x]}; helpers to move between images and arrays. */
public final class Masks {

    private Masks() {
    }

    /** True where any of R, G, B of the mask image is non-zero (a white-on-black mask PNG). */
    public static boolean[] fromImage(BufferedImage mask) {
        int w = mask.getWidth();
        int h = mask.getHeight();
        boolean[] m = new boolean[w * h];
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            mask.getRGB(0, y, w, 1, row, 0, w);
            for (int x = 0; x < w; x++) {
                m[y * w + x] = (row[x] & 0xffffff) != 0;
            }
        }
        return m;
    }

    /** True where the two images differ in any of R, G, B: the exact changed region. */
    public static boolean[] difference(BufferedImage a, BufferedImage b) {
        int w = a.getWidth();
        int h = a.getHeight();
        if (b.getWidth() != w || b.getHeight() != h) {
            throw new IllegalArgumentException("size mismatch");
        }
        boolean[] m = new boolean[w * h];
        int[] ra = new int[w];
        int[] rb = new int[w];
        for (int y = 0; y < h; y++) {
            a.getRGB(0, y, w, 1, ra, 0, w);
            b.getRGB(0, y, w, 1, rb, 0, w);
            for (int x = 0; x < w; x++) {
                m[y * w + x] = ((ra[x] ^ rb[x]) & 0xffffff) != 0;
            }
        }
        return m;
    }

    /** A white-on-black TYPE_BYTE_GRAY image of the mask. */
    public static BufferedImage toImage(boolean[] mask, int width, int height) {
        if (mask.length != width * height) {
            throw new IllegalArgumentException("mask length " + mask.length + " != " + width + "*" + height);
        }
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        byte[] row = new byte[width];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                row[x] = mask[y * width + x] ? (byte) 255 : 0;
            }
            img.getRaster().setDataElements(0, y, width, 1, row);
        }
        return img;
    }

    public static boolean[] invert(boolean[] mask) {
        boolean[] r = new boolean[mask.length];
        for (int i = 0; i < mask.length; i++) {
            r[i] = !mask[i];
        }
        return r;
    }

    public static int count(boolean[] mask) {
        int n = 0;
        for (boolean b : mask) {
            if (b) {
                n++;
            }
        }
        return n;
    }
}
