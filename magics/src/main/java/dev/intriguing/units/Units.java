package dev.intriguing.units;

import dev.intriguing.datasets.api.ImageSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Units versus random directions of one layer (paper section 3), from activations over a held-out set: the grid of
 * Figures 1 and 2, and the verdict over every live unit.
 *
 * <pre>{@code
 * Activations a = Activations.of(c, c.layer("fc1"), test, Pooling.NONE);
 * Units units = Units.builder().optTop(10, 100).optSeed(0).build();
 * UnitsResult u = units.grid(a, test, UnitChoice.first(4), 4);   // Figures 1 and 2
 * UnitsScore s = units.score(a, test);                            // the verdict
 * s.verdict()   // Top 10: units 97.1% vs random 96.4% mean purity, difference +0.7 points (95% CI ...) ...
 * }</pre>
 */
public final class Units {
    private final int[] tops;
    private final long seed;
    private final Directions.Basis basis;
    private final int resamples;
    private final int permutations;
    private final List<String> classNames;

    private Units(Builder b) {
        this.tops = b.tops.clone();
        this.seed = b.seed;
        this.basis = b.basis;
        this.resamples = b.resamples;
        this.permutations = b.permutations;
        this.classNames = b.classNames;
    }

    /** A builder with the defaults: top 10 and 100, seed 0, Gaussian directions, 10,000 resamples and permutations. */
    public static Builder builder() {
        return new Builder();
    }

    /** The k values: the grid uses the first, the verdict all of them. */
    public int[] tops() {
        return tops.clone();
    }

    /**
     * Figures 1 and 2: the top-k images (k the first of {@link Builder#optTop}) along the chosen units and along
     * {@code random} random directions, unit rows first.
     *
     * @throws IllegalArgumentException when k exceeds the images, or the units are out of range, dead or too many
     */
    public UnitsResult grid(Activations a, ImageSet images, UnitChoice units, int random) {
        checkImages(a, images);
        int k = tops[0];
        checkTop(a, k);
        int[] chosen = units.resolve(a, seed);
        List<Direction> dirs = new ArrayList<>();
        for (int u : chosen) {
            dirs.add(Direction.unit(u));
        }
        dirs.addAll(Directions.random(a.units(), random, seed, basis));
        Scorer scorer = new Scorer(images);
        List<UnitsResult.Row> rows = new ArrayList<>();
        for (TopK.Ranked r : TopK.along(a, dirs, k)) {
            int[] labels = Arrays.stream(r.indices()).map(images::label).toArray();
            String where = r.direction().kind() == Direction.Kind.UNIT ? a.where(r.direction().id()) : "";
            rows.add(new UnitsResult.Row(r.direction(), where, r.indices(), labels, r.projections(), scorer.score(r, k)));
        }
        return new UnitsResult(a, images, names(images), k, seed, basis, rows);
    }

    /**
     * The verdict: every live unit of the layer and as many random directions (over all d coordinates), each scored
     * on its top-k for every k of {@link Builder#optTop}, then compared per score.
     *
     * @throws IllegalArgumentException when a k exceeds the images, is below 2 (coherence needs pairs), or no unit is
     *                                  live
     */
    public UnitsScore score(Activations a, ImageSet images) {
        checkImages(a, images);
        int kMax = Arrays.stream(tops).max().orElseThrow();
        for (int k : tops) {
            checkTop(a, k);
            if (k < 2) {
                throw new IllegalArgumentException("the verdict scores pairs of images, so k must be at least 2; got " + k);
            }
        }
        int[] live = a.liveUnits();
        if (live.length == 0) {
            throw new IllegalArgumentException("layer " + a.layer() + " has no live unit on " + a.data() + ": all "
                    + a.units() + " units are constant over it");
        }
        long t0 = System.nanoTime();
        List<Direction> dirs = new ArrayList<>(2 * live.length);
        IntStream.of(live).forEach(u -> dirs.add(Direction.unit(u)));
        dirs.addAll(Directions.random(a.units(), live.length, seed, basis));
        List<TopK.Ranked> ranked = TopK.along(a, dirs, kMax);
        Scorer scorer = new Scorer(images);
        Map<Integer, List<Score>> units = new LinkedHashMap<>();
        Map<Integer, List<Score>> random = new LinkedHashMap<>();
        for (int k : tops) {
            List<Score> u = new ArrayList<>();
            List<Score> r = new ArrayList<>();
            for (TopK.Ranked rk : ranked) {
                (rk.direction().kind() == Direction.Kind.UNIT ? u : r).add(scorer.score(rk, k));
            }
            units.put(k, u);
            random.put(k, r);
        }
        UnitsScore s = new UnitsScore(a, tops, seed, basis, units, random, resamples, permutations,
                (System.nanoTime() - t0) / 1e9);
        return s;
    }

    private static void checkImages(Activations a, ImageSet images) {
        if (images.size() != a.size()) {
            throw new IllegalArgumentException("the activations are of " + a.size() + " images but " + images.name()
                    + " has " + images.size());
        }
    }

    private static void checkTop(Activations a, int k) {
        if (k < 1 || k > a.size()) {
            throw new IllegalArgumentException("top " + k + " needs at least " + k + " images, and " + a.data() + " has "
                    + a.size());
        }
    }

    private List<String> names(ImageSet images) {
        if (classNames != null) {
            return classNames;
        }
        return IntStream.range(0, images.numClasses()).mapToObj(Integer::toString).toList();
    }

    /** Options, with DJL's naming: {@code optX} with the default in its javadoc. */
    public static final class Builder {
        private int[] tops = {10, 100};
        private long seed;
        private Directions.Basis basis = Directions.Basis.GAUSSIAN;
        private int resamples = Stats.RESAMPLES;
        private int permutations = Stats.PERMUTATIONS;
        private List<String> classNames;

        private Builder() {
        }

        /** The k values; default 10 and 100 (the grid uses the first). */
        public Builder optTop(int... ks) {
            if (ks.length == 0 || Arrays.stream(ks).anyMatch(k -> k < 1)) {
                throw new IllegalArgumentException("top k values must be at least 1; got " + Arrays.toString(ks));
            }
            this.tops = ks.clone();
            return this;
        }

        /** Seeds the random directions, random unit choices, bootstrap and permutations; default 0. */
        public Builder optSeed(long seed) {
            this.seed = seed;
            return this;
        }

        /** How random directions are drawn; default {@link Directions.Basis#GAUSSIAN}, the paper's. */
        public Builder optBasis(Directions.Basis basis) {
            this.basis = basis;
            return this;
        }

        /** Bootstrap resamples for the 95% intervals; default {@value Stats#RESAMPLES}. */
        public Builder optResamples(int resamples) {
            this.resamples = resamples;
            return this;
        }

        /** Random relabellings for the permutation p-values; default {@value Stats#PERMUTATIONS}. */
        public Builder optPermutations(int permutations) {
            this.permutations = permutations;
            return this;
        }

        /** The class names shown beside labels; default the label numbers. */
        public Builder optClassNames(List<String> names) {
            this.classNames = names == null ? null : List.copyOf(names);
            return this;
        }

        public Units build() {
            return new Units(this);
        }
    }
}
