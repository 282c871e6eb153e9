package dev.intriguing.spectral;

import com.google.gson.Gson;
import dev.intriguing.adversarial.AttackResult;
import dev.intriguing.adversarial.LbfgsAttack;
import dev.intriguing.adversarial.Targets;
import dev.intriguing.core.BenchArgs;
import dev.intriguing.core.Progress;
import dev.intriguing.datasets.api.Datasets;
import dev.intriguing.datasets.api.ImageSet;
import dev.intriguing.datasets.api.Part;
import dev.intriguing.models.ModelCache;
import dev.intriguing.models.ModelSpec;
import dev.intriguing.models.TrainedModel;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code ./intriguing bench lipschitz [--images N] [--attack M]}: the whole {@code %lipschitz --per-class} analysis of
 * the conv net and of FC200-200-10 (both from the model cache): operator norms, gradient norms on the first N (100)
 * test images, adversarial ratios and certified radii for the paper's attack on the first M (100) test images.
 * Prints one JSON line; {@code total_s} is the analysis of both models (the attacks it checks against run before
 * the clock starts and are reported as {@code attack_s}), and {@code certified_violations} must be 0.
 */
public final class LipschitzBenchmark {
    private LipschitzBenchmark() {
    }

    /** Runs the benchmark. */
    public static String run(List<String> args) {
        int images = BenchArgs.integer(args, "--images", 100);
        int attacked = BenchArgs.integer(args, "--attack", 100);
        Datasets datasets = Datasets.standard();
        ImageSet test = datasets.load("mnist", Part.TEST);
        ModelCache cache = new ModelCache(datasets);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("benchmark", "lipschitz");
        double total = 0;
        double dft = 0;
        double power = 0;
        double empirical = 0;
        double certify = 0;
        double attackSeconds = 0;
        long violations = 0;
        long certificates = 0;
        Map<String, Object> models = new LinkedHashMap<>();
        for (ModelSpec spec : List.of(ModelSpec.conv(), ModelSpec.fc200x200x10())) {
            try (TrainedModel model = cache.trained(spec)) {
                AttackResult adv = LbfgsAttack.paper().run(model, test.slice(0, attacked), Targets.random(0), Progress.NONE);
                attackSeconds += adv.seconds();
                Lipschitz analysis = Lipschitz.builder().optImages(images).optAttack(adv).optCertify(true).build();
                // one untimed run first: the JIT and the engine's first passes would otherwise dominate the clock
                analysis.analyse(model, test, Progress.NONE);
                LipschitzResult r = analysis.analyse(model, test, Progress.NONE);
                LipschitzResult.Timings t = r.timings();
                total += t.total();
                dft += t.dft();
                power += t.power();
                empirical += t.empirical();
                certify += t.certify();
                violations += r.certifiedViolations();
                certificates += r.certificates().size();
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("bound", round(r.bound()));
                m.put("max_gradient_norm", round(r.maxGradientNorm()));
                m.put("max_adversarial_ratio", round(r.maxAdversarialRatio()));
                m.put("mean_certified_radius", round(r.meanCertifiedRadius()));
                m.put("attack_mean_distortion", round(r.attackMeanDistortion()));
                m.put("layer_norms", r.layers().stream().map(l -> round(l.operatorNorm())).toList());
                m.put("total_s", round(t.total()));
                models.put(spec.toString(), m);
            }
        }
        out.put("total_s", round(total));
        out.put("fft_s", round(dft));
        out.put("power_iteration_s", round(power));
        out.put("empirical_s", round(empirical));
        out.put("certify_s", round(certify));
        out.put("gradient_images", images);
        out.put("attacked_images", attacked);
        out.put("attack_s", round(attackSeconds));
        out.put("certificates", certificates);
        out.put("certified_violations", violations);
        out.put("models", models);
        return new Gson().toJson(out);
    }

    private static double round(double v) {
        return Double.isNaN(v) ? Double.NaN : LipschitzResult.sig4(v);
    }
}
