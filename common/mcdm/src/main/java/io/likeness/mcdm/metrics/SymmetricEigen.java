package io.likeness.mcdm.metrics;

/**
 * Eigen-decomposition of a real symmetric matrix by the cyclic Jacobi method (hand-written: no linear-algebra
 * dependency in the MCDM library for this). Accurate to rounding for the small/medium matrices the metrics use;
 * cost O(n³) per sweep, typically under 10 sweeps.
 */
public final class SymmetricEigen {

    private final double[] values;
    private final double[][] vectors;

    private SymmetricEigen(double[] values, double[][] vectors) {
        this.values = values;
        this.vectors = vectors;
    }

    /** Eigenvalues (unsorted, paired with the columns of {@link #vectors()}). */
    public double[] values() {
        return values.clone();
    }

    /** Eigenvectors as columns: {@code vectors()[row][k]} is component {@code row} of eigenvector {@code k}. */
    public double[][] vectors() {
        double[][] v = new double[vectors.length][];
        for (int i = 0; i < v.length; i++) {
            v[i] = vectors[i].clone();
        }
        return v;
    }

    public static SymmetricEigen of(double[][] matrix) {
        int n = matrix.length;
        double[][] a = new double[n][n];
        for (int i = 0; i < n; i++) {
            if (matrix[i].length != n) {
                throw new IllegalArgumentException("matrix is not square");
            }
            for (int j = 0; j < n; j++) {
                // symmetrise to absorb rounding asymmetry of products like S^½ Σ S^½
                a[i][j] = 0.5 * (matrix[i][j] + matrix[j][i]);
            }
        }
        double[][] v = new double[n][n];
        for (int i = 0; i < n; i++) {
            v[i][i] = 1;
        }
        for (int sweep = 0; sweep < 100; sweep++) {
            double off = 0;
            double diag = 0;
            for (int i = 0; i < n; i++) {
                diag += a[i][i] * a[i][i];
                for (int j = i + 1; j < n; j++) {
                    off += a[i][j] * a[i][j];
                }
            }
            if (off == 0 || off <= 1e-30 * diag) {
                break;
            }
            for (int p = 0; p < n - 1; p++) {
                for (int q = p + 1; q < n; q++) {
                    double apq = a[p][q];
                    if (apq == 0) {
                        continue;
                    }
                    double theta = (a[q][q] - a[p][p]) / (2 * apq);
                    double t = Math.signum(theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
                    if (theta == 0) {
                        t = 1;
                    }
                    double c = 1 / Math.sqrt(t * t + 1);
                    double s = t * c;
                    for (int k = 0; k < n; k++) {
                        double akp = a[k][p];
                        double akq = a[k][q];
                        a[k][p] = c * akp - s * akq;
                        a[k][q] = s * akp + c * akq;
                    }
                    for (int k = 0; k < n; k++) {
                        double apk = a[p][k];
                        double aqk = a[q][k];
                        a[p][k] = c * apk - s * aqk;
                        a[q][k] = s * apk + c * aqk;
                    }
                    for (int k = 0; k < n; k++) {
                        double vkp = v[k][p];
                        double vkq = v[k][q];
                        v[k][p] = c * vkp - s * vkq;
                        v[k][q] = s * vkp + c * vkq;
                    }
                }
            }
        }
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = a[i][i];
        }
        return new SymmetricEigen(values, v);
    }

    /** The symmetric positive semi-definite square root V·diag(√max(λ,0))·Vᵀ. */
    public static double[][] sqrtPsd(double[][] matrix) {
        SymmetricEigen e = of(matrix);
        int n = matrix.length;
        double[][] r = new double[n][n];
        for (int k = 0; k < n; k++) {
            double s = Math.sqrt(Math.max(e.values[k], 0));
            if (s == 0) {
                continue;
            }
            for (int i = 0; i < n; i++) {
                double vik = e.vectors[i][k] * s;
                for (int j = 0; j < n; j++) {
                    r[i][j] += vik * e.vectors[j][k];
                }
            }
        }
        return r;
    }
}
