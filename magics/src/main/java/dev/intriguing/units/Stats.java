package dev.intriguing.units;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The statistics of the verdict: summaries of a sample, and the difference of two means with a seeded bootstrap
 * interval and a permutation-test p-value.
 *
 * <pre>{@code
 * Stats.compare(unitPurities, randomPurities, 0, 10_000, 10_000)
 * // Comparison[difference=0.012, low=-0.031, high=0.055, p=0.58, ...]
 * }</pre>
 */
public final class Stats {
    /** Bootstrap resamples by default: enough for stable 2.5% and 97.5% percentiles. */
    public static final int RESAMPLES = 10_000;
    /** Permutations by default: p-values resolve down to about 1e-4. */
    public static final int PERMUTATIONS = 10_000;

    private Stats() {
    }

    /**
     * Mean, median and quartiles of one sample (quartiles by linear interpolation between order statistics, the
     * default of R and NumPy).
     */
    public record Summary(int count, double mean, double median, double q1, double q3) {
        /** The interquartile range q3 − q1. */
        public double iqr() {
            return q3 - q1;
        }
    }

    /**
     * The difference of means a − b, its bootstrap 95% interval, and a two-sided permutation p-value.
     *
     * @param difference   mean(a) − mean(b)
     * @param low          the 2.5th percentile of the bootstrap differences
     * @param high         the 97.5th percentile of the bootstrap differences
     * @param p            the permutation-test p-value: (1 + #{|d*| ≥ |d|}) / (1 + permutations)
     * @param resamples    bootstrap resamples
     * @param permutations random relabellings
     */
    public record Comparison(double difference, double low, double high, double p, int resamples, int permutations) {
        /** Whether the 95% interval contains 0. */
        public boolean intervalContainsZero() {
            return low <= 0 && high >= 0;
        }
    }

    /** The summary of {@code x}; NaN values when it is empty. */
    public static Summary summary(double[] x) {
        if (x.length == 0) {
            return new Summary(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        double[] s = x.clone();
        Arrays.sort(s);
        return new Summary(s.length, mean(s), quantile(s, 0.5), quantile(s, 0.25), quantile(s, 0.75));
    }

    /** The mean of {@code x}. */
    public static double mean(double[] x) {
        double s = 0;
        for (double v : x) {
            s += v;
        }
        return s / x.length;
    }

    /** The q-quantile of a sorted sample, interpolating linearly between order statistics. */
    static double quantile(double[] sorted, double q) {
        double h = (sorted.length - 1) * q;
        int lo = (int) Math.floor(h);
        int hi = Math.min(sorted.length - 1, lo + 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }

    /**
     * Compares the means of two samples. The bootstrap resamples each sample with replacement on its own (stream
     * {@code seed}); the permutation test reshuffles the pooled values into groups of the same sizes (stream
     * {@code seed + 1}). Both are deterministic for a seed.
     *
     * @throws IllegalArgumentException when a sample is empty
     */
    public static Comparison compare(double[] a, double[] b, long seed, int resamples, int permutations) {
        if (a.length == 0 || b.length == 0) {
            throw new IllegalArgumentException("both samples need values; got " + a.length + " and " + b.length);
        }
        double observed = mean(a) - mean(b);
        SplittableRandom boot = new SplittableRandom(seed);
        double[] diffs = new double[resamples];
        for (int r = 0; r < resamples; r++) {
            diffs[r] = resampledMean(a, boot) - resampledMean(b, boot);
        }
        Arrays.sort(diffs);
        double low = resamples == 0 ? Double.NaN : quantile(diffs, 0.025);
        double high = resamples == 0 ? Double.NaN : quantile(diffs, 0.975);

        SplittableRandom perm = new SplittableRandom(seed + 1);
        double[] pooled = new double[a.length + b.length];
        System.arraycopy(a, 0, pooled, 0, a.length);
        System.arraycopy(b, 0, pooled, a.length, b.length);
        double total = 0;
        for (double v : pooled) {
            total += v;
        }
        // a difference within rounding of the observed one counts as at least as extreme
        double threshold = Math.abs(observed) - 1e-12 * (1 + Math.abs(observed));
        int extreme = 0;
        for (int r = 0; r < permutations; r++) {
            // a partial Fisher-Yates shuffle draws group a; group b is the rest
            double sumA = 0;
            for (int i = 0; i < a.length; i++) {
                int j = i + perm.nextInt(pooled.length - i);
                double t = pooled[i];
                pooled[i] = pooled[j];
                pooled[j] = t;
                sumA += pooled[i];
            }
            double d = sumA / a.length - (total - sumA) / b.length;
            if (Math.abs(d) >= threshold) {
                extreme++;
            }
        }
        return new Comparison(observed, low, high, (1.0 + extreme) / (1.0 + permutations), resamples, permutations);
    }

    private static double resampledMean(double[] x, SplittableRandom rnd) {
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            s += x[rnd.nextInt(x.length)];
        }
        return s / x.length;
    }
}
