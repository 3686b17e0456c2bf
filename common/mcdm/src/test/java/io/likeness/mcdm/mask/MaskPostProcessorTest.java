package io.likeness.mcdm.mask;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** ALGORITHMS.md Appendix D and the blur/resize helpers. */
class MaskPostProcessorTest {

    private static final MaskMap APPENDIX_D = new MaskMap(4, 4, new float[] {
        0.05f, 0.0495f, 0.048009f, 0.045557f,
        0.05f, 0.625f, 0.625f, 0.045557f,
        0.05f, 0.625f, 0.625f, 0.045557f,
        0.05f, 0.0495f, 0.048009f, 0.045557f});

    private static final float[] CENTRE = {0, 0, 0, 0, 0, 1, 1, 0, 0, 1, 1, 0, 0, 0, 0, 0};

    @Test
    void clampNormalisationOfAppendixD() {
        double mean = 0;
        for (float v : APPENDIX_D.values()) {
            mean += v;
        }
        assertThat(3 * mean / 16).isCloseTo(0.5769829370, within(1e-6));
        MaskMap s = MaskPostProcessor.normalize(APPENDIX_D, MaskNormalization.CLAMP_MEAN, 3.0);
        for (int y = 0; y < 4; y++) {
            for (int x = 0; x < 4; x++) {
                boolean centre = y >= 1 && y <= 2 && x >= 1 && x <= 2;
                if (centre) {
                    assertThat(s.get(y, x)).isEqualTo(1f);
                } else {
                    assertThat(s.get(y, x)).isBetween(0.078f, 0.087f);
                }
            }
        }
        assertThat(s.threshold(0.5).values()).containsExactly(CENTRE);
    }

    @Test
    void minMaxNormalisationWithThePaperThresholds() {
        MaskMap s = MaskPostProcessor.normalize(APPENDIX_D, MaskNormalization.MIN_MAX, 3.0);
        assertThat(s.get(1, 1)).isEqualTo(1f);
        assertThat(s.get(0, 3)).isEqualTo(0f);
        assertThat(s.threshold(MaskConfig.COSTUME_THRESHOLD).values()).containsExactly(CENTRE);
        assertThat(s.threshold(MaskConfig.EXPRESSION_THRESHOLD).values()).containsExactly(CENTRE);
    }

    @Test
    void gaussianBlurIsNormalisedSymmetricAndKeepsConstants() {
        double[] k = MaskPostProcessor.gaussianKernel(5, 1.1);
        assertThat(k[0] + k[1] + k[2] + k[3] + k[4]).isCloseTo(1.0, within(1e-12));
        assertThat(k[0]).isCloseTo(k[4], within(1e-15));
        assertThat(k[1] / k[2]).isCloseTo(Math.exp(-1 / (2 * 1.1 * 1.1)), within(1e-12));
        MaskMap flat = MaskMap.filled(6, 7, 0.3f);
        for (float v : MaskPostProcessor.blur(flat, 5, 1.1).values()) {
            assertThat(v).isCloseTo(0.3f, within(1e-6f));
        }
        float[] impulse = new float[49];
        impulse[24] = 1f;
        MaskMap b = MaskPostProcessor.blur(new MaskMap(7, 7, impulse), 5, 1.1);
        assertThat(b.get(3, 3)).isCloseTo((float) (k[2] * k[2]), within(1e-6f));
        assertThat(b.get(1, 3)).isCloseTo(b.get(5, 3), within(1e-7f)).isCloseTo(b.get(3, 1), within(1e-7f));
        assertThat(b.get(0, 0)).isZero();
        float sum = 0;
        for (float v : b.values()) {
            sum += v;
        }
        assertThat(sum).isCloseTo(1f, within(1e-5f));
        assertThat(MaskPostProcessor.reflect101(-2, 5)).isEqualTo(2);
        assertThat(MaskPostProcessor.reflect101(6, 5)).isEqualTo(2);
    }

    @Test
    void resizeKeepsBlocksAndConstants() {
        MaskMap centre = new MaskMap(4, 4, CENTRE);
        MaskMap up = centre.resize(16, 16);
        assertThat(up.get(7, 7)).isEqualTo(1f);
        assertThat(up.get(0, 0)).isEqualTo(0f);
        assertThat(up.threshold(0.5).coverage()).isBetween(0.2, 0.3);
        assertThat(MaskMap.filled(3, 5, 0.7f).resize(9, 2).values()).containsOnly(0.7f);
    }
}
