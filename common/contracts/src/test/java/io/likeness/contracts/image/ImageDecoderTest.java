package io.likeness.contracts.image;

import static io.likeness.contracts.image.TestImages.BLUE;
import static io.likeness.contracts.image.TestImages.GREEN;
import static io.likeness.contracts.image.TestImages.RED;
import static io.likeness.contracts.image.TestImages.YELLOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.likeness.contracts.job.ErrorCodes;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class ImageDecoderTest {

    private final ImageInspector inspector = new ImageInspector();

    private BufferedImage decode(byte[] bytes) {
        return ImageDecoder.decodeOriented(bytes, inspector.inspect(bytes));
    }

    /**
     * The stored image is 64×32 with red | green over blue | yellow. Expected corners of the displayed image
     * (top-left, top-right, bottom-left, bottom-right), written from the EXIF definitions of each orientation, not
     * from the implementation.
     */
    static Stream<Arguments> orientations() {
        return Stream.of(
                Arguments.of(1, 64, 32, new Color[] {RED, GREEN, BLUE, YELLOW}),    // as stored
                Arguments.of(2, 64, 32, new Color[] {GREEN, RED, YELLOW, BLUE}),    // mirrored left-right
                Arguments.of(3, 64, 32, new Color[] {YELLOW, BLUE, GREEN, RED}),    // rotated 180°
                Arguments.of(4, 64, 32, new Color[] {BLUE, YELLOW, RED, GREEN}),    // mirrored top-bottom
                Arguments.of(5, 32, 64, new Color[] {RED, BLUE, GREEN, YELLOW}),    // transposed
                Arguments.of(6, 32, 64, new Color[] {BLUE, RED, YELLOW, GREEN}),    // needs 90° clockwise
                Arguments.of(7, 32, 64, new Color[] {YELLOW, GREEN, BLUE, RED}),    // transversed
                Arguments.of(8, 32, 64, new Color[] {GREEN, YELLOW, RED, BLUE}));   // needs 90° counter-clockwise
    }

    @ParameterizedTest(name = "orientation {0}")
    @MethodSource("orientations")
    void jpegWithExifOrientationIsDecodedUpright(int orientation, int w, int h, Color[] corners) {
        byte[] jpeg = TestImages.withExif(TestImages.jpeg(TestImages.quadrants()),
                TestImages.exifTiff(orientation, false));
        BufferedImage img = decode(jpeg);
        assertThat(img.getType()).isEqualTo(BufferedImage.TYPE_INT_RGB);
        assertThat(img.getWidth()).isEqualTo(w);
        assertThat(img.getHeight()).isEqualTo(h);
        int[][] probes = {{w / 4, h / 4}, {3 * w / 4, h / 4}, {w / 4, 3 * h / 4}, {3 * w / 4, 3 * h / 4}};
        for (int i = 0; i < 4; i++) {
            int px = img.getRGB(probes[i][0], probes[i][1]);
            assertThat(TestImages.near(px, corners[i], 40))
                    .as("corner %d of orientation %d is %s, got %s", i, orientation, corners[i],
                            Arrays.toString(TestImages.rgb(px)))
                    .isTrue();
        }
    }

    @Test
    void orientationIsAppliedExactlyWithoutResampling() {
        BufferedImage noise = TestImages.noise(7, 5, 11);
        BufferedImage rotated = ImageDecoder.applyOrientation(noise, 6);
        assertThat(rotated.getWidth()).isEqualTo(5);
        assertThat(rotated.getHeight()).isEqualTo(7);
        // 90° clockwise: display (x, y) shows stored (y, h-1-x)
        for (int y = 0; y < 7; y++) {
            for (int x = 0; x < 5; x++) {
                assertThat(rotated.getRGB(x, y)).isEqualTo(noise.getRGB(y, 4 - x));
            }
        }
    }

    @Test
    void pngIsDecodedLosslessly() {
        BufferedImage noise = TestImages.noise(40, 30, 12);
        BufferedImage back = decode(TestImages.png(noise));
        assertThat(back.getRGB(0, 0, 40, 30, null, 0, 40)).containsExactly(noise.getRGB(0, 0, 40, 30, null, 0, 40));
    }

    @Test
    void transparencyIsFlattenedOntoWhite() {
        BufferedImage argb = new BufferedImage(2, 1, BufferedImage.TYPE_INT_ARGB);
        argb.setRGB(0, 0, 0x00FF0000); // fully transparent red
        argb.setRGB(1, 0, 0x80FF0000); // half-transparent red
        BufferedImage img = decode(TestImages.png(argb));
        assertThat(img.getType()).isEqualTo(BufferedImage.TYPE_INT_RGB);
        assertThat(TestImages.rgb(img.getRGB(0, 0))).containsExactly(255, 255, 255);
        assertThat(TestImages.rgb(img.getRGB(1, 0))).satisfies(p -> {
            assertThat(p[0]).isEqualTo(255);
            assertThat(p[1]).isBetween(125, 129);
            assertThat(p[2]).isBetween(125, 129);
        });
    }

    @Test
    void palettePngWithATransparentEntryIsDecodedWithItsPaletteAndFlattened() {
        byte[] r = {(byte) 200, 10, 0};
        byte[] g = {(byte) 100, 20, 0};
        byte[] b = {50, 30, 0};
        byte[] a = {(byte) 255, (byte) 255, 0};
        java.awt.image.IndexColorModel cm = new java.awt.image.IndexColorModel(2, 3, r, g, b, a);
        BufferedImage indexed = new BufferedImage(3, 1, BufferedImage.TYPE_BYTE_BINARY, cm);
        indexed.getRaster().setSamples(0, 0, 3, 1, 0, new int[] {0, 1, 2});
        byte[] png = TestImages.png(indexed);
        assertThat(PngWriter.chunkTypes(png)).contains("PLTE", "tRNS");
        BufferedImage img = decode(png);
        assertThat(TestImages.rgb(img.getRGB(0, 0))).containsExactly(200, 100, 50);
        assertThat(TestImages.rgb(img.getRGB(1, 0))).containsExactly(10, 20, 30);
        assertThat(TestImages.rgb(img.getRGB(2, 0))).containsExactly(255, 255, 255);
    }

    @Test
    void greyscaleImagesKeepTheirStoredGreyLevels() {
        BufferedImage grey = new BufferedImage(16, 16, BufferedImage.TYPE_BYTE_GRAY);
        grey.getRaster().setSamples(0, 0, 16, 16, 0, filledInts(256, 100));
        BufferedImage fromPng = decode(TestImages.png(grey));
        assertThat(TestImages.rgb(fromPng.getRGB(5, 5))).containsExactly(100, 100, 100);
        BufferedImage fromJpeg = decode(TestImages.jpeg(grey));
        for (int v : TestImages.rgb(fromJpeg.getRGB(5, 5))) {
            assertThat(v).isBetween(97, 103);
        }

        BufferedImage grey16 = new BufferedImage(4, 4, BufferedImage.TYPE_USHORT_GRAY);
        grey16.getRaster().setSamples(0, 0, 4, 4, 0, filledInts(16, 0x8080));
        assertThat(TestImages.rgb(decode(TestImages.png(grey16)).getRGB(1, 1))).containsExactly(128, 128, 128);
    }

    @Test
    void truncatedJpegIsUndecodable() {
        byte[] jpeg = TestImages.jpeg(TestImages.noise(256, 256, 13));
        byte[] cut = Arrays.copyOf(jpeg, jpeg.length / 2);
        ImageInfo info = inspector.inspect(cut); // the header is intact
        ImageRejectedException e = catchThrowableOfType(ImageRejectedException.class,
                () -> ImageDecoder.decodeOriented(cut, info));
        assertThat(e.code()).isEqualTo(ErrorCodes.UNDECODABLE_IMAGE);
        assertThat(e.httpStatus()).isEqualTo(422);
        assertThat(e.getMessage()).startsWith("the image cannot be decoded (");
    }

    @Test
    void truncatedPngIsUndecodable() {
        byte[] png = TestImages.png(TestImages.noise(128, 128, 14));
        byte[] cut = Arrays.copyOf(png, png.length / 2);
        ImageInfo info = inspector.inspect(cut);
        assertThat(catchThrowableOfType(ImageRejectedException.class, () -> ImageDecoder.decodeOriented(cut, info))
                .code()).isEqualTo(ErrorCodes.UNDECODABLE_IMAGE);
    }

    @Test
    void webpIsDecoded() {
        BufferedImage img = decode(TestImages.WEBP_LOSSLESS_1X1);
        assertThat(img.getType()).isEqualTo(BufferedImage.TYPE_INT_RGB);
        assertThat(img.getWidth()).isEqualTo(1);
        assertThat(img.getHeight()).isEqualTo(1);
    }

    @Test
    void infoOfOtherBytesIsAProgrammingError() {
        byte[] a = TestImages.png(TestImages.noise(8, 8, 15));
        byte[] b = TestImages.png(TestImages.noise(9, 8, 15));
        ImageInfo infoA = inspector.inspect(a);
        assertThatThrownBy(() -> ImageDecoder.decodeOriented(b, infoA)).isInstanceOf(IllegalArgumentException.class);
    }

    private static int[] filledInts(int n, int v) {
        int[] a = new int[n];
        Arrays.fill(a, v);
        return a;
    }
}
