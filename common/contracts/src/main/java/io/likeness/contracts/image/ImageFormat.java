package io.likeness.contracts.image;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The image formats the service can decode. A format is recognised only from the file's leading bytes (its
 * "magic"), never from a declared content type or file name.
 */
public enum ImageFormat {
    JPEG("image/jpeg", "jpeg"),
    PNG("image/png", "png"),
    WEBP("image/webp", "webp");

    private final String mediaType;
    private final String imageIoName;

    ImageFormat(String mediaType, String imageIoName) {
        this.mediaType = mediaType;
        this.imageIoName = imageIoName;
    }

    /** The IANA media type, e.g. {@code image/jpeg}. */
    public String mediaType() {
        return mediaType;
    }

    /** The javax.imageio format name used to look up a reader. */
    String imageIoName() {
        return imageIoName;
    }

    /** The format the bytes start with, if it is one of ours. */
    public static Optional<ImageFormat> sniff(byte[] bytes) {
        if (startsWith(bytes, 0, 0xFF, 0xD8, 0xFF)) {
            return Optional.of(JPEG);
        }
        if (startsWith(bytes, 0, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) {
            return Optional.of(PNG);
        }
        if (startsWith(bytes, 0, 'R', 'I', 'F', 'F') && startsWith(bytes, 8, 'W', 'E', 'B', 'P')) {
            return Optional.of(WEBP);
        }
        return Optional.empty();
    }

    /**
     * A human name for content that is not one of ours, for error messages ("a GIF image", "a PDF document"), or
     * {@code "not an image we recognise"}.
     */
    static String describeOther(byte[] bytes) {
        if (bytes.length == 0) {
            return "empty (0 bytes)";
        }
        if (startsWith(bytes, 0, 'G', 'I', 'F', '8')) {
            return "a GIF image";
        }
        if (startsWith(bytes, 0, 'B', 'M')) {
            return "a BMP image";
        }
        if (startsWith(bytes, 0, 'I', 'I', 0x2A, 0x00) || startsWith(bytes, 0, 'M', 'M', 0x00, 0x2A)) {
            return "a TIFF (or camera raw) image";
        }
        if (startsWith(bytes, 4, 'f', 't', 'y', 'p') && bytes.length >= 12) {
            String brand = new String(bytes, 8, 4, StandardCharsets.US_ASCII);
            if (brand.startsWith("avi")) {
                return "an AVIF image";
            }
            if (brand.startsWith("hei") || brand.startsWith("hev") || brand.equals("mif1") || brand.equals("msf1")) {
                return "a HEIC/HEIF image";
            }
            return "an ISO media file (" + brand.replaceAll("[^A-Za-z0-9]", "?") + ")";
        }
        if (startsWith(bytes, 0, '%', 'P', 'D', 'F')) {
            return "a PDF document";
        }
        String head = new String(bytes, 0, Math.min(bytes.length, 256), StandardCharsets.ISO_8859_1).stripLeading()
                .toLowerCase(java.util.Locale.ROOT);
        if (head.startsWith("<svg") || (head.startsWith("<?xml") && head.contains("<svg"))) {
            return "an SVG drawing";
        }
        return "not an image we recognise";
    }

    private static boolean startsWith(byte[] bytes, int offset, int... magic) {
        if (bytes.length < offset + magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if ((bytes[offset + i] & 0xFF) != magic[i]) {
                return false;
            }
        }
        return true;
    }
}
