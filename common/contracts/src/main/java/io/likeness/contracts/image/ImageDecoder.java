package io.likeness.contracts.image;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import javax.imageio.ImageReader;
import javax.imageio.event.IIOReadWarningListener;

/**
 * Decodes an inspected image to {@link BufferedImage#TYPE_INT_RGB} as it is meant to be seen: EXIF orientation
 * applied, transparency flattened onto white, greyscale replicated to RGB, CMYK/YCCK JPEGs converted by the
 * TwelveMonkeys reader. Truncated or corrupt data is an {@link ImageRejectedException} with
 * {@code undecodable_image}.
 */
public final class ImageDecoder {

    private ImageDecoder() {
    }

    /**
     * Decodes {@code bytes}, which {@code info} must describe (obtain it from {@link ImageInspector#inspect}; the
     * inspector's limits are what bound the memory this call uses).
     *
     * @return a TYPE_INT_RGB image of {@code info.displayWidth() × info.displayHeight()}
     * @throws ImageRejectedException   (422 undecodable_image) on truncated or corrupt data
     * @throws IllegalArgumentException when {@code info} was not obtained from these bytes
     */
    public static BufferedImage decodeOriented(byte[] bytes, ImageInfo info) {
        Objects.requireNonNull(bytes, "bytes");
        Objects.requireNonNull(info, "info");
        if (ImageFormat.sniff(bytes).orElse(null) != info.format()) {
            throw new IllegalArgumentException("the bytes are not a " + info.format() + " image as info says");
        }
        // PNG: ignoreMetadata makes the JDK reader skip (not inflate) text chunks while still honouring PLTE/tRNS.
        ImageReader reader = ImageReaders.open(info.format(), bytes, info.format() == ImageFormat.PNG);
        List<String> warnings = new ArrayList<>();
        IIOReadWarningListener listener = (source, warning) -> warnings.add(warning);
        reader.addIIOReadWarningListener(listener);
        BufferedImage decoded;
        try {
            int w;
            int h;
            try {
                w = reader.getWidth(0);
                h = reader.getHeight(0);
            } catch (IOException | RuntimeException e) {
                throw ImageRejectedException.undecodable("unreadable " + info.format().name() + " header", e);
            }
            if (w != info.width() || h != info.height()) {
                throw new IllegalArgumentException("info says " + info.width() + "x" + info.height()
                        + " but the header says " + w + "x" + h);
            }
            try {
                decoded = reader.read(0);
            } catch (IOException | RuntimeException e) {
                throw ImageRejectedException.undecodable(
                        info.format().name() + " data is invalid: " + e.getMessage(), e);
            }
        } finally {
            reader.dispose();
        }
        for (String w : warnings) {
            String lower = w == null ? "" : w.toLowerCase(Locale.ROOT);
            // libjpeg's JWRN_JPEG_EOF / JWRN_HIT_MARKER: the reader filled the missing rows with grey.
            if (lower.contains("premature end") || lower.contains("truncated")) {
                throw ImageRejectedException.undecodable(info.format().name() + " data ends early: " + w, null);
            }
        }
        if (decoded.getWidth() != info.width() || decoded.getHeight() != info.height()) {
            throw ImageRejectedException.undecodable("decoded size " + decoded.getWidth() + "×"
                    + decoded.getHeight() + " differs from the header's", null);
        }
        return applyOrientation(toRgbOnWhite(decoded), info.exifOrientation());
    }

    /**
     * Returns {@code image} as TYPE_INT_RGB (the same instance if it already is): alpha composited onto white;
     * greyscale samples copied to R, G and B as stored (JPEG/PNG greys are gamma-encoded, so no colour-space
     * conversion is applied, unlike Java2D's linear-grey model would).
     */
    public static BufferedImage toRgbOnWhite(BufferedImage image) {
        if (image.getType() == BufferedImage.TYPE_INT_RGB) {
            return image;
        }
        int w = image.getWidth();
        int h = image.getHeight();
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        ColorSpace cs = image.getColorModel().getColorSpace();
        if (cs.getType() == ColorSpace.TYPE_GRAY && image.getColorModel().getNumColorComponents() == 1) {
            Raster r = image.getRaster();
            boolean alpha = image.getColorModel().hasAlpha() && r.getNumBands() > 1;
            int[] data = Pixels.data(out);
            int bits = image.getColorModel().getComponentSize(0);
            int alphaBits = alpha ? image.getColorModel().getComponentSize(1) : 8;
            double grayMax = (1L << bits) - 1;
            double alphaMax = (1L << alphaBits) - 1;
            int[] g = new int[w];
            int[] a = new int[w];
            for (int y = 0; y < h; y++) {
                r.getSamples(0, y, w, 1, 0, g);
                if (alpha) {
                    r.getSamples(0, y, w, 1, 1, a);
                }
                for (int x = 0; x < w; x++) {
                    double v = g[x] * 255.0 / grayMax;
                    if (alpha) {
                        double al = a[x] / alphaMax;
                        v = v * al + 255.0 * (1 - al);
                    }
                    int b = (int) Math.round(Math.max(0, Math.min(255, v)));
                    data[y * w + x] = (b << 16) | (b << 8) | b;
                }
            }
            return out;
        }
        Graphics2D g = out.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, w, h);
            g.drawImage(image, 0, 0, null);
        } finally {
            g.dispose();
        }
        return out;
    }

    /**
     * Applies an EXIF orientation (1..8) to a TYPE_INT_RGB image, exactly (pixels are moved, not resampled).
     * Orientation 1 returns the same instance.
     */
    public static BufferedImage applyOrientation(BufferedImage rgb, int orientation) {
        if (rgb.getType() != BufferedImage.TYPE_INT_RGB) {
            throw new IllegalArgumentException("expected TYPE_INT_RGB, got type " + rgb.getType());
        }
        if (orientation < 1 || orientation > 8) {
            throw new IllegalArgumentException("EXIF orientation must be 1..8: " + orientation);
        }
        if (orientation == 1) {
            return rgb;
        }
        rgb = Pixels.compactIntRgb(rgb);
        int w = rgb.getWidth();
        int h = rgb.getHeight();
        boolean swap = orientation >= 5;
        int dw = swap ? h : w;
        int dh = swap ? w : h;
        int[] src = Pixels.data(rgb);
        BufferedImage out = new BufferedImage(dw, dh, BufferedImage.TYPE_INT_RGB);
        int[] dst = Pixels.data(out);
        for (int y = 0; y < dh; y++) {
            for (int x = 0; x < dw; x++) {
                // (sx, sy): the stored pixel shown at display position (x, y), per the EXIF 2.3 definitions of
                // where the stored 0th row and 0th column end up.
                int sx;
                int sy;
                switch (orientation) {
                    case 2 -> { sx = w - 1 - x; sy = y; }
                    case 3 -> { sx = w - 1 - x; sy = h - 1 - y; }
                    case 4 -> { sx = x; sy = h - 1 - y; }
                    case 5 -> { sx = y; sy = x; }
                    case 6 -> { sx = y; sy = h - 1 - x; }
                    case 7 -> { sx = w - 1 - y; sy = h - 1 - x; }
                    default -> { sx = w - 1 - y; sy = x; } // 8
                }
                dst[y * dw + x] = src[sy * w + sx];
            }
        }
        return out;
    }
}
