package dev.intriguing.adversarial;

import com.google.gson.Gson;
import dev.intriguing.core.BenchArgs;
import dev.intriguing.core.Progress;
import dev.intriguing.datasets.api.Datasets;
import dev.intriguing.datasets.api.ImageSet;
import dev.intriguing.datasets.api.Part;
import dev.intriguing.models.ModelCache;
import dev.intriguing.models.ModelSpec;
import dev.intriguing.models.TrainedModel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code ./intriguing bench attacks [--images N] [--models fc100-100-10,conv,fc10@1e-4] [--attacks lbfgs,fmn,...]}:
 * the minimal-norm shoot-out
 * ({@link AttackShootout}) on the first N (1000) correctly classified test images of each model, untargeted and with
 * the {@code next} target; prints one flat JSON line. The first model's untargeted runs give the keys
 * {@code <attack>_success_rate}, {@code <attack>_median_distortion}, {@code <attack>_mean_distortion},
 * {@code <attack>_evaluations_per_example} and {@code <attack>_examples_per_s}; every run also appears as
 * {@code <model>_<criterion>_<attack>_<figure>}. Each run's row goes to standard error as it finishes.
 */
public final class AttackBenchmark {
    private AttackBenchmark() {
    }

    public static String run(List<String> args) {
        int images = BenchArgs.integer(args, "--images", 1000);
        String models = args.contains("--models") ? args.get(args.indexOf("--models") + 1)
                : "fc100-100-10,conv,fc10@1e-4";
        List<String> known = AttackShootout.SETUPS.stream().map(AttackShootout.Setup::attack).toList();
        List<String> chosen = BenchArgs.names(args, "--attacks", known, known);
        List<AttackShootout.Setup> setups = AttackShootout.SETUPS.stream().filter(s -> chosen.contains(s.attack()))
                .toList();
        ImageSet test = Datasets.standard().load("mnist", Part.TEST);
        List<AttackShootout.Run> runs = new ArrayList<>();
        for (String spec : models.split(",")) {
            try (TrainedModel model = new ModelCache(Datasets.standard()).trained(ModelSpec.parse(spec.strip()))) {
                ImageSet set = AttackShootout.correctlyClassified(model, test, images);
                for (Criterion criterion : List.of(Criterion.untargeted(), Criterion.targeted(Targets.next()))) {
                    for (AttackShootout.Setup setup : setups) {
                        List<AttackShootout.Run> one = AttackShootout.run(model, set, List.of(setup),
                                List.of(criterion), Progress.NONE);
                        runs.addAll(one);
                        // a long run shows each row as it finishes, so a stopped run still leaves its figures
                        one.forEach(r -> System.err.println(row(r)));
                    }
                }
            }
        }
        return json(runs, images);
    }

    /** One run as a Markdown table row: model, criterion, attack, success %, mean, median, evaluations, examples/s. */
    static String row(AttackShootout.Run r) {
        AttackResult a = r.result();
        return String.format(Locale.ROOT, "| %s | %s | %s | %.1f | %.4f | %.4f | %.1f | %.1f |", r.model(),
                r.criterion(), r.attack(), 100 * a.successRate(), a.meanDistortion(), a.medianDistortion(),
                a.evaluationsPerExample(), a.examplesPerSecond());
    }

    /** The flat JSON line of a shoot-out. */
    static String json(List<AttackShootout.Run> runs, int images) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("benchmark", "attacks");
        out.put("images", images);
        out.put("attack_count", runs.stream().map(AttackShootout.Run::attack).distinct().count());
        String first = runs.isEmpty() ? "" : runs.get(0).model();
        for (AttackShootout.Run r : runs) {
            if (r.model().equals(first) && r.criterion().equals("untargeted")) {
                put(out, r.attack(), r.result());
            }
        }
        for (AttackShootout.Run r : runs) {
            String crit = r.criterion().equals("untargeted") ? "untargeted" : r.criterion().split(" ")[0];
            put(out, (r.model() + "_" + crit + "_" + r.attack()).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_"),
                    r.result());
        }
        return new Gson().toJson(out);
    }

    private static void put(Map<String, Object> out, String prefix, AttackResult r) {
        out.put(prefix + "_success_rate", BenchArgs.round4(r.successRate()));
        out.put(prefix + "_mean_distortion", BenchArgs.round4(r.meanDistortion()));
        out.put(prefix + "_median_distortion", BenchArgs.round4(r.medianDistortion()));
        out.put(prefix + "_evaluations_per_example", BenchArgs.round4(r.evaluationsPerExample()));
        out.put(prefix + "_examples_per_s", BenchArgs.round4(r.examplesPerSecond()));
    }
}
