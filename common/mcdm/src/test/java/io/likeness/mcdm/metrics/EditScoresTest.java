package io.likeness.mcdm.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

class EditScoresTest {

    @Test
    void damageOutsideTheChangedRegionShowsInTheUnchangedScores() {
        BufferedImage target = MetricsAppendixCTest.image(false);
        int n = MetricsAppendixCTest.N;
        boolean[] changed = new boolean[n * n];
        for (int y = 4; y < 8; y++) {
            for (int x = 4; x < 8; x++) {
                changed[y * n + x] = true;
            }
        }
        // output = target except inside the changed region: perfect on the unchanged pixels
        BufferedImage inside = copy(target);
        for (int i = 0; i < changed.length; i++) {
            if (changed[i]) {
                inside.setRGB(i % n, i / n, 0x000000);
            }
        }
        EditScores a = EditScores.of(inside, target, changed, changed);
        assertThat(a.psnrUnchanged()).isInfinite();
        assertThat(a.psnr()).isFinite();
        assertThat(a.ssim()).isLessThan(1.0);
        assertThat(a.mask().iou()).isEqualTo(1.0);

        // the same damage moved outside the changed region
        BufferedImage outside = copy(target);
        for (int y = 9; y < 13; y++) {
            for (int x = 9; x < 13; x++) {
                outside.setRGB(x, y, 0x000000);
            }
        }
        boolean[] predicted = new boolean[n * n];
        predicted[4 * n + 4] = true;
        EditScores b = EditScores.of(outside, target, changed, predicted);
        // all damage lies in the unchanged region, which has fewer pixels: higher MSE there, lower PSNR
        assertThat(b.psnrUnchanged()).isFinite().isLessThan(b.psnr());
        assertThat(b.ssimUnchanged()).isLessThan(1.0);
        assertThat(b.mask().precision()).isEqualTo(1.0);
        assertThat(b.mask().recall()).isCloseTo(1.0 / 16, within(1e-12));
        assertThat(EditScores.of(target, target, changed, null).mask()).isNull();
        assertThat(EditScores.of(target, target, changed, null).ssim()).isCloseTo(1.0, within(1e-12));
    }

    private static BufferedImage copy(BufferedImage src) {
        BufferedImage c = new BufferedImage(src.getWidth(), src.getHeight(), BufferedImage.TYPE_INT_RGB);
        c.getGraphics().drawImage(src, 0, 0, null);
        return c;
    }
}
