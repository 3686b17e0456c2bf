package io.likeness.mcdm.metrics;

/**
 * Fréchet distance between two Gaussians fitted to feature sets (the FID formula of pytorch-fid):
 * ‖μ1 − μ2‖² + tr Σ1 + tr Σ2 − 2·tr((Σ1Σ2)^½), with sample covariances (N − 1).
 * tr((Σ1Σ2)^½) is computed as Σ √λ of Σ1^½ Σ2 Σ1^½ (similar to Σ1Σ2, symmetric PSD), using two symmetric
 * eigendecompositions by {@link SymmetricEigen} (hand-written Jacobi); tiny negative eigenvalues from rounding are
 * clamped to 0, which plays the role of pytorch-fid's "drop the imaginary part".
 * What the features are is up to the caller (we have no InceptionV3 weights; see ALGORITHMS.md §10).
 */
public final class FrechetDistance {

    private FrechetDistance() {
    }

    /** Mean vector and sample covariance of a feature set. */
    public record Statistics(double[] mean, double[][] covariance, int count) {
    }

    /** Mean and sample covariance (N − 1) of {@code features[sample][dimension]}; needs at least 2 samples. */
    public static Statistics statistics(double[][] features) {
        int n = features.length;
        if (n < 2) {
            throw new IllegalArgumentException("need at least 2 feature vectors, got " + n);
        }
        int d = features[0].length;
        double[] mu = new double[d];
        for (double[] f : features) {
            if (f.length != d) {
                throw new IllegalArgumentException("feature vectors of different lengths");
            }
            for (int j = 0; j < d; j++) {
                mu[j] += f[j];
            }
        }
        for (int j = 0; j < d; j++) {
            mu[j] /= n;
        }
        double[][] cov = new double[d][d];
        double[] c = new double[d];
        for (double[] f : features) {
            for (int j = 0; j < d; j++) {
                c[j] = f[j] - mu[j];
            }
            for (int i = 0; i < d; i++) {
                double ci = c[i];
                for (int j = i; j < d; j++) {
                    cov[i][j] += ci * c[j];
                }
            }
        }
        for (int i = 0; i < d; i++) {
            for (int j = i; j < d; j++) {
                cov[i][j] /= (n - 1);
                cov[j][i] = cov[i][j];
            }
        }
        return new Statistics(mu, cov, n);
    }

    /** Fréchet distance between two feature sets {@code [sample][dimension]}. */
    public static double between(double[][] featuresA, double[][] featuresB) {
        Statistics a = statistics(featuresA);
        Statistics b = statistics(featuresB);
        return of(a.mean(), a.covariance(), b.mean(), b.covariance());
    }

    public static double of(double[] mu1, double[][] sigma1, double[] mu2, double[][] sigma2) {
        int d = mu1.length;
        if (mu2.length != d || sigma1.length != d || sigma2.length != d) {
            throw new IllegalArgumentException("dimension mismatch");
        }
        double diff = 0;
        for (int i = 0; i < d; i++) {
            double t = mu1[i] - mu2[i];
            diff += t * t;
        }
        double tr1 = 0;
        double tr2 = 0;
        for (int i = 0; i < d; i++) {
            tr1 += sigma1[i][i];
            tr2 += sigma2[i][i];
        }
        return diff + tr1 + tr2 - 2 * traceSqrtProduct(sigma1, sigma2);
    }

    /** tr((Σ1Σ2)^½) = Σ √λ(Σ1^½ Σ2 Σ1^½) for symmetric PSD Σ1, Σ2. */
    public static double traceSqrtProduct(double[][] sigma1, double[][] sigma2) {
        int d = sigma1.length;
        double[][] s = SymmetricEigen.sqrtPsd(sigma1);
        double[][] t = multiply(multiply(s, sigma2, d), s, d);
        double sum = 0;
        for (double l : SymmetricEigen.of(t).values()) {
            sum += Math.sqrt(Math.max(l, 0));
        }
        return sum;
    }

    private static double[][] multiply(double[][] a, double[][] b, int d) {
        double[][] r = new double[d][d];
        for (int i = 0; i < d; i++) {
            for (int k = 0; k < d; k++) {
                double aik = a[i][k];
                if (aik == 0) {
                    continue;
                }
                for (int j = 0; j < d; j++) {
                    r[i][j] += aik * b[k][j];
                }
            }
        }
        return r;
    }
}
