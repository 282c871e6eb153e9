package dev.intriguing.adversarial;

import dev.intriguing.datasets.api.ImageSet;
import dev.intriguing.render.ImageGrid;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * What every attack returns: one row per attacked image, a summary, and the clean and adversarial images as image
 * sets so later steps (other models, curves) can use them.
 *
 * <pre>{@code
 * adv.summary()     // success rate, mean/median/max distortion, seconds, examples/s
 * adv.table()       // index, label, clean, target, final, success, distortion, c, iterations, evaluations
 * adv.adversarial() // ImageSet of the perturbed images, labelled with their true classes
 * }</pre>
 *
 * <p>Distortion is the paper's {@code sqrt(sum((x' - x)^2) / n)}; summary statistics of distortion are over the
 * successful examples. A failed example keeps its clean image in {@link #adversarial()}.
 */
public final class AttackResult {
    /**
     * One attacked image.
     *
     * @param index       its index in the data set
     * @param label       its true class
     * @param cleanLabel  the class the model gives the clean image
     * @param target      the class aimed at (the easiest one for {@code --target all})
     * @param finalLabel  the class a fresh forward pass gives the returned image
     * @param success     whether the returned image is inside the box and classified as the target
     * @param distortion  sqrt(sum((x' - x)^2) / n), NaN on failure
     * @param c           the loss weight of the returned image
     * @param iterations  solver iterations over every c (and every target)
     * @param evaluations model evaluations (forward and backward) spent on it
     */
    public record Example(int index, int label, int cleanLabel, int target, int finalLabel, boolean success,
                          double distortion, double c, int iterations, long evaluations) {
    }

    private final String attack;
    private final String model;
    private final String data;
    private final String targets;
    private final List<Example> examples;
    private final ImageSet clean;
    private final ImageSet adversarial;
    private final double seconds;
    private final boolean partial;

    private AttackResult(Builder b) {
        this.attack = b.attack;
        this.model = b.model;
        this.data = b.source.name();
        this.targets = b.targets;
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
    }

    static Builder builder(String attack, String model, ImageSet source, String targets) {
        return new Builder(attack, model, source, targets);
    }

    public String attack() {
        return attack;
    }

    public String model() {
        return model;
    }

    /** The name of the data set attacked. */
    public String data() {
        return data;
    }

    /** The target choice, e.g. {@code random (seed 0)}. */
    public String targets() {
        return targets;
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

    /** Share of examples attacked successfully, in [0, 1] (NaN when empty). */
    public double successRate() {
        return examples.isEmpty() ? Double.NaN
                : examples.stream().filter(Example::success).count() / (double) examples.size();
    }

    private double[] successDistortions() {
        return examples.stream().filter(Example::success).mapToDouble(Example::distortion).sorted().toArray();
    }

    /** Mean distortion over the successful examples (NaN when none). */
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

    /** One row: the summary figures. */
    public Table summary() {
        return Table.create("summary")
                .addColumns(
                        StringColumn.create("attack", attack),
                        StringColumn.create("model", model),
                        StringColumn.create("data", data),
                        StringColumn.create("targets", targets),
                        IntColumn.create("examples", new int[] {examples.size()}),
                        DoubleColumn.create("success rate", successRate()),
                        DoubleColumn.create("mean distortion", meanDistortion()),
                        DoubleColumn.create("median distortion", medianDistortion()),
                        DoubleColumn.create("max distortion", maxDistortion()),
                        DoubleColumn.create("evaluations/example", evaluationsPerExample()),
                        DoubleColumn.create("seconds", seconds),
                        DoubleColumn.create("examples/s", examplesPerSecond()),
                        BooleanColumn.create("partial", new boolean[] {partial}));
    }

    /** One row per example. */
    public Table table() {
        int m = examples.size();
        int[] index = new int[m];
        int[] label = new int[m];
        int[] cleanLabel = new int[m];
        int[] target = new int[m];
        int[] fin = new int[m];
        boolean[] success = new boolean[m];
        double[] dist = new double[m];
        double[] c = new double[m];
        int[] iters = new int[m];
        long[] evals = new long[m];
        for (int i = 0; i < m; i++) {
            Example e = examples.get(i);
            index[i] = e.index();
            label[i] = e.label();
            cleanLabel[i] = e.cleanLabel();
            target[i] = e.target();
            fin[i] = e.finalLabel();
            success[i] = e.success();
            dist[i] = e.distortion();
            c[i] = e.c();
            iters[i] = e.iterations();
            evals[i] = e.evaluations();
        }
        return Table.create(attack + " on " + model)
                .addColumns(IntColumn.create("index", index), IntColumn.create("label", label),
                        IntColumn.create("clean", cleanLabel), IntColumn.create("target", target), IntColumn.create("final", fin),
                        BooleanColumn.create("success", success), DoubleColumn.create("distortion", dist),
                        DoubleColumn.create("c", c), IntColumn.create("iterations", iters),
                        LongColumn.create("evaluations", evals));
    }

    /** Writes {@link #table()} as CSV, atomically (a temporary file renamed into place). */
    public Path toCsv(Path file) {
        try {
            Path dir = file.toAbsolutePath().getParent();
            if (dir != null) {
                Files.createDirectories(dir);
            }
            Path tmp = Files.createTempFile(dir, ".adv-", ".csv.tmp");
            try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                w.write("index,label,clean,target,final,success,distortion,c,iterations,evaluations\n");
                for (Example e : examples) {
                    w.write(String.format(Locale.ROOT, "%d,%d,%d,%d,%d,%b,%.8g,%.8g,%d,%d%n", e.index(), e.label(),
                            e.cleanLabel(), e.target(), e.finalLabel(), e.success(), e.distortion(), e.c(), e.iterations(),
                            e.evaluations()));
                }
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The paper's Figure 5 layout for the first {@code max} examples: triplets of original, perturbation magnified
     * ten times around mid-grey, and adversarial image; the images are captioned with the model's prediction (the
     * original also with its index), a failed example's adversarial image with {@code fail}.
     */
    public BufferedImage tripletGrid(int max) {
        int count = Math.min(max, examples.size());
        ImageGrid.Builder grid = ImageGrid.builder(clean.height(), clean.width()).columns(9).scale(2)
                .title(attack + " on " + model + ": original, perturbation x10, adversarial");
        for (int i = 0; i < count; i++) {
            Example e = examples.get(i);
            float[] x = clean.image(i);
            float[] a = adversarial.image(i);
            float[] p = new float[x.length];
            for (int j = 0; j < x.length; j++) {
                p[j] = 0.5f + 10f * (a[j] - x[j]);
            }
            grid.add(x, "#" + e.index() + ": " + e.cleanLabel());
            grid.add(p, "x10");
            grid.add(a, (e.success() ? "-> " : "fail ") + e.finalLabel());
        }
        return grid.build();
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT,
                "AttackResult[%s on %s, %s, targets %s: %d examples%s, success %.1f%%, distortion mean %.4f"
                        + " median %.4f max %.4f, %.1f evaluations/example, %.1f s (%.1f examples/s)]",
                attack, model, data, targets, examples.size(), partial ? " (partial: interrupted)" : "",
                100 * successRate(), meanDistortion(), medianDistortion(), maxDistortion(), evaluationsPerExample(),
                seconds, examplesPerSecond());
    }

    /** Collects examples in order. */
    static final class Builder {
        private final String attack;
        private final String model;
        private final ImageSet source;
        private final String targets;
        private final List<Example> examples = new ArrayList<>();
        private final List<float[]> cleanImages = new ArrayList<>();
        private final List<float[]> advImages = new ArrayList<>();
        private double seconds;
        private boolean partial;

        private Builder(String attack, String model, ImageSet source, String targets) {
            this.attack = attack;
            this.model = model;
            this.source = source;
            this.targets = targets;
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

        AttackResult build() {
            return new AttackResult(this);
        }
    }
}
