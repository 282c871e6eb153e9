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
 * {@code ./intriguing bench attacks [--images N] [--models fc100-100-10,conv,fc10@1e-4]}: the minimal-norm shoot-out
 * ({@link AttackShootout}) on the first N (1000) correctly classified test images of each model, untargeted and with
 * the {@code next} target; prints one flat JSON line. The first model's untargeted runs give the keys
 * {@code <attack>_success_rate}, {@code <attack>_median_distortion}, {@code <attack>_mean_distortion},
 * {@code <attack>_evaluations_per_example} and {@code <attack>_examples_per_s}; every run also appears as
 * {@code <model>_<criterion>_<attack>_<figure>}.
 */
public final class AttackBenchmark {
    private AttackBenchmark() {
    }

    public static String run(List<String> args) {
        int images = args.contains("--images") ? Integer.parseInt(args.get(args.indexOf("--images") + 1)) : 1000;
        String models = args.contains("--models") ? args.get(args.indexOf("--models") + 1)
                : "fc100-100-10,conv,fc10@1e-4";
        ImageSet test = Datasets.standard().load("mnist", Part.TEST);
        List<AttackShootout.Run> runs = new ArrayList<>();
        for (String spec : models.split(",")) {
            try (TrainedModel model = new ModelCache(Datasets.standard()).trained(ModelSpec.parse(spec.strip()))) {
                ImageSet set = AttackShootout.correctlyClassified(model, test, images);
                runs.addAll(AttackShootout.run(model, set, AttackShootout.SETUPS,
                        List.of(Criterion.untargeted(), Criterion.targeted(Targets.next())), Progress.NONE));
            }
        }
        return json(runs, images);
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
