package dev.intriguing.transfer;

import dev.intriguing.adversarial.AttackResult;
import dev.intriguing.adversarial.PerturbedSet;
import dev.intriguing.core.Progress;
import dev.intriguing.datasets.api.ImageSet;
import dev.intriguing.models.Classifier;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CancellationException;

/**
 * A transfer experiment, the paper's Tables 2 and 4: perturbed image sets as rows, models as columns, and in each cell
 * the error rate of the column's model on the row's images (the share whose predicted class differs from the true
 * one, the paper's "error induced").
 *
 * <pre>{@code
 * TransferResult t2 = Transfer.builder()
 *         .addSet("adv_fc100", adv_fc100).addSet("adv_ae400", adv_ae400)
 *         .addModel("fc100", fc100).addModel("ae400", ae400)
 *         .addNoise(0.1).addNoise(0.3)
 *         .build().run(Progress.NONE);
 * t2.error("adv_fc100", "ae400")   // 0.025: AE400-10's error on FC100-100-10's adversarial examples
 * }</pre>
 *
 * <p>Rows come in this order: the sets as added; then the amplified and noise rows by the size asked for, amplified
 * before noise at equal size (so Table 4 reads sets, noise 0.06, amplified to 0.1, noise 0.1, as in the paper).
 * <ul>
 * <li>An attack's set is every example it returned, {@link AttackResult#perturbed()} (a failed example stays clean).
 * <li>{@link Builder#addAmplified amplified}: each attack set's perturbations rescaled to an RMS and clipped,
 * {@link PerturbedSet#amplified}.
 * <li>{@link Builder#addNoise noise}: {@link GaussianNoise} of a stddev, seeded, on the clean images of all sets (each
 * data-set image once, in the order the sets first list them).
 * <li>{@link Builder#optMatchedNoise matched noise}: per set, Gaussian noise whose stddev is that set's mean
 * distortion, on that set's clean images.
 * </ul>
 * Every row reports the mean per-pixel RMS distortion of its images after clipping, the size really added.
 */
public final class Transfer {
    private final Map<String, PerturbedSet> sets;
    private final Map<String, Classifier> models;
    private final List<Double> noise;
    private final boolean matched;
    private final List<Double> amplified;
    private final long seed;

