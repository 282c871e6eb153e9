package dev.intriguing.adversarial;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * The index of attacks by name: what {@code %adversarial --attack NAME} offers and what the attack contract test
 * walks. A new attack is one class plus one entry here.
 *
 * <pre>{@code
 * Attacks.names()                                        // [lbfgs, fgsm, pgd, ...]
 * Attacks.get("lbfgs").create(new Attacks.Options(64))   // lbfgs(initialC=0.000100000, ..., batch=64, ...)
 * Attacks.get("pgd").create(new Attacks.Options(256).withNorm(Norm.L2).withMinimal(true))
 * Attacks.get("foo")    // IllegalArgumentException: expected one of lbfgs, fgsm, ...; got 'foo'
 * }</pre>
 */
public final class Attacks {
    /**
     * What an attack of the index can be given from a magic, typed and checked up front; each attack accepts only the
     * options its entry lists ({@link Entry#accepts()}), and an unset option means the attack's own default.
     *
     * @param batchSize examples in flight at once (at least 1)
     * @param norm      the norm of a fixed-budget attack's ε ({@code --norm linf|l2}); null for the attack's default
     * @param eps       the budget of a fixed-budget attack, or the upper end of its {@code --minimal} search, in the
     *                  norm's units (see {@link Norm}); NaN for the attack's default
     * @param minimal   search the smallest ε per example instead of attacking at ε
     * @param steps     iterations of the attack's inner loop ({@code --steps}); 0 for the attack's default
     * @param seed      seed of any random start
     */
    public record Options(int batchSize, Norm norm, double eps, boolean minimal, int steps, long seed) {
        public Options {
            if (batchSize < 1) {
                throw new IllegalArgumentException("batch size must be at least 1, got " + batchSize);
            }
            if (!Double.isNaN(eps) && !(eps > 0 && eps < Double.POSITIVE_INFINITY)) {
                throw new IllegalArgumentException("eps must be a positive finite number, got " + eps);
            }
            if (steps < 0) {
                throw new IllegalArgumentException("steps must be at least 1, got " + steps);
            }
        }

        /** Only a batch size; every other option at the attack's default. */
        public Options(int batchSize) {
            this(batchSize, null, Double.NaN, false, 0, 0);
        }

        public Options withNorm(Norm n) {
            return new Options(batchSize, n, eps, minimal, steps, seed);
        }

        public Options withEps(double e) {
            return new Options(batchSize, norm, e, minimal, steps, seed);
        }

        public Options withMinimal(boolean m) {
            return new Options(batchSize, norm, eps, m, steps, seed);
        }

        public Options withSteps(int s) {
            return new Options(batchSize, norm, eps, minimal, s, seed);
        }

        public Options withSeed(long s) {
            return new Options(batchSize, norm, eps, minimal, steps, s);
        }

        /** The options set away from their defaults, as their command-line names ({@code --batch} always). */
        public List<String> given() {
            List<String> out = new java.util.ArrayList<>(List.of("--batch"));
            if (norm != null) {
                out.add("--norm");
            }
            if (!Double.isNaN(eps)) {
                out.add("--eps");
            }
            if (minimal) {
                out.add("--minimal");
            }
            if (steps > 0) {
                out.add("--steps");
            }
            if (seed != 0) {
                out.add("--seed");
            }
            return out;
        }

        /** The options as they are written on {@code %adversarial}'s command line. */
        @Override
        public String toString() {
            StringBuilder b = new StringBuilder("--batch " + batchSize);
            if (norm != null) {
                b.append(" --norm ").append(norm);
            }
            if (!Double.isNaN(eps)) {
                b.append(" --eps ").append(eps);
            }
            if (minimal) {
                b.append(" --minimal");
            }
            if (steps > 0) {
                b.append(" --steps ").append(steps);
            }
            if (seed != 0) {
                b.append(" --seed ").append(seed);
            }
            return b.toString();
        }
    }

    /**
     * One attack of the index.
     *
     * @param name     the name {@code --attack} takes, equal to the attack's {@link Attack#name()}
     * @param purpose  one line for documentation
     * @param defaults the options a magic uses when none are given
     * @param accepts  the options the attack takes, as written on the command line ({@code --batch}, {@code --eps})
     * @param factory  builds the attack from options
     */
    public record Entry(String name, String purpose, Options defaults, List<String> accepts,
                        Function<Options, Attack> factory) {
        /**
         * The attack with {@code options}.
         *
         * @throws IllegalArgumentException before any work, for an option the attack does not take or a bad value
         */
        public Attack create(Options options) {
            Objects.requireNonNull(options, "options");
            for (String given : options.given()) {
                if (!accepts.contains(given)) {
                    throw new IllegalArgumentException(name + " takes " + String.join(", ", accepts) + "; not "
                            + given);
                }
            }
            return factory.apply(options);
        }

        /** The attack with its default options. */
        public Attack create() {
            return create(defaults);
        }
    }

    private static final List<String> BATCH = List.of("--batch");
    private static final List<String> STEPPED = List.of("--batch", "--steps");
    private static final List<String> BUDGETED = List.of("--batch", "--norm", "--eps", "--minimal", "--steps",
            "--seed");

    private static final List<Entry> ENTRIES = List.of(
            new Entry("lbfgs", "box-constrained L-BFGS with a search on c per example: the smallest distortion "
                    + "(paper section 4.1)", new Options(LbfgsAttack.DEFAULT_BATCH_SIZE), BATCH,
                    o -> LbfgsAttack.builder().optBatchSize(o.batchSize()).build()),
            new Entry("fgsm", "fast gradient sign method, one step of size eps (linf or l2); --minimal bisects eps "
                    + "per example", new Options(256), BUDGETED.subList(0, 4), o -> new PgdAttack(configure(
                    PgdAttack.Config.fgsm(o.norm() == null ? Norm.LINF : o.norm(), o.batchSize()), o))),
            new Entry("pgd", "projected gradient descent from a random start, 40 steps in an eps-ball (linf or l2); "
                    + "--minimal bisects eps per example", new Options(256), BUDGETED, o -> new PgdAttack(configure(
                    PgdAttack.Config.pgd(o.norm() == null ? Norm.LINF : o.norm(), o.batchSize()), o))),
            new Entry("deepfool", "DeepFool (L2): steps to the nearest linearised boundary, overshoot 0.02, at most 50 "
                    + "steps", new Options(256), STEPPED, o -> new DeepFoolAttack(
                    o.steps() > 0 ? o.steps() : DeepFoolAttack.DEFAULT_STEPS, o.batchSize())),
            new Entry("cw", "Carlini-Wagner L2: Adam in tanh space on distortion + c * margin, 9-step binary search on c",
                    new Options(256), STEPPED, o -> new CarliniWagnerAttack(
                    o.steps() > 0 ? o.steps() : CarliniWagnerAttack.DEFAULT_STEPS, o.batchSize())),
            new Entry("fmn", "fast minimum-norm (L2): margin descent with an adaptive eps-ball, 100 steps",
                    new Options(256), STEPPED, o -> new FmnAttack(o.steps() > 0 ? o.steps() : FmnAttack.DEFAULT_STEPS,
                    o.batchSize())));

    /** A fixed-budget attack's defaults overridden by the options given. */
    private static PgdAttack.Config configure(PgdAttack.Config c, Options o) {
        PgdAttack.Config out = c.withMinimal(o.minimal()).withSeed(o.seed());
        if (!Double.isNaN(o.eps())) {
            out = out.withEps(o.eps());
        }
        if (o.steps() > 0) {
            out = out.withSteps(o.steps());
        }
        return out;
    }

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
