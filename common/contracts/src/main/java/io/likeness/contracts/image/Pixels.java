package io.likeness.contracts.image;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.awt.image.SinglePixelPackedSampleModel;
import java.awt.image.WritableRaster;

/** Direct access to the packed 0xRRGGBB pixels of TYPE_INT_RGB images. */
final class Pixels {

    private Pixels() {
    }

    /** True when the image's int array is exactly width×height pixels starting at 0 (not a sub-image view). */
    static boolean isCompactIntRgb(BufferedImage img) {
        if (img.getType() != BufferedImage.TYPE_INT_RGB) {
            return false;
        }
        WritableRaster r = img.getRaster();
        return r.getSampleModel() instanceof SinglePixelPackedSampleModel sm
                && sm.getScanlineStride() == img.getWidth()
                && r.getSampleModelTranslateX() == 0 && r.getSampleModelTranslateY() == 0
                && r.getDataBuffer().getOffset() == 0
                && r.getDataBuffer().getSize() == img.getWidth() * img.getHeight();
    }

    /** A compact TYPE_INT_RGB image: {@code img} itself when it is one, else an RGB copy (alpha dropped). */
    static BufferedImage compactIntRgb(BufferedImage img) {
        if (isCompactIntRgb(img)) {
            return img;
        }
        BufferedImage out = new BufferedImage(img.getWidth(), img.getHeight(), BufferedImage.TYPE_INT_RGB);
        int w = img.getWidth();
        int[] row = new int[w];
        int[] dst = data(out);
        for (int y = 0; y < img.getHeight(); y++) {
            img.getRGB(0, y, w, 1, row, 0, w);
            for (int x = 0; x < w; x++) {
                dst[y * w + x] = row[x] & 0xFFFFFF;
            }
        }
        return out;
    }

    static int[] data(BufferedImage compactIntRgb) {
        return ((DataBufferInt) compactIntRgb.getRaster().getDataBuffer()).getData();
    }
}
