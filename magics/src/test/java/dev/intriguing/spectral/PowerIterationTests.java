package dev.intriguing.spectral;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class PowerIterationTests {
    static double[] gaussian(int n, long seed) {
        Random r = new Random(seed);
        double[] a = new double[n];
        for (int i = 0; i < n; i++) {
            a[i] = r.nextGaussian();
        }
        return a;
    }

    @ParameterizedTest(name = "{0} x {1}, seed {2}")
    @CsvSource({"10, 784, 1", "100, 784, 2", "784, 100, 3", "50, 50, 4", "200, 120, 5", "1, 30, 6", "30, 1, 7"})
    void powerIterationEqualsTheLargestSingularValueOfAFullSvdOnRandomMatrices(int rows, int cols, long seed) {
        double[] a = gaussian(rows * cols, seed);
        double svd = Jacobi.singularValues(a, rows, cols)[0];
        PowerIteration.Estimate e = PowerIteration.largestSingularValue(LinearMap.matrix(a, rows, cols), 1e-6);
        assertTrue(e.converged(), e.toString());
        assertEquals(svd, e.sigma(), 1e-6 * svd, e.toString());
        assertTrue(e.sigma() <= svd * (1 + 1e-12), "the estimate never exceeds sigma_max: " + e + " vs " + svd);
        assertTrue(e.upperBound() >= svd, "the upper bound is one: " + e.upperBound() + " vs " + svd);
    }

    @Test
    void aMatrixWhoseTopTwoSingularValuesAreClosePassesTheToleranceAnyway() {
        // U diag(10, 9.99, 1, ...) Vᵀ: increments are tiny long before the estimate is right
        int n = 40;
        double[] q1 = orthogonal(n, 11);
        double[] q2 = orthogonal(n, 12);
        double[] s = new double[n];
        java.util.Arrays.fill(s, 1);
        s[0] = 10;
        s[1] = 9.99;
        double[] a = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double v = 0;
                for (int k = 0; k < n; k++) {
                    v += q1[i * n + k] * s[k] * q2[j * n + k];
                }
                a[i * n + j] = v;
            }
        }
        assertEquals(10, Jacobi.singularValues(a, n, n)[0], 1e-10);
        PowerIteration.Estimate e = PowerIteration.largestSingularValue(LinearMap.matrix(a, n, n), 1e-6);
        assertTrue(e.converged(), e.toString());
        assertEquals(10, e.sigma(), 1e-5, e.toString());
    }

    /** An orthogonal matrix: Gram-Schmidt on a Gaussian one. */
    static double[] orthogonal(int n, long seed) {
        double[] q = gaussian(n * n, seed);
        for (int k = 0; k < n; k++) {
            for (int j = 0; j < k; j++) {
                double dot = 0;
                for (int i = 0; i < n; i++) {
                    dot += q[i * n + k] * q[i * n + j];
                }
                for (int i = 0; i < n; i++) {
                    q[i * n + k] -= dot * q[i * n + j];
                }
            }
            double norm = 0;
            for (int i = 0; i < n; i++) {
                norm += q[i * n + k] * q[i * n + k];
            }
            norm = Math.sqrt(norm);
            for (int i = 0; i < n; i++) {
                q[i * n + k] /= norm;
            }
        }
        return q;
    }

    @Test
    void jacobiFindsKnownEigenvaluesAndSingularValues() {
        assertArrayEquals(new double[] {4, 3}, Jacobi.singularValues(new double[] {3, 0, 0, 4}, 2, 2), 1e-15);
        // [[2, 1], [1, 2]] has eigenvalues 3 and 1
        assertArrayEquals(new double[] {3, 1}, Jacobi.symmetricEigenvalues(new double[] {2, 1, 1, 2}, 2), 1e-14);
        double[] a = gaussian(12 * 7, 9);
        double[] gram = new double[7 * 7];
        for (int i = 0; i < 7; i++) {
            for (int j = 0; j < 7; j++) {
                for (int k = 0; k < 12; k++) {
                    gram[i * 7 + j] += a[k * 7 + i] * a[k * 7 + j];
                }
            }
        }
        double[] sv = Jacobi.singularValues(a, 12, 7);
        double[] ev = Jacobi.symmetricEigenvalues(gram, 7);
        for (int i = 0; i < 7; i++) {
            assertEquals(sv[i] * sv[i], ev[i], 1e-12 * ev[0], "singular value " + i);
        }
    }

    @Test
    void theZeroMatrixHasNormZero() {
        assertEquals(0, PowerIteration.largestSingularValue(LinearMap.matrix(new double[6], 2, 3), 1e-6).sigma());
    }

    @Test
    void aToleranceOutsideZeroToOneIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PowerIteration.largestSingularValue(LinearMap.matrix(new double[4], 2, 2), 0));
        assertTrue(e.getMessage().contains("between 0 and 1"), e.getMessage());
    }
}
