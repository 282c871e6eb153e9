package dev.intriguing.magics;

import dev.intriguing.adversarial.AttackResult;
import dev.intriguing.core.Progress;
import dev.intriguing.datasets.api.ImageSet;
import dev.intriguing.datasets.api.Part;
import dev.intriguing.models.TrainedModel;
import dev.intriguing.session.Session;
import dev.intriguing.spectral.Lipschitz;
import dev.intriguing.spectral.LipschitzResult;
import io.github.spencerpark.jupyter.kernel.magic.registry.LineMagic;
import io.github.spencerpark.jupyter.kernel.magic.registry.MagicsArgs;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code %lipschitz --model NAME [--images N] [--adv VAR] [--per-class] [--as VAR]}: the paper's spectral analysis
 * (section 4.3, Table 5): per layer the operator norm of the weights, the nonlinearity's constant and the running
 * product, beside the largest input-gradient norm over N test images of the model's data set and, with
 * {@code --adv}, the ratios ‖f(x + r) − f(x)‖ / ‖r‖ of an attack's examples; {@code --per-class} adds the certified
 * radius of every image beside the distortion the attack found for it.
 *
 * <pre>{@code
 * %lipschitz --model a --adv adv --per-class --as lip
 * lip.bound()               // the product of the layers' bounds
 * lip.certifiedViolations() // 0: no adversarial example lies inside its certified radius
 * }</pre>
 */
public final class LipschitzMagic implements Magic {
    public static final MagicSpec SPEC = new MagicSpec("lipschitz", List.of(),
            "upper Lipschitz bounds per layer (operator norms; conv layers through the DFT) beside the measured gains,"
                    + " and certified radii (paper section 4.3, Table 5)",
            "%lipschitz --model NAME [--images N] [--adv VAR] [--per-class] [--as VAR]",
            "%lipschitz --model a --images 100 --as lip");

    /** basekernel's flags are one letter: {@code --per-class} is read as {@code -p}. */
    private static final MagicsArgs SCHEMA = MagicsArgs.builder()
            .keyword("model").keyword("images").keyword("adv").keyword("as").flag("per-class", 'p')
            .onlyKnownKeywords().onlyKnownFlags().build();

    private final Session session;
    private final Displayer displayer;

    public LipschitzMagic(MagicContext context) {
        this.session = context.session();
        this.displayer = context.displayer();
    }

    @Override
    public MagicSpec spec() {
        return SPEC;
    }

    /** The validated options of one call; {@code toString()} is the canonical command line. */
    public record LipschitzOptions(String model, int images, String adv, boolean perClass, String as) {
        static LipschitzOptions parse(List<String> args) {
            List<String> normal = new ArrayList<>();
            for (String a : args) {
                normal.add(a.equals("--per-class") ? "-p" : a);
            }
            Options o = Options.parse(SPEC, SCHEMA, normal);
            String model = o.required("model");
            int images = o.integer("images", 100, 0, 10_000);
            String adv = o.name("adv", null);
            String as = o.name("as", "lip");
            return new LipschitzOptions(model, images, adv, o.flag("per-class"), as);
        }

        /** The analysis these options ask for, on {@code attack} (null for none). */
        Lipschitz analysis(AttackResult attack) {
            return Lipschitz.builder().optImages(images).optAttack(attack).optCertify(perClass).build();
        }

        @Override
        public String toString() {
            return "%lipschitz --model " + model + " --images " + images + (adv == null ? "" : " --adv " + adv)
                    + (perClass ? " --per-class" : "") + " --as " + as;
        }
    }

    @LineMagic("lipschitz")
    public LipschitzResult lipschitz(List<String> args) {
        LipschitzOptions o = LipschitzOptions.parse(args);
        TrainedModel model;
        AttackResult attack;
        try {
            model = session.get(o.model(), TrainedModel.class, "model");
            attack = o.adv() == null ? null : session.get(o.adv(), AttackResult.class, "attack result");
        } catch (Session.UnknownNameException e) {
            throw MagicUsageException.of(SPEC, e.getMessage());
        }
        ImageSet test = session.datasets().load(model.manifest().options().data(), Part.TEST);
        Lipschitz analysis = o.analysis(attack);
        try {
            analysis.validate(model, test);
        } catch (IllegalArgumentException e) {
            throw MagicUsageException.of(SPEC, e.getMessage());
        }
        Progress progress = displayer.progress("%lipschitz on " + o.model());
        LipschitzResult result = analysis.analyse(model, test, progress);
        session.put(o.as(), result);
        displayer.display(result);
        return result;
    }
}
