package io.likeness.contracts.image;

import java.util.Collection;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * What an uploaded image may be. All checks happen before any pixel is decoded (see {@link ImageInspector}).
 *
 * @param maxBytes         largest accepted upload in bytes (default 20 MiB)
 * @param maxPixels        largest accepted width × height (default 40,000,000 = 40 Mpx; a decoded 40 Mpx image
 *                         is 160 MB as int RGB)
 * @param maxSide          largest accepted width or height in pixels (default 12,000)
 * @param acceptedFormats  the formats accepted (default JPEG, PNG, WebP)
 */
public record ImageLimits(long maxBytes, long maxPixels, int maxSide, Set<ImageFormat> acceptedFormats) {

    public static final long DEFAULT_MAX_BYTES = 20L * 1024 * 1024;
    public static final long DEFAULT_MAX_PIXELS = 40_000_000L;
    public static final int DEFAULT_MAX_SIDE = 12_000;

    public ImageLimits {
        if (maxBytes <= 0 || maxPixels <= 0 || maxSide <= 0) {
            throw new IllegalArgumentException("image limits must be positive: maxBytes=" + maxBytes
                    + ", maxPixels=" + maxPixels + ", maxSide=" + maxSide);
        }
        Objects.requireNonNull(acceptedFormats, "acceptedFormats");
        if (acceptedFormats.isEmpty()) {
            throw new IllegalArgumentException("at least one image format must be accepted");
        }
        acceptedFormats = Set.copyOf(EnumSet.copyOf((Collection<ImageFormat>) acceptedFormats));
    }

    /** 20 MiB, 40 Mpx, 12,000 px per side, JPEG/PNG/WebP. */
    public static ImageLimits defaults() {
        return new ImageLimits(DEFAULT_MAX_BYTES, DEFAULT_MAX_PIXELS, DEFAULT_MAX_SIDE,
                EnumSet.allOf(ImageFormat.class));
    }

    public ImageLimits withMaxBytes(long bytes) {
        return new ImageLimits(bytes, maxPixels, maxSide, acceptedFormats);
    }

    public ImageLimits withMaxPixels(long pixels) {
        return new ImageLimits(maxBytes, pixels, maxSide, acceptedFormats);
    }

    public ImageLimits withMaxSide(int side) {
        return new ImageLimits(maxBytes, maxPixels, side, acceptedFormats);
    }

    public ImageLimits withAcceptedFormats(Set<ImageFormat> formats) {
        return new ImageLimits(maxBytes, maxPixels, maxSide, formats);
    }

    public boolean accepts(ImageFormat format) {
        return acceptedFormats.contains(format);
    }

    /** The accepted formats in a stable order, e.g. "JPEG, PNG, WebP". */
    String acceptedFormatsText() {
        StringBuilder sb = new StringBuilder();
        for (ImageFormat f : ImageFormat.values()) {
            if (acceptedFormats.contains(f)) {
                if (!sb.isEmpty()) {
                    sb.append(", ");
                }
                sb.append(f == ImageFormat.WEBP ? "WebP" : f.name());
            }
        }
        return sb.toString();
    }
}
