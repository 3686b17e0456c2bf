package io.likeness.mcdm.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

/** ALGORITHMS.md Appendix C test vectors (verified there with scikit-image 0.19.3 / scipy 1.10). */
class MetricsAppendixCTest {

    static final int N = 16;

    static int v1(int x, int y, int c) {
        return (13 * x + 7 * y + 50 * c) % 256;
    }

    static int v2(int x, int y, int c) {
        return Math.max(0, Math.min(255, v1(x, y, c) + ((x * y + c) % 11) - 5));
    }

    static BufferedImage image(boolean second) {
        BufferedImage img = new BufferedImage(N, N, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < N; y++) {
            for (int x = 0; x < N; x++) {
                int r = second ? v2(x, y, 0) : v1(x, y, 0);
                int g = second ? v2(x, y, 1) : v1(x, y, 1);
                int b = second ? v2(x, y, 2) : v1(x, y, 2);
                img.setRGB(x, y, (r << 16) | (g << 8) | b);
            }
        }
        return img;
    }

    @Test
    void vectorsAreAsDocumented() {
        assertThat(v1(0, 0, 1)).isEqualTo(50);
        assertThat(v1(2, 0, 2)).isEqualTo(126);
        assertThat(v2(0, 0, 1)).isEqualTo(46);
        assertThat(v2(1, 0, 0)).isEqualTo(8);
        assertThat(v2(2, 0, 2)).isEqualTo(123);
    }

    @Test
    void ssimPerChannelAndMean() {
        Ssim.Result r = Ssim.compute(Planes.rgb(image(false)), Planes.rgb(image(true)), 255, null);
        assertThat(r.perChannel()[0]).isCloseTo(0.9905186088, within(1e-6));
        assertThat(r.perChannel()[1]).isCloseTo(0.9943724368, within(1e-6));
        assertThat(r.perChannel()[2]).isCloseTo(0.9987466504, within(1e-6));
        assertThat(r.mean()).isCloseTo(0.9945458987, within(1e-6));
        assertThat(r.pixels()).isEqualTo(6 * 6);
        assertThat(Ssim.ssim(image(false), image(true))).isCloseTo(0.9945458987, within(1e-6));
    }

    @Test
    void ssimOfIdenticalImagesIsOne() {
        assertThat(Ssim.ssim(image(true), image(true))).isCloseTo(1.0, within(1e-12));
    }

    @Test
    void ssimRestrictedToAllPixelsEqualsUnrestricted_andRegionSelectsPixels() {
        boolean[] all = new boolean[N * N];
        java.util.Arrays.fill(all, true);
        assertThat(Ssim.ssim(image(false), image(true), all)).isCloseTo(0.9945458987, within(1e-6));
        // only one valid pixel included: the region mean equals that pixel's map value averaged over channels
        boolean[] one = new boolean[N * N];
        one[7 * N + 9] = true;
        Planes a = Planes.rgb(image(false));
        Planes b = Planes.rgb(image(true));
        double expected = 0;
        for (int c = 0; c < 3; c++) {
            expected += Ssim.map(a.channels()[c], b.channels()[c], N, N, 255)[7 * N + 9] / 3;
        }
        assertThat(Ssim.ssim(image(false), image(true), one)).isCloseTo(expected, within(1e-12));
        // a region entirely in the border (outside the valid window) has no value
        boolean[] border = new boolean[N * N];
        border[0] = true;
        assertThat(Ssim.ssim(image(false), image(true), border)).isNaN();
    }

    @Test
    void psnr() {
        Planes a = Planes.rgb(image(false));
        Planes b = Planes.rgb(image(true));
        assertThat(Psnr.mse(a, b, null)).isCloseTo(10.6145833333, within(1e-9));
        assertThat(Psnr.psnr(image(false), image(true))).isCloseTo(37.8717740990, within(1e-9));
        assertThat(Psnr.psnr(image(false), image(false))).isInfinite();
    }

