package dev.intriguing.adversarial;

import dev.intriguing.datasets.api.ImageSet;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import tech.tablesaw.api.Table;

/**
 * What every attack returns: one row per attacked image, a summary, and the clean and adversarial images as image
 * sets so later steps (other models, curves) can use them.
 *
 * <pre>{@code
 * adv.summary()     // success rate %, error rates, mean/median/max distortion, seconds, examples/s
 * adv.table()       // index, label, clean, target, final, success, distortion, c, iterations, evaluations
 * adv.adversarial() // ImageSet of the perturbed images, labelled with their true classes
 * AdversarialRenders.tripletGrid(adv, 12)   // the paper's Figure 5 layout (in render)
 * }</pre>
 *
 * <p>Distortion is the paper's {@code sqrt(sum((x' - x)^2) / n)}; summary statistics of distortion are over the
 * successful examples that needed a perturbation (not those {@linkplain Example#alreadyAdversarial() already
 * adversarial}). Images the model misclassified and the attack therefore left out are counted in {@link #skipped()}. A failed example keeps its clean image in {@link #adversarial()}. When the run had budgets,
 * each example says at which budget it succeeded, and {@link #successRateAt} gives the success rate per budget.
 * The tables show rounded numbers (percentages to one decimal, distortions to four significant digits); the
 * examples and the CSV keep full precision.
 */
public final class AttackResult {
    /**
     * One attacked image.
     *
     * @param index       its index in the data set
     * @param label       its true class
     * @param cleanLabel  the class the model gives the clean image
     * @param target      the class aimed at (the easiest one for {@code --target all} or an untargeted L-BFGS run;
     *                    -1 when the attack aimed at none)
     * @param finalLabel  the class a fresh forward pass gives the returned image
     * @param success     whether the returned image is inside the box and meets the criterion
     * @param distortion  sqrt(sum((x' - x)^2) / n), NaN on failure
     * @param budget      the smallest of the run's budgets at which it succeeded; NaN on failure, without budgets, or
     *                    when a minimisation attack's distortion exceeds every budget
     * @param parameter   the attack's parameter for the returned image (c for L-BFGS), named by
     *                    {@link AttackResult#parameterName()}
     * @param iterations  solver iterations over every run (every c, every target, every budget)
     * @param evaluations model evaluations (forward and backward) spent on it
     * @param alreadyAdversarial whether the clean image already met the criterion (an image the model already
     *                    classifies as its target, or any misclassified image under an untargeted criterion): then
     *                    success is true and distortion 0, and the example is left out of the distortion statistics
     *                    so that it never passes for a perturbation of size 0
     */
    public record Example(int index, int label, int cleanLabel, int target, int finalLabel, boolean success,
                          double distortion, double budget, double parameter, int iterations, long evaluations,
                          boolean alreadyAdversarial) {
    }

    private final String attack;
    private final String parameterName;
    private final String model;
    private final String data;
    private final String targets;
    private final List<Double> budgets;
    private final List<Example> examples;
    private final ImageSet clean;
    private final ImageSet adversarial;
    private final double seconds;
    private final boolean partial;
    private final int skipped;

    private AttackResult(Builder b) {
        this.attack = b.attack;
        this.parameterName = b.parameterName;
        this.model = b.model;
        this.data = b.source.name();
        this.targets = b.targets;
        this.budgets = Arrays.stream(b.budgets).boxed().toList();
        this.examples = List.copyOf(b.examples);
        int n = b.source.pixelsPerImage();
        int m = examples.size();
        float[] cp = new float[m * n];
        float[] ap = new float[m * n];
        int[] labels = new int[m];
        for (int i = 0; i < m; i++) {
            System.arraycopy(b.cleanImages.get(i), 0, cp, i * n, n);
            System.arraycopy(b.advImages.get(i), 0, ap, i * n, n);
            labels[i] = examples.get(i).label();
        }
        int h = b.source.height();
        int w = b.source.width();
        this.clean = ImageSet.of(data, h, w, b.source.numClasses(), cp, labels);
        this.adversarial = ImageSet.of(data + "-" + attack + "-" + model, h, w, b.source.numClasses(), ap, labels);
        this.seconds = b.seconds;
        this.partial = b.partial;
        this.skipped = b.skipped;
    }

    static Builder builder(String attack, String parameterName, String model, ImageSet source, String targets,
                           double[] budgets) {
        return new Builder(attack, parameterName, model, source, targets, budgets);
    }

    public String attack() {
        return attack;
    }

    /** The name of the attack's per-example parameter, e.g. {@code c}: a column of {@link #table()}. */
    public String parameterName() {
        return parameterName;
    }

    public String model() {
        return model;
    }

    /** The name of the data set attacked. */
    public String data() {
        return data;
    }

    /** The criterion: the target choice, e.g. {@code random (seed 0)}, or {@code untargeted}. */
    public String targets() {
        return targets;
    }

    /** The run's budgets, ascending; empty when it had none. */
    public List<Double> budgets() {
        return budgets;
    }

    public List<Example> examples() {
        return examples;
    }

    /** The attacked images, in the order of {@link #examples()}. */
    public ImageSet clean() {
        return clean;
    }

    /** The returned images (clean where the attack failed), labelled with their true classes. */
    public ImageSet adversarial() {
        return adversarial;
    }

    public double seconds() {
        return seconds;
    }

    /** Whether the run was interrupted; then only the finished examples are here. */
    public boolean partial() {
        return partial;
    }

    public int size() {
        return examples.size();
    }

    /** Images of the attacked range that the model misclassified and the attack therefore left out (0 when none). */
    public int skipped() {
        return skipped;
    }

    /** Examples whose clean image already met the criterion; they are left out of the distortion statistics. */
    public int alreadyAdversarial() {
        return (int) examples.stream().filter(Example::alreadyAdversarial).count();
    }

