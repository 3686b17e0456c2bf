package io.likeness.contracts.image;

import com.drew.imaging.jpeg.JpegMetadataReader;
import com.drew.metadata.Metadata;
import com.drew.metadata.exif.ExifIFD0Directory;
import com.drew.lang.ByteArrayReader;
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
 * <li>width and height from the header only ({@code ImageReader.getWidth/getHeight}), checked against the pixel
 * and then the side limit ({@code 422 image_too_large}); a header that cannot be read is {@code 422
 * undecodable_image};</li>
 * <li>the EXIF orientation (JPEG APP1, WebP EXIF chunk, PNG eXIf chunk) with metadata-extractor's EXIF reader
 * only — no XMP, ICC or compressed text is parsed. Unreadable metadata means orientation 1; it never rejects an
 * image.</li>
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
        if ((long) width * height > limits.maxPixels()) {
            throw ImageRejectedException.tooManyPixels(width, height, limits.maxPixels());
        }
        if (width > limits.maxSide() || height > limits.maxSide()) {
            throw ImageRejectedException.sideTooLong(width, height, limits.maxSide());
        }
        return ImageInfo.of(format, width, height, exifOrientation(format, bytes));
    }

    /** EXIF orientation 1..8 from the image's EXIF IFD0; 1 when there is none or it cannot be read. */
    static int exifOrientation(ImageFormat format, byte[] bytes) {
        try {
            Metadata metadata = switch (format) {
                case JPEG -> JpegMetadataReader.readMetadata(new ByteArrayInputStream(bytes),
                        List.of(new ExifReader()));
                case PNG -> pngExif(bytes);
                case WEBP -> webpExif(bytes);
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

    /**
     * The EXIF of a WebP's EXIF chunk, found by walking the RIFF chunks; the XMP and ICC chunks are not parsed.
     */
    private static Metadata webpExif(byte[] webp) {
        Metadata metadata = new Metadata();
        int pos = 12;
        while (pos + 8 <= webp.length) {
            long len = (webp[pos + 4] & 0xFFL) | ((webp[pos + 5] & 0xFF) << 8) | ((webp[pos + 6] & 0xFF) << 16)
                    | ((webp[pos + 7] & 0xFFL) << 24);
            if (pos + 8L + len > webp.length) {
                break;
            }
            if (webp[pos] == 'E' && webp[pos + 1] == 'X' && webp[pos + 2] == 'I' && webp[pos + 3] == 'F') {
                int start = pos + 8;
                int end = start + (int) len;
                if (len >= 6 && webp[start] == 'E' && webp[start + 1] == 'x' && webp[start + 2] == 'i'
                        && webp[start + 3] == 'f' && webp[start + 4] == 0 && webp[start + 5] == 0) {
                    start += 6; // some writers keep the JPEG APP1 preamble
                }
                byte[] tiff = java.util.Arrays.copyOfRange(webp, start, end);
                new ExifReader().extract(new ByteArrayReader(tiff), metadata);
                break;
            }
            pos += 8 + (int) (len + (len & 1));
        }
        return metadata;
    }

    /**
     * The EXIF of a PNG's eXIf chunk, found by walking the chunk framing. metadata-extractor's PngMetadataReader is
     * not used because it also inflates zTXt/iCCP chunks, which an upload could use as a decompression bomb.
     */
    private static Metadata pngExif(byte[] png) {
        Metadata metadata = new Metadata();
        int pos = 8;
        while (pos + 12 <= png.length) {
            long len = ((png[pos] & 0xFFL) << 24) | ((png[pos + 1] & 0xFF) << 16) | ((png[pos + 2] & 0xFF) << 8)
                    | (png[pos + 3] & 0xFF);
            if (pos + 12L + len > png.length) {
                break;
            }
            if (png[pos + 4] == 'e' && png[pos + 5] == 'X' && png[pos + 6] == 'I' && png[pos + 7] == 'f') {
                byte[] tiff = java.util.Arrays.copyOfRange(png, pos + 8, pos + 8 + (int) len);
                new ExifReader().extract(new ByteArrayReader(tiff), metadata);
                break;
            }
            if (png[pos + 4] == 'I' && png[pos + 5] == 'E' && png[pos + 6] == 'N' && png[pos + 7] == 'D') {
                break;
            }
            pos += 12 + (int) len;
        }
        return metadata;
    }
}
