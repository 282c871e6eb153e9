package dev.intriguing.adversarial;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BoxLbfgsTests {

    /** f(x) = 1/2 (x - x*)' A (x - x*) + lambda.(x - x*), with lambda making x* the box-constrained minimiser. */
    private static final class Quadratic {
        final double[][] a;
        final double[] xStar;
        final double[] lambda;

        Quadratic(int n, long seed, double condition) {
            Random r = new Random(seed);
            // A = Q D Q' with a random orthogonal-ish Q from Gram-Schmidt and eigenvalues spread to the condition
            double[][] q = new double[n][n];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    q[i][j] = r.nextGaussian();
                }
                for (int k = 0; k < i; k++) {
                    double d = dot(q[i], q[k]);
                    axpy(-d, q[k], q[i]);
                }
                double norm = Math.sqrt(dot(q[i], q[i]));
                for (int j = 0; j < n; j++) {
                    q[i][j] /= norm;
                }
            }
            a = new double[n][n];
            for (int k = 0; k < n; k++) {
                double ev = Math.pow(condition, k / (double) (n - 1));
                for (int i = 0; i < n; i++) {
                    for (int j = 0; j < n; j++) {
                        a[i][j] += ev * q[k][i] * q[k][j];
                    }
                }
            }
            xStar = new double[n];
            lambda = new double[n];
            for (int i = 0; i < n; i++) {
                switch (i % 4) {
                    case 0:
                        xStar[i] = 0;
                        lambda[i] = 0.1 + r.nextDouble();
                        break;
                    case 1:
                        xStar[i] = 1;
                        lambda[i] = -0.1 - r.nextDouble();
                        break;
                    default:
                        xStar[i] = 0.05 + 0.9 * r.nextDouble();
                }
            }
        }

        double value(double[] x, double[] g) {
            int n = x.length;
            double f = 0;
            for (int i = 0; i < n; i++) {
                double ai = 0;
                for (int j = 0; j < n; j++) {
                    ai += a[i][j] * (x[j] - xStar[j]);
                }
                g[i] = ai + lambda[i];
                f += 0.5 * (x[i] - xStar[i]) * ai + lambda[i] * (x[i] - xStar[i]);
            }
            return f;
        }
    }

    private static BoxLbfgs tight() {
        return BoxLbfgs.builder().optGradientTolerance(1e-10).optFunctionTolerance(0).optMaxIterations(2000).build();
    }

    @Test
    void separableQuadraticEndsAtTheClampedMinimiser() {
        double[] t = {-0.5, 0.3, 1.7, 0.0, 1.0, 0.999, 2.0, -3.0};
        double[] w = {1, 10, 100, 0.5, 3, 7, 1000, 2};
        BoxLbfgs.Minimization m = tight().begin(new double[t.length]);
        double[] g = new double[t.length];
        while (!m.done()) {
            double[] x = m.point();
            double f = 0;
            for (int i = 0; i < t.length; i++) {
                f += 0.5 * w[i] * (x[i] - t[i]) * (x[i] - t[i]);
                g[i] = w[i] * (x[i] - t[i]);
            }
            m.tell(f, g);
        }
        double[] expected = {0, 0.3, 1, 0, 1, 0.999, 1, 0};
        assertArrayEquals(expected, m.x(), 1e-9, m.toString());
    }

    @Test
    void illConditionedQuadraticsWithPinnedCoordinatesReachTheirMinimisers() {
        Quadratic[] problems = {new Quadratic(40, 1, 1e3), new Quadratic(60, 2, 1e4), new Quadratic(100, 3, 1e2)};
        for (Quadratic p : problems) {
            double[] start = new double[p.xStar.length];
            java.util.Arrays.fill(start, 0.5);
            BoxLbfgs.Minimization m = tight().begin(start);
            double[] g = new double[start.length];
            while (!m.done()) {
                m.tell(p.value(m.point(), g), g);
            }
            assertArrayEquals(p.xStar, m.x(), 1e-6, m.toString());
            for (int i = 0; i < start.length; i += 4) {
                assertEquals(0.0, m.x()[i], "coordinate " + i + " is pinned at 0 exactly");
                assertEquals(1.0, m.x()[i + 1], "coordinate " + (i + 1) + " is pinned at 1 exactly");
            }
            assertNotEquals(BoxLbfgs.Stop.ITERATIONS, m.stop());
        }
    }

    @Test
    void batchedMinimisationGivesEachProblemItsOwnAnswer() {
        Quadratic[] problems = {new Quadratic(30, 11, 10), new Quadratic(30, 12, 1e3), new Quadratic(30, 13, 1e5)};
        double[][] starts = new double[3][30];
        for (double[] s : starts) {
            java.util.Arrays.fill(s, 0.25);
        }
        List<BoxLbfgs.Minimization> all = tight().minimizeAll(starts, (count, ids, pts, vals, grads) -> {
            for (int k = 0; k < count; k++) {
                vals[k] = problems[ids[k]].value(pts[k], grads[k]);
            }
        });
        for (int i = 0; i < 3; i++) {
            BoxLbfgs.Minimization alone = tight().begin(starts[i]);
            double[] g = new double[30];
            while (!alone.done()) {
                alone.tell(problems[i].value(alone.point(), g), g);
            }
            assertArrayEquals(alone.x(), all.get(i).x(), 0.0, "batched and alone follow the same path");
            assertEquals(alone.evaluations(), all.get(i).evaluations());
            assertArrayEquals(problems[i].xStar, all.get(i).x(), 1e-6);
        }
        assertTrue(all.get(2).evaluations() > all.get(0).evaluations(), "the ill-conditioned problem needs more work");
    }

    @Test
    void iterationCapStopsTheSolver() {
        Quadratic p = new Quadratic(50, 5, 1e6);
        BoxLbfgs.Minimization m = BoxLbfgs.builder().optMaxIterations(5).build().begin(new double[50]);
        double[] g = new double[50];
        while (!m.done()) {
            m.tell(p.value(m.point(), g), g);
        }
        assertEquals(BoxLbfgs.Stop.ITERATIONS, m.stop());
        assertEquals(5, m.iterations());
    }

    @Test
    void rejectsAnEmptyBox() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BoxLbfgs.builder().optBounds(1, 1));
        assertTrue(e.getMessage().contains("lo < hi"), e.getMessage());
    }

    private static double dot(double[] a, double[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }

    private static void axpy(double a, double[] x, double[] y) {
        for (int i = 0; i < y.length; i++) {
            y[i] += a * x[i];
        }
    }
}
