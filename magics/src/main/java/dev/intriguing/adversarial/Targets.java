package dev.intriguing.adversarial;

import java.util.Locale;

/**
 * Which wrong class an attack aims at for each example: {@code random} (seeded, never the true class), {@code next}
 * ((y + 1) mod classes), a fixed class, or {@code all} (every wrong class; the result keeps the easiest).
 *
 * <p>A random target depends only on the seed and the example's index in its data set, never on the batch or the
 * range attacked, so example 37 gets the same target in {@code --images 100} and {@code --range 30:40}.
 */
public final class Targets {
    /** The kinds of target choice. */
    public enum Kind {
        RANDOM, NEXT, FIXED, ALL
    }

    private final Kind kind;
    private final int fixed;
    private final long seed;

    private Targets(Kind kind, int fixed, long seed) {
        this.kind = kind;
        this.fixed = fixed;
        this.seed = seed;
    }

    /** A random wrong class per example, drawn from {@code seed} and the example's index. */
    public static Targets random(long seed) {
        return new Targets(Kind.RANDOM, -1, seed);
    }

    /** The class after the true one, (y + 1) mod classes. */
    public static Targets next() {
        return new Targets(Kind.NEXT, -1, 0);
    }

    /** Always class {@code k}; examples whose true class is k are skipped. */
    public static Targets fixed(int k) {
        if (k < 0) {
            throw new IllegalArgumentException("a target class is at least 0, got " + k);
        }
        return new Targets(Kind.FIXED, k, 0);
    }

    /** Every wrong class; the result reports the easiest (smallest distortion) per example. */
    public static Targets all() {
        return new Targets(Kind.ALL, -1, 0);
    }

    /**
     * Parses {@code random}, {@code next}, {@code all} or a class number.
     *
     * @throws IllegalArgumentException naming what is accepted
     */
    public static Targets parse(String text, long seed) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        switch (t) {
            case "random":
                return random(seed);
            case "next":
                return next();
            case "all":
                return all();
            default:
                int k;
                try {
                    k = Integer.parseInt(t);
                } catch (NumberFormatException e) {
                    k = -1;
                }
                if (k < 0) {
                    throw new IllegalArgumentException("expected random, next, all or a class number (0, 1, ...); got '"
                            + text + "'");
                }
                return fixed(k);
        }
    }

    public Kind kind() {
        return kind;
    }

    /** The fixed class, or -1. */
    public int fixedClass() {
        return fixed;
    }

    public long seed() {
        return seed;
    }

    /**
     * The targets for one example: one class, several for {@code all}, none for a fixed class equal to the label.
     *
     * @param index      the example's index in its data set
     * @param label      its true class
     * @param numClasses classes of the model
     */
    public int[] targetsFor(int index, int label, int numClasses) {
        switch (kind) {
            case RANDOM: {
                long h = mix(seed * 0x9E3779B97F4A7C15L + index);
                int offset = 1 + (int) Math.floorMod(h, (long) (numClasses - 1));
                return new int[] {(label + offset) % numClasses};
            }
            case NEXT:
                return new int[] {(label + 1) % numClasses};
            case FIXED:
                if (fixed >= numClasses) {
                    throw new IllegalArgumentException("target class " + fixed + " is not one of the model's classes 0.."
                            + (numClasses - 1));
                }
                return fixed == label ? new int[0] : new int[] {fixed};
            default: {
                int[] out = new int[numClasses - 1];
                for (int k = 0, j = 0; k < numClasses; k++) {
                    if (k != label) {
                        out[j++] = k;
                    }
                }
                return out;
            }
        }
    }

    /** SplitMix64's finaliser: a well-spread hash of a long. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    @Override
    public String toString() {
        switch (kind) {
            case RANDOM:
                return "random (seed " + seed + ")";
            case FIXED:
                return Integer.toString(fixed);
            default:
                return kind.name().toLowerCase(Locale.ROOT);
        }
    }
}
