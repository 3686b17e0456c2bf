package io.likeness.contracts.image;

import com.drew.imaging.jpeg.JpegMetadataReader;
import com.drew.imaging.png.PngMetadataReader;
import com.drew.imaging.webp.WebpMetadataReader;
import com.drew.metadata.Metadata;
import com.drew.metadata.exif.ExifIFD0Directory;
import com.drew.metadata.exif.ExifReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
import java.util.Objects;
import javax.imageio.ImageReader;

/**
 * Validates an upload cheaply and in a safe order, before any pixel is decoded:
 * <ol>
 * <li>size in bytes ({@code 413 payload_too_large});</li>
 * <li>format from the magic bytes — the declared content type and file name are ignored
 * ({@code 415 unsupported_media_type});</li>
 * <li>width and height from the header only ({@code ImageReader.getWidth/getHeight}), checked against the side
 * and pixel limits ({@code 422 image_too_large}); a header that cannot be read is {@code 422
 * undecodable_image};</li>
 * <li>the EXIF orientation (JPEG APP1, WebP EXIF chunk, PNG eXIf chunk). Unreadable metadata means orientation 1;
 * it never rejects an image.</li>
 * </ol>
 * Thread-safe.
 */
public final class ImageInspector {

    private final ImageLimits limits;

    public ImageInspector() {
        this(ImageLimits.defaults());
    }

    public ImageInspector(ImageLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    public ImageLimits limits() {
        return limits;
    }

    /**
     * Rejects a declared size (e.g. Content-Length) before the body is read.
     *
     * @throws ImageRejectedException 413 when {@code bytes} exceeds the limit
     */
    public void checkSize(long bytes) {
        if (bytes > limits.maxBytes()) {
            throw ImageRejectedException.payloadTooLarge(bytes, limits.maxBytes());
        }
    }

    /**
     * @throws ImageRejectedException when the image is too big, of an unsupported type, over the pixel limits or
     *                                has an unreadable header
     */
    public ImageInfo inspect(byte[] bytes) {
        Objects.requireNonNull(bytes, "bytes");
        checkSize(bytes.length);
        ImageFormat format = ImageFormat.sniff(bytes)
                .orElseThrow(() -> ImageRejectedException.unsupported(ImageFormat.describeOther(bytes), limits));
        if (!limits.accepts(format)) {
            throw ImageRejectedException.unsupported("a " + format.name() + " image", limits);
        }
        int width;
        int height;
        ImageReader reader = ImageReaders.open(format, bytes, true);
        try {
            width = reader.getWidth(0);
            height = reader.getHeight(0);
        } catch (IOException | RuntimeException e) {
            throw ImageRejectedException.undecodable("unreadable " + format.name() + " header", e);
        } finally {
            reader.dispose();
        }
        if (width <= 0 || height <= 0) {
            throw ImageRejectedException.undecodable("header gives a size of " + width + "×" + height, null);
        }
        if (width > limits.maxSide() || height > limits.maxSide()) {
            throw ImageRejectedException.sideTooLong(width, height, limits.maxSide());
        }
        if ((long) width * height > limits.maxPixels()) {
            throw ImageRejectedException.tooManyPixels(width, height, limits.maxPixels());
        }
        return ImageInfo.of(format, width, height, exifOrientation(format, bytes));
    }

    /** EXIF orientation 1..8 from the image's EXIF IFD0; 1 when there is none or it cannot be read. */
    static int exifOrientation(ImageFormat format, byte[] bytes) {
        try {
            ByteArrayInputStream in = new ByteArrayInputStream(bytes);
            Metadata metadata = switch (format) {
                case JPEG -> JpegMetadataReader.readMetadata(in, List.of(new ExifReader()));
                case PNG -> PngMetadataReader.readMetadata(in);
                case WEBP -> WebpMetadataReader.readMetadata(in);
            };
            for (ExifIFD0Directory dir : metadata.getDirectoriesOfType(ExifIFD0Directory.class)) {
                Integer o = dir.getInteger(ExifIFD0Directory.TAG_ORIENTATION);
                if (o != null) {
                    return o >= 1 && o <= 8 ? o : 1;
                }
            }
            return 1;
        } catch (Exception | StackOverflowError e) {
            // Broken metadata must not make an otherwise decodable image unusable; browsers ignore it too.
            return 1;
        }
    }
}
