package dev.intriguing.magics;

import dev.intriguing.datasets.api.Datasets;
import dev.intriguing.models.ModelSpec;
import dev.intriguing.models.TrainOptions;
import io.github.spencerpark.jupyter.kernel.magic.registry.MagicsArgs;
import java.nio.file.Path;
import java.util.List;

/**
 * The validated arguments of one {@code %model} call. Every check happens in {@link #parse}, before anything is
 * trained, loaded or written.
 *
 * @param action one of {@link #ACTIONS}
 * @param name   the model's session name: bound by {@code train}/{@code load}, read by {@code save}/{@code export}/{@code eval}
 * @param spec   the spec ({@code train} only)
 * @param train  the training options ({@code train} only)
 * @param path   the directory or {@code .npz} file ({@code load}, {@code save}, {@code export})
 * @param data   the data set to evaluate on ({@code eval})
 */
record ModelOptions(String action, String name, ModelSpec spec, TrainOptions train, Path path, String data) {
    static final List<String> ACTIONS = List.of("train", "load", "save", "export", "list", "eval");
    static final MagicsArgs SCHEMA = MagicsArgs.builder().required("action").optional("target").optional("path")
            .keyword("data").keyword("split").keyword("epochs").keyword("batch").keyword("lr").keyword("weight-decay")
            .keyword("seed").keyword("pretrain-epochs").keyword("as")
            .onlyKnownKeywords().onlyKnownFlags().build();
    private static final List<String> TRAIN_ONLY = List.of("split", "epochs", "batch", "lr", "weight-decay", "seed", "pretrain-epochs");

    static ModelOptions parse(MagicSpec magic, List<String> args) {
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
            case "train" -> parseTrain(o);
            case "load" -> new ModelOptions(action, loadName(o), null, null, Path.of(o.required("target")), null);
            case "save", "export" -> new ModelOptions(action, sessionName(o), null, null, path(o, action), null);
            case "eval" -> new ModelOptions(action, sessionName(o), null, null, null, data(o));
            default -> new ModelOptions(action, null, null, null, null, null);
        };
    }

    private static ModelOptions parseTrain(Options o) {
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
        TrainOptions d = TrainOptions.defaults(spec);
        TrainOptions t = new TrainOptions(data(o), o.choice("split", "train", TrainOptions.SPLITS),
                o.integer("epochs", d.epochs(), 1, 1000), o.integer("batch", d.batchSize(), 1, 60000),
                o.number("lr", d.learningRate(), 1e-7, 10), o.longValue("seed", d.seed()),
                o.integer("pretrain-epochs", d.pretrainEpochs(), 0, 1000));
        String def = spec.toString().replaceAll("[^A-Za-z0-9_]", "_");
        return new ModelOptions("train", o.name("as", def), spec, t, null, null);
    }

    private static String data(Options o) {
        return o.choice("data", "mnist", Datasets.names());
    }

    private static String sessionName(Options o) {
        if (o.string("as").isPresent()) {
            throw o.error("--as applies to train and load; to rename, load the saved model with --as.");
        }
        String n = o.required("target");
        if (!dev.intriguing.session.Session.isValidName(n)) {
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

    /** The canonical command line. */
    @Override
    public String toString() {
        return switch (action) {
            case "train" -> "%model train " + spec + " " + train + " --as " + name;
            case "load" -> "%model load " + path + " --as " + name;
            case "save", "export" -> "%model " + action + " " + name + " " + path;
            case "eval" -> "%model eval " + name + " --data " + data;
            default -> "%model " + action;
        };
    }
}
