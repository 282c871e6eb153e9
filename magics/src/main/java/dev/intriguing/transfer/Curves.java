package dev.intriguing.transfer;

import dev.intriguing.adversarial.AttackResult;
import dev.intriguing.adversarial.PerturbedSet;
import dev.intriguing.core.Progress;
import dev.intriguing.models.Classifier;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;

/**
 * Error rate against distortion: how much of a data set a model gets wrong once every image may move by a
 * per-pixel RMS of at most ε, found by an attack, against the same size of Gaussian noise.
 *
 * <pre>{@code
 * Curves curves = Curves.builder().optNoise(true).build();
 * CurveResult c1 = curves.adversarial(Map.of("adv_fc100", adv_fc100), Map.of("adv_fc100", fc100), Progress.NONE);
 * c1.chart()    // adversarial error rises to 100% by ε = 0.1 while noise error stays near the clean error
 * CurveResult c2 = curves.transfer("adv_fc100", adv_fc100, Map.of("fc200", fc200), Progress.NONE);
 * }</pre>
 *
 * <ul>
 * <li>Adversarial curve of a set: at ε, the share of its images that the model misclassifies with a perturbation of
 * RMS at most ε, i.e. images misclassified already plus successes whose minimal distortion is at most ε. With
 * {@code Targets.all()} the minimal distortion is the untargeted one (the easiest wrong class). The curve is
 * non-decreasing and reaches the success rate at the largest distortion found.
 * <li>Noise curve of a model: at each stddev ε of the grid, its error rate on the set's clean images plus Gaussian
 * noise of that stddev, averaged over {@linkplain Builder#optDraws draws} (draw d uses seed + d). Its points are placed
 * at the RMS really added after clipping, averaged likewise, so both curves share one axis: distortion as it is.
 * <li>Transfer curve: the set's perturbations {@linkplain PerturbedSet#amplified amplified} to each ε of the grid, and
 * each model's error rate on them, placed at the RMS after clipping.
 * </ul>
 * The grid has {@linkplain Builder#optPoints points} values from 0 (linear) or max/100 ({@linkplain Builder#optLog
 * log}) to {@linkplain Builder#optMax max}.
 */
public final class Curves {
    /** Points of the grid when none are given. */
    public static final int DEFAULT_POINTS = 41;
    /** Noise draws per point when none are given. */
    public static final int DEFAULT_DRAWS = 3;

    private final boolean noise;
    private final int draws;
    private final long seed;
    private final int points;
    private final double max;
    private final boolean log;

