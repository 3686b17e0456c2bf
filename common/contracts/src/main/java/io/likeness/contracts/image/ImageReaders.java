package io.likeness.contracts.image;

import com.twelvemonkeys.imageio.stream.ByteArrayImageInputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/** Picks the ImageIO reader for a format: TwelveMonkeys for JPEG (CMYK/YCCK, ICC) and WebP, the JDK's for PNG. */
final class ImageReaders {

    private static volatile boolean rescanned;

    private ImageReaders() {
    }

    /**
     * A fresh reader with its input set to {@code bytes} (seek-forward-only); the caller disposes it.
     * {@code ignoreMetadata} is a hint that lets header-only reads skip metadata parsing.
     */
    static ImageReader open(ImageFormat format, byte[] bytes, boolean ignoreMetadata) {
        ImageReader reader = reader(format);
        ImageInputStream in = new ByteArrayImageInputStream(bytes);
        reader.setInput(in, true, ignoreMetadata);
        return reader;
    }

    static ImageReader reader(ImageFormat format) {
        ImageReader r = pick(format);
        if (r == null && !rescanned) {
            // Class-loader-isolated runtimes can initialise ImageIO before the plugin jars are visible.
            ImageIO.scanForPlugins();
            rescanned = true;
            r = pick(format);
        }
        if (r == null) {
            throw new IllegalStateException("no ImageIO reader for " + format
                    + " on the class path (TwelveMonkeys imageio-jpeg/imageio-webp missing?)");
        }
        return r;
    }

    private static ImageReader pick(ImageFormat format) {
        Iterator<ImageReader> it = ImageIO.getImageReadersByFormatName(format.imageIoName());
        List<ImageReader> all = new ArrayList<>();
        while (it.hasNext()) {
            all.add(it.next());
        }
        ImageReader chosen = null;
        if (format != ImageFormat.PNG) {
            for (ImageReader r : all) {
                if (r.getClass().getName().startsWith("com.twelvemonkeys.")) {
                    chosen = r;
                    break;
                }
            }
        }
        if (chosen == null && format != ImageFormat.WEBP && !all.isEmpty()) {
            chosen = all.get(0);
        }
        for (ImageReader r : all) {
            if (r != chosen) {
                r.dispose();
            }
        }
        return chosen;
    }
}
