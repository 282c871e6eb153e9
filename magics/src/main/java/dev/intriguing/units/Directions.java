package dev.intriguing.units;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Seeded random directions of a d-dimensional unit space.
 *
 * <p>Our choice, in one place: direction r is d draws of {@code java.util.Random(seed).nextGaussian()} (direction 0
 * first, coordinate 0 first), summed in double and divided by their Euclidean norm, then stored as float. So
 * v ~ N(0, I) / ‖v‖ is uniform on the unit sphere; the same seed gives the same directions on every machine and Java
 * version (the generator and its Gaussian method are specified by the JDK), and asking for more directions keeps the
 * first ones. {@link Basis#ORTHOGONAL} orthonormalises the same draws in order (Gram-Schmidt, applied twice for
 * accuracy), which gives a random orthonormal set, uniformly distributed; it needs count ≤ d and costs about
 * 2·count²·d operations in Java (a second or so for 500 directions of 512 dimensions).
 *
 * <pre>{@code
 * Directions.random(100, 4, 0, Basis.GAUSSIAN).get(3).label()   // random 3
 * }</pre>
 */
public final class Directions {
    /** How random directions are drawn. */
    public enum Basis {
        /** Independent v ~ N(0, I), normalised to unit length (the paper's random directions). */
        GAUSSIAN,
        /** A random orthonormal set: the Gaussian draws orthonormalised in order. */
        ORTHOGONAL;

        /** The option value: {@code gaussian} or {@code orthogonal}. */
        public String option() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The basis called {@code value}. */
        public static Basis of(String value) {
            for (Basis b : values()) {
                if (b.option().equals(value)) {
                    return b;
                }
            }
            throw new IllegalArgumentException("expected gaussian or orthogonal; got '" + value + "'");
        }
    }

    private Directions() {
    }

    /**
     * {@code count} random unit directions of a {@code d}-dimensional space, numbered 0 to count-1.
     *
     * @throws IllegalArgumentException when an orthogonal basis is asked for more directions than dimensions
     */
    public static List<Direction> random(int d, int count, long seed, Basis basis) {
        if (d < 1 || count < 0) {
            throw new IllegalArgumentException("need d >= 1 and count >= 0; got d = " + d + ", count = " + count);
        }
        if (basis == Basis.ORTHOGONAL && count > d) {
            throw new IllegalArgumentException("an orthogonal basis of a " + d + "-dimensional layer has at most " + d
                    + " directions; asked for " + count);
        }
        Random rnd = new Random(seed);
        double[][] v = new double[count][d];
        for (int r = 0; r < count; r++) {
            for (int j = 0; j < d; j++) {
                v[r][j] = rnd.nextGaussian();
            }
        }
        if (basis == Basis.ORTHOGONAL) {
            orthonormalise(v);
        }
        List<Direction> out = new ArrayList<>(count);
        for (int r = 0; r < count; r++) {
            double norm = Math.sqrt(dot(v[r], v[r]));
            float[] f = new float[d];
            for (int j = 0; j < d; j++) {
                f[j] = (float) (v[r][j] / norm);
            }
            out.add(Direction.random(r, f));
        }
        return out;
    }

    /**
     * Gram-Schmidt in order, each vector cleaned against the earlier ones twice: one pass loses orthogonality in
     * floating point when vectors are nearly dependent, two passes keep it at rounding level ("twice is enough").
     */
    private static void orthonormalise(double[][] v) {
        for (int r = 0; r < v.length; r++) {
            for (int pass = 0; pass < 2; pass++) {
                for (int q = 0; q < r; q++) {
                    double c = dot(v[r], v[q]);
                    double[] a = v[r];
                    double[] b = v[q];
                    for (int j = 0; j < a.length; j++) {
                        a[j] -= c * b[j];
                    }
                }
            }
            double norm = Math.sqrt(dot(v[r], v[r]));
            for (int j = 0; j < v[r].length; j++) {
                v[r][j] /= norm;
            }
        }
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int j = 0; j < a.length; j++) {
            s += a[j] * b[j];
        }
        return s;
    }
}
