package io.likeness.contracts.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.likeness.contracts.job.ErrorCodes;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;

class ImageInspectorTest {

    private final ImageInspector inspector = new ImageInspector();

    private ImageRejectedException rejection(ImageInspector i, byte[] bytes) {
        return catchThrowableOfType(ImageRejectedException.class, () -> i.inspect(bytes));
    }

    @Test
    void readsFormatAndSizeOfJpegAndPngFromTheHeader() {
        ImageInfo jpeg = inspector.inspect(TestImages.jpeg(TestImages.noise(120, 80, 1)));
        assertThat(jpeg).isEqualTo(new ImageInfo(ImageFormat.JPEG, 120, 80, 1, 120, 80));
        ImageInfo png = inspector.inspect(TestImages.png(TestImages.noise(33, 44, 2)));
        assertThat(png).isEqualTo(new ImageInfo(ImageFormat.PNG, 33, 44, 1, 33, 44));
    }

    @Test
    void pngWhoseHeaderClaims100kBy100kIsRejectedAsTooManyPixelsBeforeDecoding() {
        // The IDAT holds 4 KiB of zeros, nowhere near 10^10 pixels: decoding would fail as undecodable (or run out
        // of memory), so a 422 image_too_large proves the limit was applied from the header alone.
        byte[] bomb = TestImages.pngClaiming(100_000, 100_000);
        assertThat(bomb.length).isLessThan(200);
        ImageRejectedException e = rejection(inspector, bomb);
        assertThat(e.code()).isEqualTo(ErrorCodes.IMAGE_TOO_LARGE);
        assertThat(e.httpStatus()).isEqualTo(422);
        assertThat(e.getMessage()).isEqualTo(
                "the image is 100000×100000 = 10000 Mpx; the limit is 40 Mpx — downscale it");
    }

    @Test
    void tooManyPixelsMessageSaysHowBigTheImageIsAndWhatTheLimitIs() {
        ImageRejectedException e = rejection(inspector, TestImages.pngClaiming(30_000, 30_000));
        assertThat(e.getMessage()).isEqualTo("the image is 30000×30000 = 900 Mpx; the limit is 40 Mpx — downscale it");
    }

    @Test
    void imageJustOverThePixelLimitIsRejectedAndOneAtTheLimitIsNot() {
        ImageInspector small = new ImageInspector(ImageLimits.defaults().withMaxPixels(100 * 100));
        assertThat(small.inspect(TestImages.pngClaiming(100, 100)).pixels()).isEqualTo(10_000);
        ImageRejectedException e = rejection(small, TestImages.pngClaiming(100, 101));
        assertThat(e.code()).isEqualTo(ErrorCodes.IMAGE_TOO_LARGE);
        assertThat(e.getMessage()).contains("100×101", "the limit is");
    }

    @Test
    void overlongSideIsRejectedEvenUnderThePixelLimit() {
        ImageRejectedException e = rejection(inspector, TestImages.pngClaiming(20_000, 10));
        assertThat(e.code()).isEqualTo(ErrorCodes.IMAGE_TOO_LARGE);
        assertThat(e.httpStatus()).isEqualTo(422);
        assertThat(e.getMessage()).contains("20000×10", "12000 px");
    }

    @Test
    void oversizeUploadIsRejectedWith413BeforeItsContentIsLookedAt() {
        byte[] big = new byte[(int) ImageLimits.DEFAULT_MAX_BYTES + 1]; // zeros: not even an image
        ImageRejectedException e = rejection(inspector, big);
        assertThat(e.code()).isEqualTo(ErrorCodes.PAYLOAD_TOO_LARGE);
        assertThat(e.httpStatus()).isEqualTo(413);
        assertThat(e.getMessage()).isEqualTo("the upload is 20971521 bytes; the limit is 20971520 bytes (20 MiB)"
                + " — compress the image or reduce its resolution");
        assertThat(rejection(inspector, new byte[30 * 1024 * 1024]).getMessage())
                .startsWith("the upload is 30 MiB; the limit is 20 MiB —");

        byte[] png = TestImages.png(TestImages.noise(64, 64, 3));
        ImageInspector tight = new ImageInspector(ImageLimits.defaults().withMaxBytes(png.length - 1));
        assertThat(rejection(tight, png).httpStatus()).isEqualTo(413);
        assertThat(catchThrowableOfType(ImageRejectedException.class, () -> tight.checkSize(png.length)).code())
                .isEqualTo(ErrorCodes.PAYLOAD_TOO_LARGE);
    }

