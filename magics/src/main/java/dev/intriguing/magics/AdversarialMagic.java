package dev.intriguing.magics;

import dev.intriguing.adversarial.AttackResult;
import dev.intriguing.adversarial.Attacks;
import dev.intriguing.adversarial.Criterion;
import dev.intriguing.adversarial.Norm;
import dev.intriguing.adversarial.Targets;
import dev.intriguing.core.Progress;
import dev.intriguing.datasets.api.ImageSet;
import dev.intriguing.datasets.api.Split;
import dev.intriguing.models.Classifier;
import dev.intriguing.session.Session;
import io.github.spencerpark.jupyter.kernel.magic.registry.LineMagic;
import io.github.spencerpark.jupyter.kernel.magic.registry.MagicsArgs;
import java.util.List;

/**
 * {@code %adversarial --model NAME [--attack lbfgs|fgsm|pgd|...] [--data test|train] [--images N | --range A:B]
 * [--target random|next|K|all|untargeted] [--seed S] [--batch B] [--norm linf|l2] [--eps E] [--minimal] [--steps T]
 * [--include-misclassified] [--as VAR]}: an attack from the {@link Attacks} index (by default the paper's
 * box-constrained L-BFGS) on images of the data set the model was trained on (MNIST unless its manifest says
 * otherwise), with progress while it runs, then the summary, the first rows of the per-example table and the triplet
 * grid. {@code --norm}, {@code --eps}, {@code --minimal} and {@code --steps} go to the attacks that take them (FGSM,
 * PGD: see {@link Attacks}); giving one to an attack that does not take it is a usage error before any work. By
 * default only the images of the range that the model classifies correctly are attacked (the result says how many
 * were skipped); {@code --include-misclassified} attacks all.
 *
 * <pre>{@code
 * %adversarial --model a --images 100 --as adv
 * adv.meanDistortion()   // about 0.06 for FC100-100-10
 * }</pre>
 */
public final class AdversarialMagic implements Magic {
    public static final MagicSpec SPEC = new MagicSpec("adversarial", List.of(),
            "find minimally distorted adversarial examples (default attack: batched box-constrained L-BFGS, paper "
                    + "section 4.1)",
            "%adversarial --model NAME [--attack " + String.join("|", Attacks.names()) + "] [--data test|train] "
                    + "[--images N | --range A:B] [--target random|next|K|all|untargeted] [--seed S] [--batch B] [--norm linf|l2] [--eps E] [--minimal] "
                    + "[--steps T] [--include-misclassified] [--as VAR]",
            "%adversarial --model a --images 100 --as adv");

    private static final MagicsArgs SCHEMA = MagicsArgs.builder()
            .keyword("model").keyword("attack").keyword("data").keyword("images").keyword("range").keyword("target").keyword("seed")
            .keyword("batch").keyword("norm").keyword("eps").keyword("steps").keyword("minimal")
            .keyword("include-misclassified").keyword("as")
            .onlyKnownKeywords().onlyKnownFlags().build();

    private final Session session;
    private final Displayer displayer;

    public AdversarialMagic(MagicContext context) {
        this.session = context.session();
        this.displayer = context.displayer();
    }

    @Override
    public MagicSpec spec() {
        return SPEC;
    }

