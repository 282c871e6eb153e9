package dev.intriguing.magics;

import dev.intriguing.adversarial.AttackResult;
import dev.intriguing.models.Classifier;
import dev.intriguing.session.Session;
import dev.intriguing.transfer.CurveResult;
import dev.intriguing.transfer.Curves;
import io.github.spencerpark.jupyter.kernel.magic.registry.LineMagic;
import io.github.spencerpark.jupyter.kernel.magic.registry.MagicsArgs;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code %curve SET[,SET...] [--to MODEL[,MODEL...]] [--noise] [--draws N] [--points N] [--max E] [--log]
 * [--data train|test] [--seed S] [--as VAR]}: error rate against distortion. For each set, the share of its images
 * the attacked model gets wrong within a distortion budget ε, and with {@code --noise} that model's error under Gaussian
 * noise of the same RMS; with {@code --to}, the error of other models as one set's perturbations are amplified along ε.
 * Shows one chart and binds the {@link CurveResult}.
 *
 * <pre>{@code
 * %adversarial --model fc100 --target all --images 200 --as adv_fc100
 * %curve adv_fc100 --noise --as c1
 * c1.table()   // the plotted points
 * }</pre>
 */
public final class CurveMagic implements Magic {
    public static final MagicSpec SPEC = new MagicSpec("curve", List.of(),
            "chart the error rate against the distortion budget for adversarial examples, beside Gaussian noise of the "
                    + "same size, or as one set is amplified and fed to other models",
            "%curve SET[,SET...] [--to MODEL[,MODEL...]] [--noise] [--draws N] [--points N] [--max E] [--log] "
                    + "[--data train|test] [--seed S] [--as VAR]",
            "%curve adv --noise --as c");

    private static final MagicsArgs SCHEMA = MagicsArgs.builder().required("sets")
            .keyword("to").keyword("noise").keyword("draws").keyword("points").keyword("max").keyword("log")
            .keyword("data").keyword("seed").keyword("as")
            .onlyKnownKeywords().onlyKnownFlags().build();

    private final Session session;
    private final Displayer displayer;

    public CurveMagic(MagicContext context) {
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
     * @param max  the largest ε, NaN for the default
     * @param data {@code train}, {@code test}, or empty when the sets' own data is taken as it is
     */
    public record CurveOptions(List<String> sets, List<String> to, boolean noise, int draws, int points, double max,
                               boolean log, String data, long seed, String as) {
        static CurveOptions parse(List<String> args) {
            Options o = Options.parse(SPEC, SCHEMA, args, List.of("noise", "log"));
            List<String> sets = o.names("sets", "SET");
            List<String> to = o.names("to", "--to");
            if (!to.isEmpty() && sets.size() != 1) {
                throw o.error("--to plots one set amplified along the distortion; give one SET, got "
                        + String.join(",", sets) + ".");
            }
            boolean noise = o.on("noise");
            int draws = o.integer("draws", Curves.DEFAULT_DRAWS, 1, 100);
            int points = o.integer("points", Curves.DEFAULT_POINTS, 2, 1000);
            double max = o.string("max").isPresent() ? o.number("max", 0.1, 0, 1.0) : Double.NaN;
            if (max == 0) {
                throw o.error("--max expects the largest distortion, a number above 0 and at most 1; got 0.");
            }
            boolean log = o.on("log");
            String data = o.string("data").isPresent() ? o.choice("data", "test", List.of("train", "test")) : "";
            long seed = o.longValue("seed", 0);
            String as = o.name("as", "curve");
            return new CurveOptions(sets, to, noise, draws, points, max, log, data, seed, as);
        }

        /** The science's options. */
        public Curves curves() {
            Curves.Builder b = Curves.builder().optNoise(noise).optDraws(draws).optPoints(points).optLog(log)
                    .optSeed(seed);
            return Double.isNaN(max) ? b.build() : b.optMax(max).build();
        }

        @Override
        public String toString() {
            return "%curve " + String.join(",", sets) + (to.isEmpty() ? "" : " --to " + String.join(",", to))
                    + (noise ? " --noise --draws " + draws : "") + " --points " + points
                    + (Double.isNaN(max) ? "" : " --max " + max) + (log ? " --log" : "")
                    + (data.isEmpty() ? "" : " --data " + data) + " --seed " + seed + " --as " + as;
        }
    }

    @LineMagic("curve")
    public CurveResult curve(List<String> args) {
        CurveOptions o = CurveOptions.parse(args);
        Map<String, AttackResult> sets = new LinkedHashMap<>();
        Map<String, Classifier> models = new LinkedHashMap<>();
        for (String name : o.sets()) {
            AttackResult set = set(name);
            TransferMagic.checkData(SPEC, name, set.clean(), o.data());
            sets.put(name, set);
            if (o.noise() && o.to().isEmpty()) {
                Classifier model = attackedModel(name, set);
                TransferMagic.checkFits(SPEC, name, set.clean(), set.model(), model);
                models.put(name, model);
            }
        }
        String first = o.sets().get(0);
        for (String m : o.to()) {
            Classifier model = TransferMagic.model(SPEC, session, m);
            TransferMagic.checkFits(SPEC, first, sets.get(first).clean(), m, model);
            models.put(m, model);
        }
        CurveResult result;
        try {
            Curves curves = o.curves();
            result = TransferMagic.run(() -> o.to().isEmpty()
                    ? curves.adversarial(sets, models, displayer.progress("%curve: " + String.join(", ", o.sets())))
                    : curves.transfer(first, sets.get(first), models, displayer.progress("%curve: " + first)));
        } catch (IllegalArgumentException e) {
            throw MagicUsageException.of(SPEC, e.getMessage() + ".");
        }
        session.put(o.as(), result);
        displayer.display(result);
        return result;
    }

    private AttackResult set(String name) {
        try {
            return session.get(name, AttackResult.class, "set of adversarial examples");
        } catch (Session.UnknownNameException e) {
            throw MagicUsageException.of(SPEC, e.getMessage());
        }
    }

    /** The model a set was made on, bound under the name the set records. */
    private Classifier attackedModel(String setName, AttackResult set) {
        try {
            return session.get(set.model(), Classifier.class, "model");
        } catch (Session.UnknownNameException e) {
            throw MagicUsageException.of(SPEC, "--noise draws the noise curve of the model " + setName + " was made on, '"
                    + set.model() + "', which must be bound in the session. " + e.getMessage());
        }
    }
}
