package dev.intriguing.magics;

import dev.intriguing.adversarial.AttackResult;
import dev.intriguing.adversarial.PerturbedSet;
import dev.intriguing.datasets.api.ImageSet;
import dev.intriguing.models.Classifier;
import dev.intriguing.session.Session;
import dev.intriguing.transfer.Transfer;
import dev.intriguing.transfer.TransferResult;
import io.github.spencerpark.jupyter.kernel.magic.registry.LineMagic;
import io.github.spencerpark.jupyter.kernel.magic.registry.MagicsArgs;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CancellationException;

/**
 * {@code %transfer SET[,SET...] --to MODEL[,MODEL...] [--noise S,...|matched] [--amplify RMS,...] [--data train|test]
 * [--seed S] [--as VAR]}: the error rate of each model on each set of adversarial examples (any attack's result, or
 * any perturbed set bound in the session), with Gaussian-noise and amplified rows; the paper's Tables 2 and 4. Shows
 * the table and a heat map, and binds the {@link TransferResult}.
 *
 * <pre>{@code
 * %transfer adv_fc10_4,adv_fc100,adv_ae400 --to fc10_4,fc100,ae400 --noise 0.1,0.3 --as t2
 * t2.error("adv_fc100", "ae400")   // the share of FC100-100-10's examples that AE400-10 gets wrong
 * }</pre>
 */
public final class TransferMagic implements Magic {
    public static final MagicSpec SPEC = new MagicSpec("transfer", List.of(),
            "error rate of models on adversarial examples made for other models, beside Gaussian noise and amplified "
                    + "examples of the same size (paper Tables 2 and 4)",
            "%transfer SET[,SET...] --to MODEL[,MODEL...] [--noise STDDEV[,STDDEV...][,matched]] [--amplify RMS[,RMS...]]"
                    + " [--data train|test] [--seed S] [--as VAR]",
            "%transfer adv --to a --noise 0.1,matched --as t");

    private static final MagicsArgs SCHEMA = MagicsArgs.builder().required("sets")
            .keyword("to").keyword("noise").keyword("amplify").keyword("data").keyword("seed").keyword("as")
            .onlyKnownKeywords().onlyKnownFlags().build();

    private final Session session;
    private final Displayer displayer;

    public TransferMagic(MagicContext context) {
        this.session = context.session();
        this.displayer = context.displayer();
    }

    @Override
    public MagicSpec spec() {
        return SPEC;
    }

    /**
     * The validated options of one call; {@code toString()} is the canonical command line.
     *
     * @param data {@code train}, {@code test}, or empty when the sets' own data is taken as it is
     */
    public record TransferOptions(List<String> sets, List<String> to, List<Double> noise, boolean matched,
                                  List<Double> amplify, String data, long seed, String as) {
        static TransferOptions parse(List<String> args) {
            Options o = Options.parse(SPEC, SCHEMA, args);
            List<String> sets = o.names("sets", "SET");
            List<String> to = o.names("to", "--to");
            if (to.isEmpty()) {
                throw o.error("missing --to MODEL[,MODEL...]: the models to feed the sets to.");
            }
            List<Double> noise = new ArrayList<>();
            boolean matched = false;
            for (String s : o.list("noise")) {
                if (s.equals("matched")) {
                    matched = true;
                } else {
                    noise.add(size(o, "noise", s, "stddevs (numbers at least 0) or 'matched'", 0));
                }
            }
            List<Double> amplify = new ArrayList<>();
            for (String s : o.list("amplify")) {
                amplify.add(size(o, "amplify", s, "per-pixel RMS values (numbers above 0)", Double.MIN_VALUE));
            }
            String data = o.string("data").isPresent() ? o.choice("data", "test", List.of("train", "test")) : "";
            long seed = o.longValue("seed", 0);
            String as = o.name("as", "transfer");
            return new TransferOptions(sets, to, List.copyOf(noise), matched, List.copyOf(amplify), data, seed, as);
        }

        @Override
        public String toString() {
            List<String> noiseItems = new ArrayList<>(noise.stream().map(TransferOptions::text).toList());
            if (matched) {
                noiseItems.add("matched");
            }
            return "%transfer " + String.join(",", sets) + " --to " + String.join(",", to)
                    + (noiseItems.isEmpty() ? "" : " --noise " + String.join(",", noiseItems))
                    + (amplify.isEmpty() ? "" : " --amplify " + String.join(",", amplify.stream().map(TransferOptions::text)
                    .toList())) + (data.isEmpty() ? "" : " --data " + data) + " --seed " + seed + " --as " + as;
        }

        private static String text(double v) {
            return java.math.BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
        }
    }

