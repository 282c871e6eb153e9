package dev.intriguing.datasets.api;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * Which images of a data set: its training part, its test part, or one of the paper's disjoint halves P1 and P2 of
 * the training part.
 *
 * <p>This is the one list of splits that {@code %dataset}, {@code %model train} and {@code %adversarial} accept, and
 * {@link Datasets#load(String, Split)} is the one place that turns a split into images. P1 and P2 are always the
 * paper's fixed halves ({@link Splits#PAPER_SEED}): a split never depends on a training or sampling seed, so every
 * model "trained on P1" saw the same images.
 *
 * <pre>{@code
 * Split.parse("p1")                          // P1
 * Datasets.standard().load("mnist", Split.P1).size()   // 30000
 * }</pre>
 */
public enum Split {
    /** The whole training part (60000 images for MNIST). */
    TRAIN("train", Part.TRAIN),
    /** The test part (10000 images for MNIST). */
    TEST("test", Part.TEST),
    /** The paper's first half of the training part. */
    P1("p1", Part.TRAIN),
    /** The paper's second half of the training part, disjoint from {@link #P1}. */
    P2("p2", Part.TRAIN);

    private final String label;
    private final Part part;

    Split(String label, Part part) {
        this.label = label;
        this.part = part;
    }

    /** The name users type: {@code train}, {@code test}, {@code p1} or {@code p2}. */
    public String label() {
        return label;
    }

    /** The file pair the images come from. */
    public Part part() {
        return part;
    }

    /** Whether this is one of the paper's halves P1, P2. */
    public boolean isHalf() {
        return this == P1 || this == P2;
    }

    /** The split called {@code label}; an unknown one gets an error that lists the known ones. */
    public static Split parse(String label) {
        String s = label == null ? "" : label.strip().toLowerCase(Locale.ROOT);
        for (Split split : values()) {
            if (split.label.equals(s)) {
                return split;
            }
        }
        throw new IllegalArgumentException("unknown split '" + label + "': expected one of "
                + String.join(", ", labels(Arrays.asList(values()))));
    }

    /** The labels of {@code splits}, in their order, for usage lines and error messages. */
    public static List<String> labels(Collection<Split> splits) {
        return splits.stream().map(Split::label).toList();
    }

    /** The label, so that a split prints as users type it (and as manifests and cache keys have always held it). */
    @Override
    public String toString() {
        return label;
    }
}
