package dev.intriguing.spectral;

import java.util.Arrays;

/**
 * Small dense eigenvalue and singular value problems by Jacobi rotations: exact to rounding and free of start
 * vectors, so they serve as the reference for power iteration and as the solver for the small per-frequency matrices
 * of a convolution.
 *
 * <pre>{@code
 * Jacobi.singularValues(new double[] {3, 0, 0, 4}, 2, 2)   // [4.0, 3.0]
 * }</pre>
 */
public final class Jacobi {
    private static final int MAX_SWEEPS = 100;

    private Jacobi() {
    }

    /** The eigenvalues of the symmetric n × n matrix {@code a} (row-major, not changed), largest first. */
    public static double[] symmetricEigenvalues(double[] a, int n) {
        double[] m = a.clone();
        for (int sweep = 0; sweep < MAX_SWEEPS; sweep++) {
            double off = 0;
            double diag = 0;
            for (int p = 0; p < n; p++) {
                diag += m[p * n + p] * m[p * n + p];
                for (int q = p + 1; q < n; q++) {
                    off += m[p * n + q] * m[p * n + q];
                }
            }
            if (off <= 1e-30 * diag || off == 0) {
                break;
            }
            for (int p = 0; p < n - 1; p++) {
                for (int q = p + 1; q < n; q++) {
                    double apq = m[p * n + q];
                    if (apq == 0) {
                        continue;
                    }
                    // the rotation that zeroes m[p][q] (the classical choice of the smaller angle)
                    double theta = (m[q * n + q] - m[p * n + p]) / (2 * apq);
                    double t = Math.signum(theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
                    if (theta == 0) {
                        t = 1;
                    }
                    double c = 1 / Math.sqrt(t * t + 1);
                    double s = t * c;
                    for (int k = 0; k < n; k++) {
                        double mkp = m[k * n + p];
                        double mkq = m[k * n + q];
                        m[k * n + p] = c * mkp - s * mkq;
                        m[k * n + q] = s * mkp + c * mkq;
                    }
                    for (int k = 0; k < n; k++) {
                        double mpk = m[p * n + k];
                        double mqk = m[q * n + k];
                        m[p * n + k] = c * mpk - s * mqk;
                        m[q * n + k] = s * mpk + c * mqk;
                    }
                }
            }
        }
        double[] ev = new double[n];
        for (int i = 0; i < n; i++) {
            ev[i] = m[i * n + i];
        }
        Arrays.sort(ev);
        for (int i = 0; i < n / 2; i++) {
            double tmp = ev[i];
            ev[i] = ev[n - 1 - i];
            ev[n - 1 - i] = tmp;
        }
        return ev;
    }

    /**
     * The singular values of the {@code rows × cols} matrix {@code a} (row-major, not changed), largest first, by
     * one-sided Jacobi: columns are rotated in pairs until all are orthogonal, and their lengths are then the
     * singular values. It works on the transpose when that has fewer columns.
     */
    public static double[] singularValues(double[] a, int rows, int cols) {
        // work on the column-major copy of whichever of A and Aᵀ has fewer columns
        boolean transpose = cols > rows;
        int m = transpose ? cols : rows;
        int n = transpose ? rows : cols;
        double[][] col = new double[n][m];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                if (transpose) {
                    col[i][j] = a[i * cols + j];
                } else {
                    col[j][i] = a[i * cols + j];
                }
            }
        }
        for (int sweep = 0; sweep < MAX_SWEEPS; sweep++) {
            boolean rotated = false;
            for (int p = 0; p < n - 1; p++) {
                for (int q = p + 1; q < n; q++) {
                    double alpha = 0;
                    double beta = 0;
                    double gamma = 0;
                    double[] cp = col[p];
                    double[] cq = col[q];
                    for (int k = 0; k < m; k++) {
                        alpha += cp[k] * cp[k];
                        beta += cq[k] * cq[k];
                        gamma += cp[k] * cq[k];
                    }
                    if (Math.abs(gamma) <= 1e-15 * Math.sqrt(alpha * beta) || gamma == 0) {
                        continue;
                    }
                    rotated = true;
                    double zeta = (beta - alpha) / (2 * gamma);
                    double t = Math.signum(zeta) / (Math.abs(zeta) + Math.sqrt(1 + zeta * zeta));
                    if (zeta == 0) {
                        t = 1;
                    }
                    double c = 1 / Math.sqrt(1 + t * t);
                    double s = c * t;
                    for (int k = 0; k < m; k++) {
                        double xp = cp[k];
                        double xq = cq[k];
                        cp[k] = c * xp - s * xq;
                        cq[k] = s * xp + c * xq;
                    }
                }
            }
            if (!rotated) {
                break;
            }
        }
        double[] sv = new double[n];
        for (int j = 0; j < n; j++) {
            sv[j] = PowerIteration.norm(col[j]);
        }
        Arrays.sort(sv);
        for (int i = 0; i < n / 2; i++) {
            double tmp = sv[i];
            sv[i] = sv[n - 1 - i];
            sv[n - 1 - i] = tmp;
        }
        return sv;
    }
}
