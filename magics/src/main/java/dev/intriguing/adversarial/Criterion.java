package dev.intriguing.adversarial;

import java.util.Objects;

/**
 * What counts as a successful attack on one example: reaching a chosen wrong class ({@link #targeted}, the paper's
 * setting, with the target choices of {@link Targets}), or being classified as any class but the true one
 * ({@link #untargeted}, the setting of FGSM and PGD).
 *
 * <pre>{@code
 * Criterion.targeted(Targets.random(0))   // random (seed 0)
 * Criterion.untargeted()                  // untargeted
 * }</pre>
 */
public final class Criterion {
    private static final Criterion UNTARGETED = new Criterion(null);

    /** The target choice, or null when any wrong class will do. */
    private final Targets targets;

    private Criterion(Targets targets) {
        this.targets = targets;
    }

    /** Success means the class that {@code targets} chose for the example. */
    public static Criterion targeted(Targets targets) {
        return new Criterion(Objects.requireNonNull(targets, "targets"));
    }

    /** Success means any class but the true one. */
    public static Criterion untargeted() {
        return UNTARGETED;
    }

    public boolean isTargeted() {
        return targets != null;
    }

    /** The target choice of a targeted criterion. */
    public Targets targets() {
        if (targets == null) {
            throw new IllegalStateException("an untargeted criterion has no targets");
        }
        return targets;
    }

    /**
     * Checks, before any work, that the criterion fits a model with {@code numClasses} classes.
     *
     * @throws IllegalArgumentException naming the valid classes
     */
    void check(int numClasses) {
        if (targets != null && targets.kind() == Targets.Kind.FIXED && targets.fixedClass() >= numClasses) {
            throw new IllegalArgumentException("target class " + targets.fixedClass()
                    + " is not one of the model's classes 0.." + (numClasses - 1));
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Criterion c && Objects.equals(toString(), c.toString());
    }

    @Override
    public int hashCode() {
        return toString().hashCode();
    }

    /** The target choice (e.g. {@code random (seed 0)}), or {@code untargeted}. */
    @Override
    public String toString() {
        return targets == null ? "untargeted" : targets.toString();
    }
}
