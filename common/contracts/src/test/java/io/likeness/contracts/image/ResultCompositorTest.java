package io.likeness.contracts.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.likeness.contracts.events.CropBox;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ResultCompositorTest {

    private static final int M = 128;

    /** 1 on model pixels [lo, hi) × [lo, hi), 0 elsewhere. */
    private static float[] squareMask(int lo, int hi) {
        float[] mask = new float[M * M];
        for (int y = lo; y < hi; y++) {
            Arrays.fill(mask, y * M + lo, y * M + hi, 1f);
        }
        return mask;
    }

    @Test
    void pixelsBeyondTheFeatherRadiusAndOutsideTheCropAreIdenticalAndMaskedPixelsChange() {
        BufferedImage original = TestImages.noise(700, 512, 21); // crop (94, 0, 512): 4 output px per model px
        FramedImage framed = ModelFraming.frame(original, M);
        CropBox crop = framed.crop();
        assertThat(crop).isEqualTo(new CropBox(94, 0, 512));
        BufferedImage edited = TestImages.filled(M, M, Color.MAGENTA);
        float[] mask = squareMask(48, 80); // output px [192, 320) of the crop
        Feather feather = Feather.DEFAULT;
        int scale = crop.size() / M;
        int radius = feather.radiusOutputPixels(crop.size(), M);
        assertThat(radius).isEqualTo(12);

        BufferedImage out = ResultCompositor.composite(original, edited, mask, crop, feather);

        assertThat(out.getWidth()).isEqualTo(700);
        assertThat(out.getHeight()).isEqualTo(512);
        int reach = scale + radius; // bilinear enlargement reaches one model pixel, the Gaussian its radius
        int identical = 0;
        int changed = 0;
        for (int y = 0; y < 512; y++) {
            for (int x = 0; x < 700; x++) {
                int cx = x - crop.x();
                boolean outsideCrop = cx < 0 || cx >= crop.size();
                boolean farFromMask = cx < 192 - reach || cx >= 320 + reach || y < 192 - reach || y >= 320 + reach;
                boolean insideMask = cx >= 192 + reach && cx < 320 - reach && y >= 192 + reach && y < 320 - reach;
                if (outsideCrop || farFromMask) {
                    assertThat(out.getRGB(x, y)).as("pixel %d,%d", x, y).isEqualTo(original.getRGB(x, y));
                    identical++;
                } else if (insideMask) {
                    assertThat(out.getRGB(x, y) & 0xFFFFFF).as("pixel %d,%d", x, y).isEqualTo(0xFF00FF);
                    changed++;
                }
            }
        }
        assertThat(identical).isGreaterThan(300_000);
        assertThat(changed).isGreaterThan(8_000);
    }

    @Test
    void featheredEdgeBlendsGradually() {
        BufferedImage original = TestImages.filled(512, 512, Color.BLACK);
        BufferedImage out = ResultCompositor.composite(original, TestImages.filled(M, M, Color.WHITE),
                squareMask(48, 80), new CropBox(0, 0, 512), Feather.DEFAULT);
        // along row 256 the red channel rises monotonically from 0 to 255 across the left edge at x = 192
        int previous = 0;
        int intermediate = 0;
        for (int x = 150; x < 256; x++) {
            int r = (out.getRGB(x, 256) >> 16) & 0xFF;
            assertThat(r).isGreaterThanOrEqualTo(previous);
            if (r > 0 && r < 255) {
                intermediate++;
            }
            previous = r;
        }
        assertThat(previous).isEqualTo(255);
        assertThat(intermediate).isGreaterThan(10);
    }

    @Test
    void allZeroMaskReturnsTheOriginalByteForByte() {
        BufferedImage original = TestImages.noise(300, 200, 22);
        CropBox crop = ModelFraming.centredSquare(300, 200);
        BufferedImage out = ResultCompositor.composite(original, TestImages.noise(M, M, 23), new float[M * M], crop,
                Feather.DEFAULT);
        assertThat(out.getRGB(0, 0, 300, 200, null, 0, 300)).containsExactly(original.getRGB(0, 0, 300, 200, null, 0, 300));
    }

    @Test
    void pixelsWhoseQuantisedMaskIsZeroAreIdenticalWhateverTheMaskShape() {
        BufferedImage original = TestImages.noise(333, 250, 24);
        CropBox crop = ModelFraming.centredSquare(333, 250);
        float[] mask = new float[M * M];
        java.util.Random r = new java.util.Random(25);
        for (int i = 0; i < mask.length; i++) {
            mask[i] = r.nextFloat() < 0.05 ? r.nextFloat() : 0f; // sparse speckles of any strength
        }
        BufferedImage out = ResultCompositor.composite(original, TestImages.noise(M, M, 26), mask, crop,
                Feather.DEFAULT);
        BufferedImage q = ModelFraming.unframeMask(mask, M, crop, 333, 250, Feather.DEFAULT);
        int zeros = 0;
        int full = 0;
        for (int y = 0; y < 250; y++) {
            for (int x = 0; x < 333; x++) {
                int a = q.getRaster().getSample(x, y, 0);
                if (a == 0) {
                    assertThat(out.getRGB(x, y)).isEqualTo(original.getRGB(x, y));
                    zeros++;
                } else if (a == 255) {
                    full++;
                }
            }
        }
        assertThat(zeros).isGreaterThan(0);
        assertThat(zeros).isLessThan(333 * 250);
        assertThat(full).isZero(); // speckles blurred by the feather never reach full strength
    }

    @Test
    void editIsFadedTowardsCropEdgesInsideTheImageButNotAtTheImageBorder() {
        BufferedImage original = TestImages.filled(700, 512, Color.BLACK);
        CropBox crop = ModelFraming.centredSquare(700, 512);
        float[] all = new float[M * M];
        Arrays.fill(all, 1f);
        BufferedImage q = ModelFraming.unframeMask(all, M, crop, 700, 512, Feather.DEFAULT);
        int mid = 256;
        assertThat(q.getRaster().getSample(crop.x(), mid, 0)).isLessThan(20);           // left crop edge: inside
        assertThat(q.getRaster().getSample(crop.x() + crop.size() - 1, mid, 0)).isLessThan(20);
        assertThat(q.getRaster().getSample(crop.x() + 256, 0, 0)).isEqualTo(255);       // top edge: image border
        assertThat(q.getRaster().getSample(crop.x() + 256, mid, 0)).isEqualTo(255);
        assertThat(q.getRaster().getSample(crop.x() - 1, mid, 0)).isZero();
    }

    @Test
    void unmaskedCompositeReplacesExactlyTheCropBox() {
        BufferedImage original = TestImages.noise(400, 300, 27);
        CropBox crop = ModelFraming.centredSquare(400, 300);
        BufferedImage out = ResultCompositor.compositeUnmasked(original, TestImages.filled(M, M, Color.CYAN), crop);
        for (int y = 0; y < 300; y++) {
            for (int x = 0; x < 400; x++) {
                boolean inside = x >= crop.x() && x < crop.x() + crop.size();
                if (inside) {
                    assertThat(out.getRGB(x, y) & 0xFFFFFF).isEqualTo(0x00FFFF);
                } else {
                    assertThat(out.getRGB(x, y)).isEqualTo(original.getRGB(x, y));
                }
            }
        }
    }

    @Test
    void editIsEnlargedSmoothlyToTheCropSize() {
        // a horizontal ramp at model resolution stays a monotone ramp after bicubic enlargement
        BufferedImage ramp = new BufferedImage(M, M, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < M; y++) {
            for (int x = 0; x < M; x++) {
                int v = x * 2;
                ramp.setRGB(x, y, (v << 16) | (v << 8) | v);
            }
        }
        BufferedImage out = ResultCompositor.compositeUnmasked(TestImages.filled(384, 384, Color.BLACK), ramp,
                new CropBox(0, 0, 384));
        int previous = -1;
        for (int x = 0; x < 384; x++) {
            int v = out.getRGB(x, 100) & 0xFF;
            assertThat(v).isGreaterThanOrEqualTo(previous);
            previous = v;
        }
        assertThat(out.getRGB(0, 100) & 0xFF).isLessThanOrEqualTo(1);
        assertThat(out.getRGB(383, 100) & 0xFF).isGreaterThanOrEqualTo(253);
    }

    @Test
    void cropOutsideTheImageOrWrongMaskSizeIsRejected() {
        BufferedImage original = TestImages.noise(100, 100, 28);
        BufferedImage edited = TestImages.noise(M, M, 29);
        assertThatThrownBy(() -> ResultCompositor.composite(original, edited, new float[M * M],
                new CropBox(10, 0, 100), Feather.DEFAULT)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ResultCompositor.composite(original, edited, new float[64 * 64],
                new CropBox(0, 0, 100), Feather.DEFAULT)).isInstanceOf(IllegalArgumentException.class);
    }
}
