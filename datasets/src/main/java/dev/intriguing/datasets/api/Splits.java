package dev.intriguing.datasets.api;

import java.util.Arrays;
import java.util.Random;

/**
 * The paper's cross-training-set split: two disjoint halves P1 and P2 of a training set.
 *
 * <p>The halves come from a Fisher-Yates shuffle driven by {@link java.util.Random}, whose algorithm the Java
 * specification fixes, so the same seed gives the same halves on every run and machine. Within each half the images
 * keep their original order. The project's P1/P2 ({@link Split}) use {@link #PAPER_SEED}; another seed gives other
 * halves, for a researcher who wants to check that a finding does not depend on the particular split.
 */
public final class Splits {
    /**
     * The seed of the paper's fixed halves: {@link Split#P1} and {@link Split#P2} are always
     * {@code paperHalves(train, PAPER_SEED)}, whatever seed a model is trained or a sample drawn with.
     */
    public static final long PAPER_SEED = 2013L;

    private Splits() {
    }

    /** The two halves, with the indices into the training set that each one took. */
    public record Halves(ImageSet p1, ImageSet p2, int[] p1Indices, int[] p2Indices) {
    }

    /** Splits {@code train} into halves of {@code n/2} and {@code n - n/2} images, chosen by {@code seed}. */
    public static Halves paperHalves(ImageSet train, long seed) {
        int n = train.size();
        int[] perm = new int[n];
        for (int i = 0; i < n; i++) {
            perm[i] = i;
        }
        Random rnd = new Random(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int t = perm[i];
            perm[i] = perm[j];
            perm[j] = t;
        }
        int half = n / 2;
        int[] a = Arrays.copyOfRange(perm, 0, half);
        int[] b = Arrays.copyOfRange(perm, half, n);
        Arrays.sort(a);
        Arrays.sort(b);
        return new Halves(train.subset(a).withName(train.name() + "-p1"), train.subset(b).withName(train.name() + "-p2"), a, b);
    }
}