    @Test
    void textFileNamedLikeAPngIsUnsupported() {
        // What a client would upload as "portrait.png" with Content-Type image/png: only the bytes count.
        byte[] text = "portrait.png\nthis is not an image\n".getBytes(StandardCharsets.UTF_8);
        ImageRejectedException e = rejection(inspector, text);
        assertThat(e.code()).isEqualTo(ErrorCodes.UNSUPPORTED_MEDIA);
        assertThat(e.httpStatus()).isEqualTo(415);
        assertThat(e.getMessage()).isEqualTo("the upload is not an image we recognise; accepted formats are JPEG,"
                + " PNG, WebP (recognised by content, not by file name)");
    }

    @Test
    void otherImageFormatsAreNamedInTheRejection() {
        assertThat(rejection(inspector, "GIF89a\1\0\1\0".getBytes(StandardCharsets.ISO_8859_1)).getMessage())
                .startsWith("the upload is a GIF image;");
        assertThat(rejection(inspector, new byte[0]).getMessage()).startsWith("the upload is empty (0 bytes);");
    }

    @Test
    void formatOutsideTheConfiguredSetIsUnsupported() {
        ImageInspector jpegOnly = new ImageInspector(
                ImageLimits.defaults().withAcceptedFormats(EnumSet.of(ImageFormat.JPEG)));
        ImageRejectedException e = rejection(jpegOnly, TestImages.png(TestImages.noise(8, 8, 4)));
        assertThat(e.code()).isEqualTo(ErrorCodes.UNSUPPORTED_MEDIA);
        assertThat(e.getMessage()).contains("a PNG image", "accepted formats are JPEG (");
    }

    @Test
    void pngWithAMangledHeaderIsUndecodable() {
        byte[] png = TestImages.png(TestImages.noise(8, 8, 5));
        byte[] cut = Arrays.copyOf(png, 12); // signature and half a chunk header
        ImageRejectedException e = rejection(inspector, cut);
        assertThat(e.code()).isEqualTo(ErrorCodes.UNDECODABLE_IMAGE);
        assertThat(e.httpStatus()).isEqualTo(422);
    }

    @Test
    void jpegExifOrientationIsReportedWithTheDisplaySize() {
        byte[] jpeg = TestImages.withExif(TestImages.jpeg(TestImages.quadrants()), TestImages.exifTiff(6, true));
        ImageInfo info = inspector.inspect(jpeg);
        assertThat(info).isEqualTo(new ImageInfo(ImageFormat.JPEG, 64, 32, 6, 32, 64));
    }

    @Test
    void pngExifChunkOrientationIsReported() {
        byte[] png = TestImages.pngWithExif(TestImages.png(TestImages.quadrants()), TestImages.exifTiff(8, false));
        assertThat(inspector.inspect(png)).isEqualTo(new ImageInfo(ImageFormat.PNG, 64, 32, 8, 32, 64));
    }

    @Test
    void webpIsAcceptedWithItsSizeAndExifOrientation() {
        assertThat(inspector.inspect(TestImages.WEBP_LOSSLESS_1X1))
                .isEqualTo(new ImageInfo(ImageFormat.WEBP, 1, 1, 1, 1, 1));
        byte[] extended = TestImages.webpExtended(1, 1, TestImages.exifTiff(3, false));
        assertThat(inspector.inspect(extended).exifOrientation()).isEqualTo(3);
        byte[] tiff = TestImages.exifTiff(6, false);
        byte[] withPreamble = new byte[6 + tiff.length];
        System.arraycopy("Exif\0\0".getBytes(StandardCharsets.ISO_8859_1), 0, withPreamble, 0, 6);
        System.arraycopy(tiff, 0, withPreamble, 6, tiff.length);
        assertThat(inspector.inspect(TestImages.webpExtended(1, 1, withPreamble)).exifOrientation()).isEqualTo(6);
    }

    @Test
    void webpWhoseCanvasClaimsTooManyPixelsIsRejectedFromTheHeader() {
        ImageRejectedException e = rejection(inspector, TestImages.webpExtended(10_000, 10_000, null));
        assertThat(e.code()).isEqualTo(ErrorCodes.IMAGE_TOO_LARGE);
        assertThat(e.getMessage()).contains("10000×10000 = 100 Mpx");
    }

    @Test
    void brokenOrOutOfRangeExifCountsAsUprightAndDoesNotRejectTheImage() {
        byte[] jpeg = TestImages.jpeg(TestImages.quadrants());
        byte[] truncatedTiff = Arrays.copyOf(TestImages.exifTiff(6, false), 11); // IFD0 cut inside its entry
        assertThat(inspector.inspect(TestImages.withExif(jpeg, truncatedTiff)).exifOrientation()).isEqualTo(1);
        assertThat(inspector.inspect(TestImages.withExif(jpeg, TestImages.exifTiff(9, false))).exifOrientation())
                .isEqualTo(1);
    }
}
