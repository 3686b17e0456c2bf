package io.likeness.maskworker;

import io.likeness.contracts.image.PngWriter;
import java.awt.image.BufferedImage;
import java.util.Map;

final class Images {

    private Images() {
    }

    /** A deterministic colourful RGB test picture. */
    static BufferedImage picture(int width, int height) {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                img.setRGB(x, y, ((x * 255 / width) << 16) | ((y * 255 / height) << 8) | ((x ^ y) & 0xff));
            }
        }
        return img;
    }

    static byte[] png(BufferedImage img) {
        return PngWriter.write(img, Map.of());
    }
}
