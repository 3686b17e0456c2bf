package io.likeness.contracts.image;

import static org.assertj.core.api.Assertions.assertThat;

import io.likeness.contracts.events.CropBox;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

class ModelFramingTest {

    @Test
    void landscapeIsCroppedToItsCentredSquare() {
        FramedImage f = ModelFraming.frame(TestImages.noise(400, 300, 1), 128);
        assertThat(f.crop()).isEqualTo(new CropBox(50, 0, 300));
        assertThat(f.modelSize()).isEqualTo(128);
        assertThat(f.modelInput().getHeight()).isEqualTo(128);
        assertThat(f.modelInput().getType()).isEqualTo(BufferedImage.TYPE_INT_RGB);
    }

    @Test
    void portraitIsCroppedToItsCentredSquare() {
        assertThat(ModelFraming.frame(TestImages.noise(300, 400, 2), 128).crop()).isEqualTo(new CropBox(0, 50, 300));
    }

    @Test
    void squareIsKeptWhole() {
        assertThat(ModelFraming.frame(TestImages.noise(256, 256, 3)).crop()).isEqualTo(new CropBox(0, 0, 256));
    }

    @Test
    void oddLeftoverPixelGoesToTheRightOrBottom() {
        assertThat(ModelFraming.centredSquare(301, 200)).isEqualTo(new CropBox(50, 0, 200));
        assertThat(ModelFraming.centredSquare(200, 203)).isEqualTo(new CropBox(0, 1, 200));
    }

    @Test
    void modelInputShowsOnlyTheCrop() {
        // red margins left and right, a green centre square: the model must see green only
        BufferedImage img = TestImages.filled(500, 300, Color.RED);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.GREEN);
        g.fillRect(100, 0, 300, 300);
        g.dispose();
        BufferedImage in = ModelFraming.frame(img, 128).modelInput();
        for (int y = 0; y < 128; y++) {
            for (int x = 0; x < 128; x++) {
                assertThat(in.getRGB(x, y) & 0xFFFFFF).isEqualTo(0x00FF00);
            }
        }
    }

    @Test
    void downscalingAveragesInsteadOfAliasing() {
        // A one-pixel checkerboard has no content at the model's resolution: a correct reduction is flat mid-grey,
        // point sampling would give pure black or white, and an unfiltered bilinear reduction moiré.
        int n = 1000;
        BufferedImage board = new BufferedImage(n, n, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < n; y++) {
            for (int x = 0; x < n; x++) {
                board.setRGB(x, y, ((x + y) & 1) == 0 ? 0xFFFFFF : 0);
            }
        }
        BufferedImage in = ModelFraming.frame(board, 128).modelInput();
        for (int y = 0; y < 128; y++) {
            for (int x = 0; x < 128; x++) {
                for (int v : TestImages.rgb(in.getRGB(x, y))) {
                    assertThat(v).isBetween(124, 131);
                }
            }
        }
    }

    @Test
    void sameSizeFramingIsLossless() {
        BufferedImage noise = TestImages.noise(128, 128, 4);
        BufferedImage in = ModelFraming.frame(noise, 128).modelInput();
        assertThat(in.getRGB(0, 0, 128, 128, null, 0, 128)).containsExactly(noise.getRGB(0, 0, 128, 128, null, 0, 128));
    }

    @Test
    void imageSmallerThanTheModelIsEnlarged() {
        FramedImage f = ModelFraming.frame(TestImages.filled(80, 64, TestImages.BLUE), 128);
        assertThat(f.crop()).isEqualTo(new CropBox(8, 0, 64));
        assertThat(TestImages.near(f.modelInput().getRGB(64, 64), TestImages.BLUE, 0)).isTrue();
    }
}
