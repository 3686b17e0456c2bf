package io.likeness.contracts.image;

import io.likeness.contracts.job.ErrorCodes;
import java.util.Locale;

/**
 * An upload the service will not process, with a stable {@link ErrorCodes error code}, the HTTP status the
 * gateway answers with, and a message the user can act on.
 *
 * <ul>
 * <li>413 {@link ErrorCodes#PAYLOAD_TOO_LARGE}: more bytes than {@link ImageLimits#maxBytes()}</li>
 * <li>415 {@link ErrorCodes#UNSUPPORTED_MEDIA}: not JPEG/PNG/WebP by its magic bytes, or a format not accepted</li>
 * <li>422 {@link ErrorCodes#IMAGE_TOO_LARGE}: too many pixels or a side too long (checked from the header)</li>
 * <li>422 {@link ErrorCodes#UNDECODABLE_IMAGE}: truncated or corrupt data</li>
 * </ul>
 */
public final class ImageRejectedException extends RuntimeException {

    public static final int STATUS_PAYLOAD_TOO_LARGE = 413;
    public static final int STATUS_UNSUPPORTED_MEDIA_TYPE = 415;
    public static final int STATUS_UNPROCESSABLE = 422;

    private final String code;
    private final int httpStatus;

    public ImageRejectedException(String code, int httpStatus, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
        this.httpStatus = httpStatus;
    }

    /** One of the {@link ErrorCodes} constants. */
    public String code() {
        return code;
    }

    /** 413, 415 or 422. */
    public int httpStatus() {
        return httpStatus;
    }

    public static ImageRejectedException payloadTooLarge(long bytes, long maxBytes) {
        String actual = bytesText(bytes);
        String limit = bytesText(maxBytes);
        if (actual.equals(limit)) { // just over: rounding would make them look equal
            actual = bytes + " bytes";
            limit = maxBytes + " bytes (" + limit + ")";
        }
        return new ImageRejectedException(ErrorCodes.PAYLOAD_TOO_LARGE, STATUS_PAYLOAD_TOO_LARGE,
                "the upload is " + actual + "; the limit is " + limit
                        + " — compress the image or reduce its resolution", null);
    }

    public static ImageRejectedException unsupported(String what, ImageLimits limits) {
        return new ImageRejectedException(ErrorCodes.UNSUPPORTED_MEDIA, STATUS_UNSUPPORTED_MEDIA_TYPE,
                "the upload is " + what + "; accepted formats are " + limits.acceptedFormatsText()
                        + " (recognised by content, not by file name)", null);
    }

    public static ImageRejectedException tooManyPixels(int width, int height, long maxPixels) {
        return new ImageRejectedException(ErrorCodes.IMAGE_TOO_LARGE, STATUS_UNPROCESSABLE,
                "the image is " + width + "×" + height + " = " + mpx((long) width * height) + "; the limit is "
                        + mpx(maxPixels) + " — downscale it", null);
    }

    public static ImageRejectedException sideTooLong(int width, int height, int maxSide) {
        return new ImageRejectedException(ErrorCodes.IMAGE_TOO_LARGE, STATUS_UNPROCESSABLE,
                "the image is " + width + "×" + height + "; no side may exceed " + maxSide
                        + " px — downscale it", null);
    }

    public static ImageRejectedException undecodable(String detail, Throwable cause) {
        return new ImageRejectedException(ErrorCodes.UNDECODABLE_IMAGE, STATUS_UNPROCESSABLE,
                "the image cannot be decoded (" + detail + ") — it may be truncated or corrupt; re-export it and"
                        + " upload again", cause);
    }

    static String mpx(long pixels) {
        double m = pixels / 1_000_000.0;
        String s = m >= 10 ? String.format(Locale.ROOT, "%.0f", m) : String.format(Locale.ROOT, "%.1f", m);
        if (s.endsWith(".0")) {
            s = s.substring(0, s.length() - 2);
        }
        return s + " Mpx";
    }

    static String bytesText(long bytes) {
        if (bytes < 1024 * 1024) {
            return bytes + " bytes";
        }
        String s = String.format(Locale.ROOT, "%.1f", bytes / (1024.0 * 1024.0));
        if (s.endsWith(".0")) {
            s = s.substring(0, s.length() - 2);
        }
        return s + " MiB";
    }
}
