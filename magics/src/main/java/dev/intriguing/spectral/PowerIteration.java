package dev.intriguing.spectral;

import java.util.Random;

/**
 * The largest singular value of a linear map by power iteration on AᵀA, to a stated relative tolerance.
 *
 * <p>Each step maps a unit vector v to y = Av and x = Aᵀy and takes ‖x‖ / ‖y‖ as the estimate: it never exceeds
 * σ_max, and it grows towards it. The error left after step k is estimated from the last two increments Δ_k and
 * Δ_{k−1}, which shrink geometrically with ratio ρ = Δ_k / Δ_{k−1} once the iteration has settled; the sum of the
 * remaining increments is then Δ_k ρ / (1 − ρ). The iteration stops when that tail is below half the tolerance times
 * the estimate, which is safer than stopping on a small increment alone: when the top two singular values are close,
 * increments are small long before the estimate is accurate.
 *
 * <pre>{@code
 * SpectralLayer fc1 = SpectralLayer.of(c).get(2);       // the conv net's first dense layer, 512 -> 100
 * PowerIteration.largestSingularValue(fc1.matrix(), 1e-6)
 * // Estimate[sigma=4.809..., iterations=35, converged=true, tolerance=1.0E-6]
 * }</pre>
 */
public final class PowerIteration {
    /** The relative tolerance of the dense layers' norms in {@code %lipschitz}. */
    public static final double DEFAULT_TOLERANCE = 1e-6;
    /** Steps before giving up; a trained layer needs tens to a few hundred. */
    public static final int DEFAULT_MAX_ITERATIONS = 20_000;
    /** The start vector is drawn from this seed, so the same matrix always gives the same estimate. */
    static final long SEED = 2013;

    private PowerIteration() {
    }

    /**
     * What power iteration found.
     *
     * @param sigma      the estimate of σ_max, never above it (up to rounding)
     * @param iterations steps taken
     * @param converged  whether the estimated remaining error fell below the tolerance within the step limit
     * @param tolerance  the relative tolerance asked for
     */
    public record Estimate(double sigma, int iterations, boolean converged, double tolerance) {
        /**
         * An upper bound on σ_max when the iteration converged: the estimate divided by (1 − tolerance), since the
         * estimate is below σ_max by at most that share.
         */
        public double upperBound() {
            return sigma / (1 - tolerance);
        }
    }

    /** σ_max of {@code map} to relative tolerance {@code tolerance}, with the default step limit. */
    public static Estimate largestSingularValue(LinearMap map, double tolerance) {
        return largestSingularValue(map, tolerance, DEFAULT_MAX_ITERATIONS);
    }

    /** σ_max of {@code map} to relative tolerance {@code tolerance}, in at most {@code maxIterations} steps. */
    public static Estimate largestSingularValue(LinearMap map, double tolerance, int maxIterations) {
        if (!(tolerance > 0 && tolerance < 1)) {
            throw new IllegalArgumentException("the tolerance must lie between 0 and 1; got " + tolerance);
        }
        int n = map.inputSize();
        double[] v = new double[n];
        Random rnd = new Random(SEED);
        for (int i = 0; i < n; i++) {
            v[i] = rnd.nextGaussian();
        }
        if (normalize(v) == 0) {
            return new Estimate(0, 0, true, tolerance);
        }
        double[] y = new double[map.outputSize()];
        double[] x = new double[n];
        double estimate = 0;
        double[] increments = new double[4]; // the last four, newest at [k % 4]
        for (int k = 1; k <= maxIterations; k++) {
            map.apply(v, y);
            double ny = norm(y);
            if (ny == 0) {
                // v lies in the null space; with a random start that means the map is zero
                return new Estimate(0, k, true, tolerance);
            }
            map.applyTranspose(y, x);
            double nx = norm(x);
            double s = nx / ny;
            double increment = s - estimate;
            estimate = Math.max(estimate, s);
            for (int i = 0; i < n; i++) {
                v[i] = x[i] / nx;
            }
            increments[k % 4] = increment;
            if (k >= 3 && increment <= 1e-15 * estimate) {
                // settled to rounding: nothing is left to gain
                return new Estimate(estimate, k, true, tolerance);
            }
            if (k >= 5 && tailBelow(increments, k, 0.5 * tolerance * estimate)) {
                return new Estimate(estimate, k, true, tolerance);
            }
        }
        return new Estimate(estimate, maxIterations, false, tolerance);
    }

    /**
     * Whether the increments have settled into a geometric decay whose tail is below {@code limit}. The ratio is the
     * largest of the last three: while components of small singular values are still dying out, one ratio can be
     * far smaller than the slow one that follows.
     */
    private static boolean tailBelow(double[] increments, int k, double limit) {
        double rho = 0;
        for (int j = 0; j < 3; j++) {
            double newer = increments[(k - j) % 4];
            double older = increments[(k - j - 1) % 4];
            if (!(older > 0) || newer < 0) {
                return false;
            }
            rho = Math.max(rho, newer / older);
        }
        return rho < 1 && increments[k % 4] * rho / (1 - rho) <= limit;
    }

    static double norm(double[] a) {
        double s = 0;
        for (double v : a) {
            s += v * v;
        }
        return Math.sqrt(s);
    }

    private static double normalize(double[] a) {
        double n = norm(a);
        if (n > 0) {
            for (int i = 0; i < a.length; i++) {
                a[i] /= n;
            }
        }
        return n;
    }
}