    /** A finite number at least {@code min} from one item of a comma-separated list. */
    static double size(Options o, String key, String item, String what, double min) {
        double v;
        try {
            v = Double.parseDouble(item);
        } catch (NumberFormatException e) {
            v = Double.NaN;
        }
        if (!(v >= min && v < Double.POSITIVE_INFINITY)) {
            throw o.error("--" + key + " expects " + what + ", separated by commas; got '" + item + "'.");
        }
        return v;
    }

    @LineMagic("transfer")
    public TransferResult transfer(List<String> args) {
        TransferOptions o = TransferOptions.parse(args);
        Transfer.Builder b = Transfer.builder().optSeed(o.seed()).optMatchedNoise(o.matched());
        for (String name : o.sets()) {
            Object set = set(name);
            checkData(SPEC, name, set instanceof AttackResult a ? a.clean() : ((PerturbedSet) set).clean(), o.data());
            if (set instanceof AttackResult a) {
                b.addSet(name, a);
            } else {
                b.addSet(name, (PerturbedSet) set);
            }
        }
        o.to().forEach(m -> b.addModel(m, model(SPEC, session, m)));
        o.noise().forEach(b::addNoise);
        o.amplify().forEach(b::addAmplified);
        Transfer transfer;
        try {
            transfer = b.build();
        } catch (IllegalArgumentException e) {
            throw MagicUsageException.of(SPEC, e.getMessage() + ".");
        }
        TransferResult result = run(() -> transfer.run(displayer.progress("%transfer: " + String.join(", ", o.sets()))));
        session.put(o.as(), result);
        displayer.display(result);
        return result;
    }

    /** An attack's result or a perturbed set bound to {@code name}. */
    private Object set(String name) {
        Object v = session.find(name).orElse(null);
        if (v instanceof AttackResult || v instanceof PerturbedSet) {
            return v;
        }
        List<String> known = new ArrayList<>(session.names(AttackResult.class));
        known.addAll(session.names(PerturbedSet.class));
        String what = v == null ? "nothing is bound to '" + name + "'" : "'" + name + "' is a " + v.getClass().getSimpleName();
        throw MagicUsageException.of(SPEC, "No set of adversarial examples named '" + name + "' in this session (" + what
                + "); a set is what %adversarial binds, or a PerturbedSet. Known sets: "
                + (known.isEmpty() ? "none yet" : String.join(", ", known)) + ".");
    }

    /** The model bound to {@code name}, or a usage error of {@code spec} that lists the known models. */
    static Classifier model(MagicSpec spec, Session session, String name) {
        try {
            return session.get(name, Classifier.class, "model");
        } catch (Session.UnknownNameException e) {
            throw MagicUsageException.of(spec, e.getMessage());
        }
    }

    /**
     * Checks that a set was made on the part of the data that {@code --data} names (nothing when {@code data} is
     * empty): the paper measures Tables 1 and 2 on training images, Tables 3 and 4 on test images.
     */
    static void checkData(MagicSpec spec, String setName, ImageSet clean, String data) {
        if (data.isEmpty()) {
            return;
        }
        String name = clean.name().toLowerCase(Locale.ROOT);
        boolean train = name.contains("-train");
        boolean test = name.contains("-test");
        if (data.equals("train") && !train || data.equals("test") && !test) {
            throw MagicUsageException.of(spec, "--data " + data + " asks for sets made on " + data + " images, but "
                    + setName + " was made on " + clean.name() + "; attack " + data + " images (%adversarial --data "
                    + data + ") or leave --data out.");
        }
    }

    /** Checks, before any work, that {@code model} takes images of the size of the set's. */
    static void checkFits(MagicSpec spec, String setName, ImageSet images, String modelName, Classifier model) {
        if (images.pixelsPerImage() != model.inputSize()) {
            throw MagicUsageException.of(spec, "the images of " + setName + " have " + images.pixelsPerImage()
                    + " pixels (" + images.height() + "x" + images.width() + ") but model " + modelName + " takes "
                    + model.inputSize() + "; feed a set to models of its own image size.");
        }
    }

    /** Runs science work; an interrupt is the user's choice, shown as one line without a trace. */
    static <T> T run(java.util.function.Supplier<T> work) {
        try {
            return work.get();
        } catch (CancellationException e) {
            throw new MagicUsageException(e.getMessage(), e);
        }
    }
}