    private Curves(Builder b) {
        this.noise = b.noise;
        this.draws = b.draws;
        this.seed = b.seed;
        this.points = b.points;
        this.max = b.max;
        this.log = b.log;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * The adversarial curve of every set, and with {@linkplain Builder#optNoise noise} the noise curve of the model
     * each set was made on; a series is named after that model.
     *
     * @param sets   attack results by name, in the order to draw them
     * @param models by set name, the model the set was made on (needed only with noise)
     * @throws IllegalArgumentException when a model is missing for noise or takes images of another size
     */
    public CurveResult adversarial(Map<String, AttackResult> sets, Map<String, Classifier> models, Progress progress) {
        if (sets.isEmpty()) {
            throw new IllegalArgumentException("a curve needs at least one set of adversarial examples");
        }
        for (Map.Entry<String, AttackResult> s : sets.entrySet()) {
            if (noise) {
                Classifier m = models.get(s.getKey());
                if (m == null) {
                    throw new IllegalArgumentException("the noise curve of " + s.getKey() + " needs the model it was made"
                            + " on, " + s.getValue().model());
                }
                Transfer.checkFits(s.getKey(), s.getValue().clean(), s.getValue().model(), m);
            }
        }
        double top = Double.isNaN(max) ? autoMax(sets.values()) : max;
        double[] grid = grid(top);
        List<CurveResult.Point> out = new ArrayList<>();
        Map<String, String> labels = labels(sets);
        int done = 0;
        for (Map.Entry<String, AttackResult> s : sets.entrySet()) {
            AttackResult set = s.getValue();
            String model = labels.get(s.getKey());
            for (double eps : grid) {
                out.add(new CurveResult.Point(model + ": adversarial", model, CurveResult.Kind.ADVERSARIAL, eps, eps,
                        adversarialError(set, eps)));
            }
            if (noise) {
                out.addAll(noiseCurve(model, models.get(s.getKey()), set.perturbed(), grid));
            }
            progress.update(s.getKey(), ++done / (double) sets.size());
        }
        return new CurveResult("Error rate against distortion, " + data(sets.values()), log, out);
    }

    /**
     * The error rate of each model on the set's perturbations amplified along the grid, and with
     * {@linkplain Builder#optNoise noise} each model's noise curve on the set's clean images.
     *
     * @param models the models to evaluate, by name, in the order to draw them
     * @throws IllegalArgumentException when there is no model or one takes images of another size
     */
    public CurveResult transfer(String setName, AttackResult set, Map<String, Classifier> models, Progress progress) {
        if (models.isEmpty()) {
            throw new IllegalArgumentException("a transfer curve needs at least one model to evaluate");
        }
        for (Map.Entry<String, Classifier> m : models.entrySet()) {
            Transfer.checkFits(setName, set.clean(), m.getKey(), m.getValue());
        }
        PerturbedSet base = set.perturbed();
        double top = Double.isNaN(max) ? 5 * base.meanDistortion() : max;
        double[] grid = grid(Double.isFinite(top) && top > 0 ? top : 0.3);
        List<CurveResult.Point> out = new ArrayList<>();
        int done = 0;
        List<PerturbedSet> amplified = new ArrayList<>();
        for (double eps : grid) {
            amplified.add(base.amplified(eps));
        }
        for (Map.Entry<String, Classifier> m : models.entrySet()) {
            for (int j = 0; j < grid.length; j++) {
                checkInterrupt();
                PerturbedSet a = amplified.get(j);
                out.add(new CurveResult.Point(m.getKey() + ": " + setName + " amplified", m.getKey(),
                        CurveResult.Kind.AMPLIFIED, grid[j], a.meanDistortion(), m.getValue().errorRate(a.perturbed())));
            }
            if (noise) {
                out.addAll(noiseCurve(m.getKey(), m.getValue(), base, grid));
            }
            progress.update(m.getKey(), ++done / (double) models.size());
        }
        return new CurveResult("Error rate as " + setName + " is amplified, " + base.clean().name(), log, out);
    }

    /** At ε: the share of the set's images the model gets wrong with a perturbation of RMS at most ε. */
    static double adversarialError(AttackResult set, double eps) {
        if (set.size() == 0) {
            return Double.NaN;
        }
        long wrong = set.examples().stream().filter(e -> e.cleanLabel() != e.label() || e.alreadyAdversarial()
                || e.success() && e.distortion() <= eps).count();
        return wrong / (double) set.size();
    }

    /** The model's error under noise of every stddev of the grid, averaged over the draws. */
    private List<CurveResult.Point> noiseCurve(String model, Classifier classifier, PerturbedSet set, double[] grid) {
        double[] error = new double[grid.length];
        double[] rms = new double[grid.length];
        for (int d = 0; d < draws; d++) {
            double[] z = GaussianNoise.field(set.clean(), seed + d);
            for (int j = 0; j < grid.length; j++) {
                checkInterrupt();
                PerturbedSet noisy = GaussianNoise.apply(set.clean(), set.indices(), z, grid[j], "noise");
                error[j] += classifier.errorRate(noisy.perturbed()) / draws;
                rms[j] += noisy.meanDistortion() / draws;
            }
        }
        List<CurveResult.Point> out = new ArrayList<>();
        for (int j = 0; j < grid.length; j++) {
            out.add(new CurveResult.Point(model + ": noise", model, CurveResult.Kind.NOISE, grid[j], rms[j], error[j]));
        }
        return out;
    }

    /** The grid of ε: {@code points} values from 0 (or max/100 on a log axis) to {@code top}. */
    double[] grid(double top) {
        double[] g = new double[points];
        for (int j = 0; j < points; j++) {
            double t = j / (double) (points - 1);
            g[j] = log ? top * Math.pow(10, -2 * (1 - t)) : top * t;
        }
        g[points - 1] = top;
        return g;
    }

    /** 1.25 times the largest minimal distortion found, so every curve reaches its plateau inside the chart. */
    private static double autoMax(Iterable<AttackResult> sets) {
        double m = 0;
        for (AttackResult s : sets) {
            double d = s.maxDistortion();
            if (Double.isFinite(d)) {
                m = Math.max(m, d);
            }
        }
        return m > 0 ? 1.25 * m : 0.1;
    }

    /** Series labels: the model each set was made on, or the set's name where two sets share a model. */
    private static Map<String, String> labels(Map<String, AttackResult> sets) {
        Map<String, Long> count = new LinkedHashMap<>();
        sets.values().forEach(s -> count.merge(s.model(), 1L, Long::sum));
        Map<String, String> out = new LinkedHashMap<>();
        sets.forEach((name, s) -> out.put(name, count.get(s.model()) > 1 ? s.model() + " (" + name + ")" : s.model()));
        return out;
    }

    private static String data(Iterable<AttackResult> sets) {
        List<String> names = new ArrayList<>();
        sets.forEach(s -> {
            if (!names.contains(s.data())) {
                names.add(s.data());
            }
        });
        return String.join("+", names);
    }

    private static void checkInterrupt() {
        if (Progress.interrupted()) {
            throw new CancellationException("the curve was interrupted; nothing was kept.");
        }
    }

    /** Options of the curves; every one has a default. */
    public static final class Builder {
        private boolean noise;
        private int draws = DEFAULT_DRAWS;
        private long seed;
        private int points = DEFAULT_POINTS;
        private double max = Double.NaN;
        private boolean log;

        private Builder() {
        }

        /** Whether to add Gaussian-noise curves. Default false. */
        public Builder optNoise(boolean withNoise) {
            this.noise = withNoise;
            return this;
        }

        /**
         * Noise draws averaged per point. Default {@value #DEFAULT_DRAWS}: enough to smooth a curve over a few hundred
         * images, cheap because a draw's unit field is reused at every ε.
         */
        public Builder optDraws(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("draws must be at least 1, got " + n);
            }
            this.draws = n;
            return this;
        }

        /** The seed of the first noise draw (draw d uses seed + d). Default 0. */
        public Builder optSeed(long s) {
            this.seed = s;
            return this;
        }

        /** Values of ε in the grid, at least 2. Default {@value #DEFAULT_POINTS}. */
        public Builder optPoints(int n) {
            if (n < 2) {
                throw new IllegalArgumentException("a curve needs at least 2 points, got " + n);
            }
            this.points = n;
            return this;
        }

        /**
         * The largest ε. Default: 1.25 times the largest minimal distortion of the sets (adversarial curves), 5 times
         * the set's mean distortion (transfer curves).
         */
        public Builder optMax(double largest) {
            if (!(largest > 0 && largest < Double.POSITIVE_INFINITY)) {
                throw new IllegalArgumentException("the largest distortion is a positive finite number, got " + largest);
            }
            this.max = largest;
            return this;
        }

        /** Whether ε is spaced (and drawn) logarithmically, from max/100 to max. Default false (linear from 0). */
        public Builder optLog(boolean logarithmic) {
            this.log = logarithmic;
            return this;
        }

        public Curves build() {
            return new Curves(this);
        }
    }
}
