package io.likeness.contracts.image;

import java.util.Objects;

/**
 * What {@link ImageInspector} learned from an image's header without decoding it.
 *
 * @param format          the format recognised from the magic bytes
 * @param width           stored width in pixels
 * @param height          stored height in pixels
 * @param exifOrientation EXIF orientation 1..8 (1 when absent or unreadable)
 * @param displayWidth    width after the orientation is applied (= height for orientations 5..8)
 * @param displayHeight   height after the orientation is applied
 */
public record ImageInfo(ImageFormat format, int width, int height, int exifOrientation, int displayWidth,
        int displayHeight) {

    public ImageInfo {
        Objects.requireNonNull(format, "format");
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("dimensions must be positive: " + width + "x" + height);
        }
        if (exifOrientation < 1 || exifOrientation > 8) {
            throw new IllegalArgumentException("EXIF orientation must be 1..8: " + exifOrientation);
        }
        boolean swaps = exifOrientation >= 5;
        if (displayWidth != (swaps ? height : width) || displayHeight != (swaps ? width : height)) {
            throw new IllegalArgumentException("display size " + displayWidth + "x" + displayHeight
                    + " does not follow from " + width + "x" + height + " and orientation " + exifOrientation);
        }
    }

    /** Derives the display size from the stored size and the orientation. */
    public static ImageInfo of(ImageFormat format, int width, int height, int exifOrientation) {
        boolean swaps = exifOrientation >= 5;
        return new ImageInfo(format, width, height, exifOrientation, swaps ? height : width,
                swaps ? width : height);
    }

    public long pixels() {
        return (long) width * height;
    }
}