    /** The validated options of one call; {@code toString()} is the canonical command line. */
    public record AdversarialOptions(String model, String attack, String data, int from, int to, String target,
                                     long seed, int batch, boolean includeMisclassified, String as,
                                     Attacks.Options tuning) {
        static AdversarialOptions parse(List<String> args) {
            Options o = Options.parse(SPEC, SCHEMA, args, List.of("include-misclassified", "minimal"));
            boolean minimal = o.on("minimal");
            String model = o.required("model");
            String attack = o.choice("attack", "lbfgs", Attacks.names());
            String data = o.choice("data", "test", List.of("test", "train"));
            int size = data.equals("test") ? 10_000 : 60_000;
            if (o.string("images").isPresent() && o.string("range").isPresent()) {
                throw o.error("give --images N or --range A:B, not both.");
            }
            int from = 0;
            int to = o.integer("images", 100, 1, size);
            if (o.string("range").isPresent()) {
                String r = o.string("range").get();
                String[] ab = r.split(":", -1);
                try {
                    from = Integer.parseInt(ab[0].strip());
                    to = Integer.parseInt(ab[1].strip());
                } catch (RuntimeException e) {
                    throw o.error("--range expects A:B, the images from index A up to (not including) B; got '" + r + "'.");
                }
                if (ab.length != 2 || from < 0 || to <= from || to > size) {
                    throw o.error("--range expects A:B with 0 <= A < B <= " + size + " for --data " + data + "; got '" + r
                            + "'.");
                }
            }
            String target = o.string("target", "random");
            try {
                if (!target.equals("untargeted")) {
                    Targets.parse(target, 0);
                }
            } catch (IllegalArgumentException e) {
                throw o.error("--target " + e.getMessage() + ".");
            }
            long seed = o.longValue("seed", 0);
            int batch = o.integer("batch", Attacks.get(attack).defaults().batchSize(), 1, 10_000);
            boolean includeMisclassified = o.on("include-misclassified");
            String as = o.name("as", "adv");
            Attacks.Entry entry = Attacks.get(attack);
            Attacks.Options tuning = new Attacks.Options(batch).withMinimal(minimal);
            try {
                if (o.string("norm").isPresent()) {
                    tuning = tuning.withNorm(Norm.parse(o.string("norm").get()));
                }
                if (o.string("eps").isPresent()) {
                    tuning = tuning.withEps(o.number("eps", 0, Double.MIN_VALUE, 1e6));
                }
                if (o.string("steps").isPresent()) {
                    tuning = tuning.withSteps(o.integer("steps", 1, 1, 100_000));
                }
                if (entry.accepts().contains("--seed")) {
                    tuning = tuning.withSeed(seed);
                }
                entry.create(tuning); // rejects options the attack does not take, before any work
            } catch (IllegalArgumentException e) {
                throw o.error(e.getMessage() + ".");
            }
            return new AdversarialOptions(model, attack, data, from, to, target, seed, batch, includeMisclassified, as,
                    tuning);
        }

        /** The attack's options. */
        public Attacks.Options attackOptions() {
            return tuning;
        }

        /** What counts as success: the target choice, or any wrong class for {@code --target untargeted}. */
        public Criterion criterion() {
            return target.equals("untargeted") ? Criterion.untargeted() : Criterion.targeted(targets());
        }

        /** The target choice. */
        public Targets targets() {
            return Targets.parse(target, seed);
        }

        @Override
        public String toString() {
            return "%adversarial --model " + model + " --attack " + attack + " --data " + data + " --range " + from + ":" + to + " --target "
                    + target + " --seed " + seed + " --batch " + batch + tuning.toString().substring(("--batch " + batch).length())
                    .replace(" --seed " + seed, "") + (includeMisclassified ? " --include-misclassified" : "") + " --as " + as;
        }
    }

    @LineMagic("adversarial")
    public AttackResult adversarial(List<String> args) {
        AdversarialOptions o = AdversarialOptions.parse(args);
        Classifier model;
        try {
            model = session.model(o.model());
        } catch (Session.UnknownNameException e) {
            throw MagicUsageException.of(SPEC, e.getMessage());
        }
        Targets targets = o.target().equals("untargeted") ? Targets.next() : o.targets();
        if (targets.kind() == Targets.Kind.FIXED && targets.fixedClass() >= model.numClasses()) {
            throw MagicUsageException.of(SPEC, "--target expects a class from 0 to " + (model.numClasses() - 1)
                    + " for model " + o.model() + "; got " + targets.fixedClass() + ".");
        }
        ImageSet data = session.datasets().load(model.dataSet(), Split.parse(o.data()));
        Progress progress = displayer.progress("%adversarial on " + o.model() + ": images " + o.from() + ".." + o.to());
        AttackResult result = Attacks.get(o.attack()).create(o.attackOptions())
                .run(model, data.slice(o.from(), o.to()), o.from(), o.criterion(), List.of(), o.includeMisclassified(),
                        progress);
        session.put(o.as(), result);
        displayer.display(result);
        return result;
    }
}
