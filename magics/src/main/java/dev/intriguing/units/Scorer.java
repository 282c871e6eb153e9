package dev.intriguing.units;

import dev.intriguing.datasets.api.ImageSet;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * Scores top-k lists of one image set: label purity and entropy from the labels, coherence from the pixels.
 *
 * <p>Coherence is the mean of cos(x_a, x_b) over the k(k-1)/2 pairs of top images. With u = x/‖x‖ it equals
 * (‖Σ u‖² − Σ ‖u‖²) / (k(k-1)), so each list costs k additions of an image instead of k² dot products; the images are
 * normalised once when the scorer is made. An all-black image has cosine 0 with every other image.
 */
public final class Scorer {
    private final ImageSet images;
    private final int pixels;
    private final float[] unit;
    private final boolean[] zero;

    /**
     * Normalised pixels per image set, kept while the set is in use: a notebook scores the same held-out set layer after
     * layer, and normalising 10,000 images costs more than scoring 1,000 lists. Keys are compared by identity (image
     * sets are immutable and do not override equals), and the values do not refer to their keys.
     */
    private static final Map<ImageSet, Normalised> NORMALISED = Collections.synchronizedMap(new WeakHashMap<>());

    private record Normalised(float[] unit, boolean[] zero) {
    }

    /** A scorer for top-k lists of {@code images}. */
    public Scorer(ImageSet images) {
        this.images = images;
        this.pixels = images.pixelsPerImage();
        Normalised norm = NORMALISED.computeIfAbsent(images, Scorer::normalise);
        this.unit = norm.unit();
        this.zero = norm.zero();
    }

    private static Normalised normalise(ImageSet images) {
        int pixels = images.pixelsPerImage();
        int n = images.size();
        float[] unit = images.pixels(0, n);
        boolean[] zero = new boolean[n];
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int p = 0; p < pixels; p++) {
                float v = unit[i * pixels + p];
                s += v * v;
            }
            zero[i] = s == 0;
            float inv = s == 0 ? 0f : (float) (1 / Math.sqrt(s));
            for (int p = 0; p < pixels; p++) {
                unit[i * pixels + p] *= inv;
            }
        }
        return new Normalised(unit, zero);
    }

    /** The scores of the first {@code k} images of {@code ranked}. */
    public Score score(TopK.Ranked ranked, int k) {
        int[] idx = ranked.indices();
        if (k < 1 || k > idx.length) {
            throw new IllegalArgumentException("k must be from 1 to " + idx.length + "; got " + k);
        }
        int[] counts = new int[images.numClasses()];
        for (int i = 0; i < k; i++) {
            counts[images.label(idx[i])]++;
        }
        int majority = 0;
        double entropy = 0;
        for (int c = 0; c < counts.length; c++) {
            if (counts[c] > counts[majority]) {
                majority = c;
            }
            if (counts[c] > 0) {
                double q = counts[c] / (double) k;
                entropy -= q * Math.log(q) / Math.log(2);
            }
        }
        return new Score(ranked.direction(), k, majority, counts[majority] / (double) k, entropy + 0.0,
                coherence(idx, k));
    }

    /** Mean pairwise cosine of the first k images of {@code idx} (NaN for k = 1: there are no pairs). */
    double coherence(int[] idx, int k) {
        if (k < 2) {
            return Double.NaN;
        }
        double[] sum = new double[pixels];
        int nonZero = 0;
        for (int i = 0; i < k; i++) {
            int row = idx[i] * pixels;
            nonZero += zero[idx[i]] ? 0 : 1;
            for (int p = 0; p < pixels; p++) {
                sum[p] += unit[row + p];
            }
        }
        double sq = 0;
        for (double v : sum) {
            sq += v * v;
        }
        return (sq - nonZero) / ((double) k * (k - 1));
    }
}
