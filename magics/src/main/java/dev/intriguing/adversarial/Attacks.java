package dev.intriguing.adversarial;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * The index of attacks by name: what {@code %adversarial --attack NAME} offers and what the attack contract test
 * walks. A new attack is one class plus one entry here.
 *
 * <pre>{@code
 * Attacks.names()                                        // [lbfgs]
 * Attacks.get("lbfgs").create(new Attacks.Options(64))   // lbfgs(initialC=0.000100000, ..., batch=64, ...)
 * Attacks.get("fgsm")   // IllegalArgumentException: expected one of lbfgs; got 'fgsm'
 * }</pre>
 */
public final class Attacks {
    /**
     * What every attack in the index can be given from a magic.
     *
     * @param batchSize examples in flight at once (at least 1)
     */
    public record Options(int batchSize) {
        public Options {
            if (batchSize < 1) {
                throw new IllegalArgumentException("batch size must be at least 1, got " + batchSize);
            }
        }

        /** The options as they are written on {@code %adversarial}'s command line. */
        @Override
        public String toString() {
            return "--batch " + batchSize;
        }
    }

    /**
     * One attack of the index.
     *
     * @param name     the name {@code --attack} takes, equal to the attack's {@link Attack#name()}
     * @param purpose  one line for documentation
     * @param defaults the options a magic uses when none are given
     * @param factory  builds the attack from options
     */
    public record Entry(String name, String purpose, Options defaults, Function<Options, Attack> factory) {
        /** The attack with {@code options}. */
        public Attack create(Options options) {
            return factory.apply(Objects.requireNonNull(options, "options"));
        }

        /** The attack with its default options. */
        public Attack create() {
            return create(defaults);
        }
    }

    private static final List<Entry> ENTRIES = List.of(
            new Entry("lbfgs", "box-constrained L-BFGS with a search on c per example: the smallest distortion "
                    + "(paper section 4.1)", new Options(LbfgsAttack.DEFAULT_BATCH_SIZE),
                    o -> LbfgsAttack.builder().optBatchSize(o.batchSize()).build()));

    private Attacks() {
    }

    /** Every attack, in the order they are documented. */
    public static List<Entry> all() {
        return ENTRIES;
    }

    /** The names {@code --attack} accepts. */
    public static List<String> names() {
        return ENTRIES.stream().map(Entry::name).toList();
    }

    /**
     * The attack called {@code name}.
     *
     * @throws IllegalArgumentException listing the known attacks ({@code expected one of lbfgs; got 'foo'})
     */
    public static Entry get(String name) {
        return ENTRIES.stream().filter(e -> e.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("expected one of " + String.join(", ", names())
                        + "; got '" + name + "'"));
    }
}
