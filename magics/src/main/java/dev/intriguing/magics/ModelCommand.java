package dev.intriguing.magics;

import dev.intriguing.adversarial.AdversarialPool;
import dev.intriguing.datasets.api.Datasets;
import dev.intriguing.datasets.api.Split;
import dev.intriguing.models.AdversarialSettings;
import dev.intriguing.models.ModelSpec;
import dev.intriguing.models.TrainOptions;
import dev.intriguing.session.Session;
import io.github.spencerpark.jupyter.kernel.magic.registry.MagicsArgs;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * One validated {@code %model} call: a record per action, each holding exactly what that action needs. Every check
 * happens in {@link #parse}, before anything is trained, loaded or written; {@code toString()} is the canonical
 * command line.
 */
sealed interface ModelCommand {
    /** The actions, in the order the usage line gives them. */
    List<String> ACTIONS = List.of("train", "load", "save", "export", "list", "eval");

    /** {@code %model train SPEC [options] [--as NAME]}: train (or take from the cache) and bind as {@code name}. */
    record Train(ModelSpec spec, TrainOptions options, String name) implements ModelCommand {
        @Override
        public String toString() {
            return "%model train " + spec + " " + options + " --as " + name;
        }
    }

    /** {@code %model load DIR [--as NAME]}: load a saved model and bind it as {@code name}. */
    record Load(Path dir, String name) implements ModelCommand {
        @Override
        public String toString() {
            return "%model load " + dir + " --as " + name;
        }
    }

    /** {@code %model save NAME DIR}: save the session's model {@code name} to {@code dir}. */
    record Save(String name, Path dir) implements ModelCommand {
        @Override
        public String toString() {
            return "%model save " + name + " " + dir;
        }
    }

    /** {@code %model export NAME FILE.npz}: write the model's weights as a NumPy {@code .npz} file. */
    record Export(String name, Path file) implements ModelCommand {
        @Override
        public String toString() {
            return "%model export " + name + " " + file;
        }
    }

    /** {@code %model list}: the session's models. */
    record ListModels() implements ModelCommand {
        @Override
        public String toString() {
            return "%model list";
        }
    }

    /** {@code %model eval NAME [--data D]}: the model's errors on both parts of data set {@code data}. */
    record Eval(String name, String data) implements ModelCommand {
        @Override
        public String toString() {
            return "%model eval " + name + " --data " + data;
        }
    }

    /** Parses and checks one call's arguments; every mistake is a one-paragraph {@link MagicUsageException}. */
    static ModelCommand parse(MagicSpec magic, List<String> args) {
        return Parser.parse(magic, args);
    }

    /** The parsing, kept out of the interface's public face. */
    final class Parser {
        static final MagicsArgs SCHEMA = MagicsArgs.builder().required("action").optional("target").optional("path")
                .keyword("data").keyword("split").keyword("epochs").keyword("batch").keyword("lr").keyword("weight-decay")
                .keyword("seed").keyword("pretrain-epochs").keyword("shift").keyword("as")
                .keyword("adversarial").keyword("pool").keyword("refresh").keyword("mix").keyword("eps")
                .onlyKnownKeywords().onlyKnownFlags().build();
        private static final List<String> TRAIN_ONLY = List.of("split", "epochs", "batch", "lr", "weight-decay", "seed",
                "pretrain-epochs", "shift", "adversarial", "pool", "refresh", "mix", "eps");
        /** The options that only tune {@code --adversarial}. */
        private static final List<String> ADVERSARIAL_ONLY = List.of("pool", "refresh", "mix", "eps");

        private Parser() {
        }

        static ModelCommand parse(MagicSpec magic, List<String> args) {
            Options o = Options.parse(magic, SCHEMA, args);
            String action = o.required("action");
            if (!ACTIONS.contains(action)) {
                throw o.error("unknown action '" + action + "': expected one of " + String.join(", ", ACTIONS) + ".");
            }
            if (!action.equals("train")) {
                for (String k : TRAIN_ONLY) {
                    if (o.string(k).isPresent()) {
                        throw o.error("--" + k + " applies to %model train only; got it with " + action + ".");
                    }
                }
            }
            return switch (action) {
                case "train" -> train(o);
                case "load" -> new Load(Path.of(o.required("target")), loadName(o));
                case "save" -> new Save(sessionName(o), path(o, action));
                case "export" -> new Export(sessionName(o), path(o, action));
                case "eval" -> new Eval(sessionName(o), data(o));
                default -> new ListModels();
            };
        }

        private static Train train(Options o) {
            ModelSpec spec;
            try {
                spec = ModelSpec.parse(o.required("target"));
            } catch (IllegalArgumentException e) {
                throw o.error(e.getMessage() + ".");
            }
            if (o.string("path").isPresent()) {
                throw o.error("train takes one spec; got also '" + o.string("path").get() + "'.");
            }
            double wd = o.number("weight-decay", Double.NaN, 0, 100);
            if (!Double.isNaN(wd)) {
                spec = spec.withDecay(wd);
            }
            String data = data(o);
            int classes = Datasets.info(data).classNames().size();
            if (spec.numClasses() != classes) {
                Optional<ModelSpec> paper = spec.paperSpecExtending(classes);
                // the spec as typed: a one-layer fc spec prints with its default decay (fc100@1e-4), which reads oddly here
                throw o.error(o.required("target").strip() + " ends in " + spec.numClasses() + " outputs but " + data + " has " + classes
                        + " classes; " + paper.map(p -> "did you mean " + p + "?")
                        .orElse("end the spec in -" + classes + "."));
            }
            TrainOptions d = TrainOptions.defaults(spec);
            Split split = Split.parse(o.choice("split", Split.TRAIN.label(), Split.labels(TrainOptions.SPLITS)));
            TrainOptions t = new TrainOptions(data, split,
                    o.integer("epochs", d.epochs(), 1, 1000), o.integer("batch", d.batchSize(), 1, 60000),
                    o.number("lr", d.learningRate(), 1e-7, 10), o.longValue("seed", d.seed()),
                    o.integer("pretrain-epochs", d.pretrainEpochs(), 0, 1000), o.integer("shift", d.shift(), 0, 4),
                    adversarial(o));
            String def = spec.toString().replaceAll("[^A-Za-z0-9_]", "_");
            return new Train(spec, t, o.name("as", def));
        }

        /** {@code --adversarial ATTACK [--pool N] [--refresh F] [--mix R] [--eps E]}, checked in full; null when absent. */
        private static AdversarialSettings adversarial(Options o) {
            if (o.string("adversarial").isEmpty()) {
                for (String k : ADVERSARIAL_ONLY) {
                    if (o.string(k).isPresent()) {
                        throw o.error("--" + k + " tunes adversarial training; give it with --adversarial "
                                + String.join("|", AdversarialPool.ATTACKS) + ".");
                    }
                }
                return null;
            }
            String attack = o.choice("adversarial", AdversarialPool.ATTACKS.get(0), AdversarialPool.ATTACKS);
            if (attack.equals("lbfgs") && o.string("eps").isPresent()) {
                throw o.error("--eps is the budget of fgsm and pgd; lbfgs finds the smallest distortion itself, so it "
                        + "takes no --eps.");
            }
            AdversarialSettings s = new AdversarialSettings(attack,
                    o.integer("pool", AdversarialSettings.DEFAULT_POOL, 1, AdversarialSettings.MAX_POOL),
                    positive(o, "refresh", AdversarialSettings.DEFAULT_REFRESH),
                    positive(o, "mix", AdversarialSettings.DEFAULT_MIX),
                    o.string("eps").isPresent() ? positive(o, "eps", Double.NaN) : AdversarialSettings.defaults(attack).eps());
            try {
                AdversarialPool.attack(s);   // the attack as training will build it: any option it rejects fails here
            } catch (IllegalArgumentException e) {
                throw o.error(e.getMessage() + ".");
            }
            return s;
        }

        /** A number in (0, 1]; zero would switch the option off, which --adversarial already says. */
        private static double positive(Options o, String key, double def) {
            double v = o.number(key, def, 0, 1);
            if (v == 0) {
                throw o.error("--" + key + " expects a number above 0 and at most 1; got 0.");
            }
            return v;
        }

        private static String data(Options o) {
            return o.choice("data", "mnist", Datasets.names());
        }

        private static String sessionName(Options o) {
            if (o.string("as").isPresent()) {
                throw o.error("--as applies to train and load; to rename, load the saved model with --as.");
            }
            String n = o.required("target");
            if (!Session.isValidName(n)) {
                throw o.error("'" + n + "' is not a model name (a Java name such as a or fc100).");
            }
            return n;
        }

        private static Path path(Options o, String action) {
            String p = o.string("path").orElseThrow(() -> o.error(action + " needs a model name and a "
                    + (action.equals("export") ? "FILE.npz" : "DIR") + "."));
            if (action.equals("export") && !p.endsWith(".npz")) {
                throw o.error("export writes a NumPy .npz file; the file name must end in .npz, got '" + p + "'.");
            }
            return Path.of(p);
        }

        private static String loadName(Options o) {
            String dir = Path.of(o.required("target")).getFileName().toString();
            String def = Character.isDigit(dir.isEmpty() ? '0' : dir.charAt(0)) ? "model" : dir.replaceAll("[^A-Za-z0-9_]", "_");
            if (o.string("path").isPresent()) {
                throw o.error("load takes one directory; got also '" + o.string("path").get() + "'.");
            }
            return o.name("as", def);
        }
    }
}