    /**
     * All examples as a {@link PerturbedSet}: the clean images and the returned ones (clean where the attack failed),
     * with their data-set indices; what {@code %transfer} feeds to other models.
     */
    public PerturbedSet perturbed() {
        return PerturbedSet.of(attack + " on " + model, clean, adversarial, indices(), Double.NaN);
    }

    /**
     * Every perturbation rescaled to a per-pixel RMS of {@code rms}, added to its clean image and clipped to the [0, 1]
     * box: the paper's "distorted for M amplified to stddev=0.1" (Table 4); see {@link PerturbedSet#amplified}.
     *
     * <pre>{@code
     * adv.amplified(0.1).meanDistortion()   // a little under 0.1: clipping removes part of it
     * }</pre>
     *
     * @throws IllegalArgumentException when {@code rms} is negative or not finite
     */
    public PerturbedSet amplified(double rms) {
        return perturbed().amplified(rms);
    }

    private int[] indices() {
        return examples.stream().mapToInt(Example::index).toArray();
    }

    /** Share of examples attacked successfully, in [0, 1] (NaN when empty). */
    public double successRate() {
        return share(Example::success);
    }

    /**
     * Share of examples that succeeded at one of the run's budgets no larger than {@code budget}, in [0, 1] (NaN
     * when empty); 0 for a run without budgets.
     */
    public double successRateAt(double budget) {
        return share(e -> e.success() && e.budget() <= budget);
    }

    /** Share of examples whose clean image the model misclassifies, in [0, 1] (NaN when empty). */
    public double cleanErrorRate() {
        return share(e -> e.cleanLabel() != e.label());
    }

    /** Share of examples whose returned image the model misclassifies, in [0, 1] (NaN when empty). */
    public double errorRate() {
        return share(e -> e.finalLabel() != e.label());
    }

    private double share(java.util.function.Predicate<Example> p) {
        return examples.isEmpty() ? Double.NaN : examples.stream().filter(p).count() / (double) examples.size();
    }

    private double[] successDistortions() {
        return examples.stream().filter(e -> e.success() && !e.alreadyAdversarial()).mapToDouble(Example::distortion)
                .sorted().toArray();
    }

    /** Mean distortion over the successful examples that needed a perturbation (NaN when none). */
    public double meanDistortion() {
        return Arrays.stream(successDistortions()).average().orElse(Double.NaN);
    }

    /** Median distortion over the successful examples (NaN when none). */
    public double medianDistortion() {
        double[] d = successDistortions();
        if (d.length == 0) {
            return Double.NaN;
        }
        return d.length % 2 == 1 ? d[d.length / 2] : (d[d.length / 2 - 1] + d[d.length / 2]) / 2;
    }

    /** Largest distortion over the successful examples (NaN when none). */
    public double maxDistortion() {
        double[] d = successDistortions();
        return d.length == 0 ? Double.NaN : d[d.length - 1];
    }

    /** Attacked images per second of wall time. */
    public double examplesPerSecond() {
        return seconds > 0 ? examples.size() / seconds : Double.NaN;
    }

    /** Mean model evaluations per attacked image. */
    public double evaluationsPerExample() {
        return examples.stream().mapToLong(Example::evaluations).average().orElse(Double.NaN);
    }

    /** One row: the summary figures, rounded for reading. */
    public Table summary() {
        return AttackTables.summary(this);
    }

    /** One row per example, rounded for reading (full precision in {@link #examples()} and the CSV). */
    public Table table() {
        return AttackTables.examples(this);
    }

    /** Writes the per-example table at full precision as CSV, atomically (a temporary file renamed into place). */
    public Path toCsv(Path file) {
        return AttackTables.writeCsv(this, file);
    }

    @Override
    public String toString() {
        int already = alreadyAdversarial();
        return String.format(Locale.ROOT,
                "AttackResult[%s on %s, %s, targets %s: %d examples%s%s%s, success %.1f%%, distortion mean %.4g"
                        + " median %.4g max %.4g, %.1f evaluations/example, %.1f s (%.1f examples/s)]",
                attack, model, data, targets, examples.size(),
                skipped > 0 ? " (" + skipped + " skipped: misclassified)" : "",
                already > 0 ? " (" + already + " already adversarial: left out of the distortion)" : "",
                partial ? " (partial: interrupted)" : "",
                100 * successRate(), meanDistortion(), medianDistortion(), maxDistortion(), evaluationsPerExample(),
                seconds, examplesPerSecond());
    }

    /** Collects examples in order. */
    static final class Builder {
        private final String attack;
        private final String parameterName;
        private final String model;
        private final ImageSet source;
        private final String targets;
        private final double[] budgets;
        private final List<Example> examples = new ArrayList<>();
        private final List<float[]> cleanImages = new ArrayList<>();
        private final List<float[]> advImages = new ArrayList<>();
        private double seconds;
        private boolean partial;
        private int skipped;

        private Builder(String attack, String parameterName, String model, ImageSet source, String targets,
                        double[] budgets) {
            this.attack = attack;
            this.parameterName = parameterName;
            this.model = model;
            this.source = source;
            this.targets = targets;
            this.budgets = budgets.clone();
        }

        Builder add(Example e, float[] cleanImage, float[] adv) {
            examples.add(e);
            cleanImages.add(cleanImage);
            advImages.add(adv);
            return this;
        }

        Builder seconds(double s) {
            this.seconds = s;
            return this;
        }

        Builder partial(boolean p) {
            this.partial = p;
            return this;
        }

        Builder skipped(int count) {
            this.skipped = count;
            return this;
        }

        AttackResult build() {
            return new AttackResult(this);
        }
    }
}
