package dev.intriguing.units;

import java.util.Arrays;
import java.util.Random;

/**
 * Which units of a layer to show: the first N live units, N live units drawn at random (seeded), or a list of
 * indices.
 *
 * <pre>{@code
 * UnitChoice.parse("4")          // the first 4 live units
 * UnitChoice.parse("random:4")   // 4 live units drawn with the seed
 * UnitChoice.parse("3,17,42")    // exactly these
 * }</pre>
 *
 * @param kind  how the units are chosen
 * @param count how many, for {@link Kind#FIRST} and {@link Kind#RANDOM}
 * @param list  the indices, for {@link Kind#LIST}
 */
public record UnitChoice(Kind kind, int count, int[] list) {
    /** How units are chosen. */
    public enum Kind { FIRST, RANDOM, LIST }

    public UnitChoice {
        list = list == null ? new int[0] : list.clone();
    }

    /** The first {@code n} live units. */
    public static UnitChoice first(int n) {
        return new UnitChoice(Kind.FIRST, n, null);
    }

    /** {@code n} live units drawn at random with the seed. */
    public static UnitChoice random(int n) {
        return new UnitChoice(Kind.RANDOM, n, null);
    }

    /** Exactly these units, in this order. */
    public static UnitChoice of(int... units) {
        return new UnitChoice(Kind.LIST, units.length, units);
    }

    /**
     * Reads {@code N}, {@code random:N} or a comma-separated list of unit indices.
     *
     * @throws IllegalArgumentException with what is accepted, when {@code text} is none of these
     */
    public static UnitChoice parse(String text) {
        String s = text.strip();
        try {
            if (s.startsWith("random:")) {
                int n = Integer.parseInt(s.substring("random:".length()).strip());
                if (n >= 0) {
                    return random(n);
                }
            } else if (s.contains(",")) {
                int[] units = Arrays.stream(s.split(",")).map(String::strip).mapToInt(Integer::parseInt).toArray();
                if (Arrays.stream(units).allMatch(u -> u >= 0)) {
                    return of(units);
                }
            } else {
                int n = Integer.parseInt(s);
                if (n >= 0) {
                    return first(n);
                }
            }
        } catch (NumberFormatException e) {
            // falls through to the error below
        }
        throw new IllegalArgumentException("expects a count N (the first N live units), random:N (N live units drawn"
                + " with --seed) or a list of unit indices such as 3,17,42; got '" + text + "'");
    }

    /**
     * The unit indices this choice names in {@code a}.
     *
     * @throws IllegalArgumentException when an index is out of range or names a dead unit, or more units are asked
     *                                  for than are live
     */
    public int[] resolve(Activations a, long seed) {
        int[] live = a.liveUnits();
        switch (kind) {
            case LIST -> {
                for (int u : list) {
                    if (u < 0 || u >= a.units()) {
                        throw new IllegalArgumentException("unit " + u + " is out of range: layer " + a.layer() + " has "
                                + a.units() + " units, 0 to " + (a.units() - 1));
                    }
                    if (a.isDead(u)) {
                        throw new IllegalArgumentException("unit " + u + " of layer " + a.layer() + " is dead on " + a.data()
                                + " (it takes the same value on every image, so it ranks nothing); " + live.length
                                + " of the " + a.units() + " units are live, e.g. " + firstFew(live));
                    }
                }
                return list.clone();
            }
            case FIRST, RANDOM -> {
                if (count > live.length) {
                    throw new IllegalArgumentException("asked for " + count + " units but layer " + a.layer() + " has "
                            + live.length + " live units on " + a.data() + " (" + a.deadCount() + " dead)");
                }
                if (kind == Kind.FIRST) {
                    return Arrays.copyOf(live, count);
                }
                // a partial Fisher-Yates shuffle of the live units; its own stream, so that the random directions
                // drawn with the same seed do not depend on how many units were drawn
                Random rnd = new Random(seed ^ 0x5DEECE66DL);
                int[] pool = live.clone();
                for (int i = 0; i < count; i++) {
                    int j = i + rnd.nextInt(pool.length - i);
                    int t = pool[i];
                    pool[i] = pool[j];
                    pool[j] = t;
                }
                return Arrays.copyOf(pool, count);
            }
            default -> throw new IllegalStateException();
        }
    }

    private static String firstFew(int[] live) {
        return live.length == 0 ? "none" : Arrays.toString(Arrays.copyOf(live, Math.min(5, live.length)))
                .replace("[", "").replace("]", "") + (live.length > 5 ? ", ..." : "");
    }

    /** The option value: {@code 4}, {@code random:4} or {@code 3,17,42}. */
    @Override
    public String toString() {
        return switch (kind) {
            case FIRST -> Integer.toString(count);
            case RANDOM -> "random:" + count;
            case LIST -> String.join(",", Arrays.stream(list).mapToObj(Integer::toString).toList());
        };
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof UnitChoice u && u.kind == kind && u.count == count && Arrays.equals(u.list, list);
    }

    @Override
    public int hashCode() {
        return 31 * kind.hashCode() + 7 * count + Arrays.hashCode(list);
    }
}