    private Transfer(Builder b) {
        this.sets = new LinkedHashMap<>(b.sets);
        this.models = new LinkedHashMap<>(b.models);
        this.noise = List.copyOf(b.noise);
        this.matched = b.matched;
        this.amplified = List.copyOf(b.amplified);
        this.seed = b.seed;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** One row before it is measured. */
    private record Planned(String name, TransferResult.Kind kind, double nominal, PerturbedSet images) {
    }

    /**
     * Measures every cell: one batched prediction per row and model.
     *
     * @throws CancellationException when the user interrupts it; nothing is kept
     */
    public TransferResult run(Progress progress) {
        List<Planned> rows = plan();
        List<TransferResult.Row> out = new ArrayList<>();
        int done = 0;
        for (Planned p : rows) {
            List<Double> errors = new ArrayList<>();
            for (Map.Entry<String, Classifier> m : models.entrySet()) {
                if (Progress.interrupted()) {
                    // nothing half-made is kept: the table is cheap to run again
                    throw new CancellationException("%transfer was interrupted at row " + p.name()
                            + "; nothing was kept.");
                }
                errors.add(m.getValue().errorRate(p.images().perturbed()));
                progress.update(p.name() + " on " + m.getKey(), ++done / (double) (rows.size() * models.size()));
            }
            out.add(new TransferResult.Row(p.name(), p.kind(), p.nominal(), p.images().size(),
                    p.images().meanDistortion(), errors));
        }
        return new TransferResult(dataName(), List.copyOf(models.keySet()), out, seed);
    }

    private List<Planned> plan() {
        List<Planned> head = new ArrayList<>();
        List<Planned> tail = new ArrayList<>();
        for (Map.Entry<String, PerturbedSet> s : sets.entrySet()) {
            head.add(new Planned(s.getKey(), TransferResult.Kind.ADVERSARIAL, s.getValue().nominal(), s.getValue()));
        }
        for (double rms : amplified) {
            for (Map.Entry<String, PerturbedSet> s : sets.entrySet()) {
                String name = s.getKey() + " amplified to " + Format.number(rms);
                tail.add(new Planned(name, TransferResult.Kind.AMPLIFIED, rms, s.getValue().amplified(rms)));
            }
        }
        if (matched) {
            for (Map.Entry<String, PerturbedSet> s : sets.entrySet()) {
                PerturbedSet set = s.getValue();
                double sigma = set.meanDistortion();
                String name = "Gaussian noise matched to " + s.getKey() + ", stddev=" + Format.number(sigma);
                tail.add(new Planned(name, TransferResult.Kind.MATCHED_NOISE, sigma, GaussianNoise.apply(set.clean(),
                        set.indices(), GaussianNoise.field(set.clean(), seed), sigma, name)));
            }
        }
        if (!noise.isEmpty()) {
            Union clean = union();
            double[] z = GaussianNoise.field(clean.images(), seed);
            for (double sigma : noise) {
                String name = "Gaussian noise, stddev=" + Format.number(sigma);
                tail.add(new Planned(name, TransferResult.Kind.NOISE, sigma,
                        GaussianNoise.apply(clean.images(), clean.indices(), z, sigma, name)));
            }
        }
        // by size; amplified before noise at equal size, as the paper's Table 4 lists them (a stable sort keeps
        // the order of rows of the same kind and size)
        tail.sort(Comparator.comparingDouble(Planned::nominal)
                .thenComparing(p -> p.kind() == TransferResult.Kind.AMPLIFIED ? 0 : 1));
        head.addAll(tail);
        return head;
    }

    /** The clean images of all sets, each data-set image once, with their indices. */
    private record Union(ImageSet images, int[] indices) {
    }

    private Union union() {
        Map<String, Integer> seen = new LinkedHashMap<>();
        List<float[]> pixels = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        List<Integer> indices = new ArrayList<>();
        ImageSet first = sets.values().iterator().next().clean();
        for (PerturbedSet s : sets.values()) {
            int[] idx = s.indices();
            for (int i = 0; i < s.size(); i++) {
                String key = s.clean().name() + "#" + idx[i];
                if (seen.putIfAbsent(key, i) == null) {
                    pixels.add(s.clean().image(i));
                    labels.add(s.clean().label(i));
                    indices.add(idx[i]);
                }
            }
        }
        int n = first.pixelsPerImage();
        float[] all = new float[pixels.size() * n];
        for (int i = 0; i < pixels.size(); i++) {
            System.arraycopy(pixels.get(i), 0, all, i * n, n);
        }
        ImageSet images = ImageSet.of(first.name(), first.height(), first.width(), first.numClasses(), all,
                labels.stream().mapToInt(Integer::intValue).toArray());
        return new Union(images, indices.stream().mapToInt(Integer::intValue).toArray());
    }

    /** The data the sets were made from, e.g. {@code mnist-train}, or several joined by {@code +}. */
    private String dataName() {
        return String.join("+", sets.values().stream().map(s -> s.clean().name()).distinct().toList());
    }

    /** Collects rows and columns; {@link #build()} checks them before any work. */
    public static final class Builder {
        private final Map<String, PerturbedSet> sets = new LinkedHashMap<>();
        private final Map<String, Classifier> models = new LinkedHashMap<>();
        private final List<Double> noise = new ArrayList<>();
        private final List<Double> amplified = new ArrayList<>();
        private boolean matched;
        private long seed;

        private Builder() {
        }

        /** Adds an attack's examples as a row called {@code name}. */
        public Builder addSet(String name, AttackResult set) {
            return addSet(name, set.perturbed());
        }

        /** Adds any perturbed images as a row called {@code name}. */
        public Builder addSet(String name, PerturbedSet set) {
            Objects.requireNonNull(set, "set");
            if (sets.putIfAbsent(Objects.requireNonNull(name, "name"), set) != null) {
                throw new IllegalArgumentException("a row called '" + name + "' was already added");
            }
            return this;
        }

        /** Adds a column: the model {@code name}. */
        public Builder addModel(String name, Classifier model) {
            Objects.requireNonNull(model, "model");
            if (models.putIfAbsent(Objects.requireNonNull(name, "name"), model) != null) {
                throw new IllegalArgumentException("a model called '" + name + "' was already added");
            }
            return this;
        }

        /** Adds a row of Gaussian noise of {@code stddev} on the clean images of the sets. */
        public Builder addNoise(double stddev) {
            GaussianNoise.checkStddev(stddev);
            noise.add(stddev);
            return this;
        }

        /** Adds, per set, a row of Gaussian noise whose stddev is the set's mean distortion. Default false. */
        public Builder optMatchedNoise(boolean matchedNoise) {
            this.matched = matchedNoise;
            return this;
        }

        /** Adds, per set, a row of its perturbations amplified to per-pixel RMS {@code rms}. */
        public Builder addAmplified(double rms) {
            if (!(rms > 0 && rms < Double.POSITIVE_INFINITY)) {
                throw new IllegalArgumentException("an amplified RMS is a positive finite number; got " + rms);
            }
            amplified.add(rms);
            return this;
        }

        /** The seed of every noise row. Default 0. */
        public Builder optSeed(long s) {
            this.seed = s;
            return this;
        }

        /**
         * The experiment, checked: at least one set and one model, and every set's images the size each model takes.
         *
         * @throws IllegalArgumentException naming what does not fit
         */
        public Transfer build() {
            if (sets.isEmpty()) {
                throw new IllegalArgumentException("a transfer table needs at least one set of perturbed images");
            }
            if (models.isEmpty()) {
                throw new IllegalArgumentException("a transfer table needs at least one model");
            }
            for (Map.Entry<String, PerturbedSet> s : sets.entrySet()) {
                for (Map.Entry<String, Classifier> m : models.entrySet()) {
                    checkFits(s.getKey(), s.getValue().clean(), m.getKey(), m.getValue());
                }
            }
            return new Transfer(this);
        }
    }

    /**
     * Checks that {@code model} takes images of the size of {@code images}.
     *
     * @throws IllegalArgumentException saying both sizes
     */
    static void checkFits(String setName, ImageSet images, String modelName, Classifier model) {
        if (images.pixelsPerImage() != model.inputSize()) {
            throw new IllegalArgumentException("the images of " + setName + " have " + images.pixelsPerImage()
                    + " pixels (" + images.height() + "x" + images.width() + ") but model " + modelName + " takes "
                    + model.inputSize());
        }
    }
}