    @Test
    void psnrRestrictedToRegion() {
        Planes a = Planes.rgb(image(false));
        Planes b = Planes.rgb(image(true));
        boolean[] region = new boolean[N * N];
        double sum = 0;
        int n = 0;
        for (int i = 0; i < N * N; i += 3) {
            region[i] = true;
            for (int c = 0; c < 3; c++) {
                double d = a.channels()[c][i] - b.channels()[c][i];
                sum += d * d;
                n++;
            }
        }
        double expected = 10 * Math.log10(255.0 * 255.0 / (sum / n));
        assertThat(Psnr.psnr(image(false), image(true), region)).isCloseTo(expected, within(1e-12));
        assertThat(Psnr.psnr(image(false), image(true), new boolean[N * N])).isNaN();
    }

    @Test
    void frechetDistanceToyGaussians() {
        double[] mu1 = {0, 1, 2};
        double[] mu2 = {0.5, 0.5, 2.5};
        double[][] s1 = {{1, 0.2, 0}, {0.2, 2, 0.3}, {0, 0.3, 1.5}};
        double[][] s2 = {{1.5, 0, 0.1}, {0, 1, 0}, {0.1, 0, 0.5}};
        assertThat(FrechetDistance.traceSqrtProduct(s1, s2)).isCloseTo(3.4862774950, within(1e-9));
        assertThat(FrechetDistance.of(mu1, s1, mu2, s2)).isCloseTo(1.2774450100, within(1e-9));
        // symmetric in its arguments
        assertThat(FrechetDistance.of(mu2, s2, mu1, s1)).isCloseTo(1.2774450100, within(1e-9));
    }

    @Test
    void frechetDistanceFromFeatureSetsUsesSampleCovariance() {
        double[][] f = {{1, 2}, {3, 5}, {2, 2}, {0, 1}};
        FrechetDistance.Statistics s = FrechetDistance.statistics(f);
        assertThat(s.mean()).containsExactly(1.5, 2.5);
        // var x: ((-.5)²+1.5²+.5²+1.5²)/3 = 5/3 ; cov xy: (.25+3.75-.25+2.25)/3 = 2
        assertThat(s.covariance()[0][0]).isCloseTo(5.0 / 3, within(1e-12));
        assertThat(s.covariance()[0][1]).isCloseTo(2.0, within(1e-12));
        assertThat(FrechetDistance.between(f, f)).isCloseTo(0.0, within(1e-9));
        double[][] shifted = new double[f.length][];
        for (int i = 0; i < f.length; i++) {
            shifted[i] = new double[] {f[i][0] + 3, f[i][1] - 4};
        }
        assertThat(FrechetDistance.between(f, shifted)).isCloseTo(25.0, within(1e-9));
    }

    @Test
    void cosine() {
        assertThat(CosineSimilarity.of(new double[] {1, 2, 3, 4}, new double[] {2, 1, 4, 3}))
                .isCloseTo(0.9333333333, within(1e-10));
        assertThat(CosineSimilarity.of(new float[] {1, 0}, new float[] {0, 3})).isCloseTo(0.0, within(1e-12));
    }

    @Test
    void maskMetrics() {
        boolean[] truth = {true, true, true, false, false, false};
        boolean[] pred = {true, true, false, true, false, false};
        MaskMetrics.Scores s = MaskMetrics.compare(pred, truth);
        assertThat(s.truePositives()).isEqualTo(2);
        assertThat(s.falsePositives()).isEqualTo(1);
        assertThat(s.falseNegatives()).isEqualTo(1);
        assertThat(s.trueNegatives()).isEqualTo(2);
        assertThat(s.iou()).isCloseTo(0.5, within(1e-12));
        assertThat(s.precision()).isCloseTo(2.0 / 3, within(1e-12));
        assertThat(s.recall()).isCloseTo(2.0 / 3, within(1e-12));
        boolean[] empty = new boolean[6];
        assertThat(MaskMetrics.iou(empty, empty)).isEqualTo(1.0);
        assertThat(MaskMetrics.precision(empty, truth)).isEqualTo(0.0);
        assertThat(MaskMetrics.recall(empty, truth)).isEqualTo(0.0);
    }

    @Test
    void jacobiReconstructsMatrix() {
        double[][] m = {{4, 1, 0.5}, {1, 3, 0.2}, {0.5, 0.2, 2}};
        double[][] r = SymmetricEigen.sqrtPsd(m);
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                double s = 0;
                for (int k = 0; k < 3; k++) {
                    s += r[i][k] * r[k][j];
                }
                assertThat(s).isCloseTo(m[i][j], within(1e-12));
            }
        }
    }
}
