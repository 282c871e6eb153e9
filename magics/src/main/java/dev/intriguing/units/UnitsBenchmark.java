package dev.intriguing.units;

import dev.intriguing.models.MatmulPeak;
import com.google.gson.Gson;
import dev.intriguing.core.BenchArgs;
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
 * {@code ./intriguing bench units [--directions N] [--k K]}: FC100-100-10's first hidden layer (100 units) over the
 * 10,000 MNIST test images: its activations (computed, then fetched from the session cache), then N (1000) random
 * directions scored on their top K (10): batched projections and top-k on the engine, then purity, entropy and
 * coherence of each list ({@code projection_topk_s} is the engine's part; normalising the images for coherence, once per
 * image set, is {@code prepare_images_s}; {@code score_first_pass_s} is a first pass with other directions, in which
 * the engine prepares its kernels for these shapes); then the layer's verdict. A float32 matrix-multiply peak is measured in the same
 * run; prints one JSON line.
 *
 * <p>{@code score_gflops} counts the projection's multiply-adds only (2·n·d·N), so its share of the peak says how much
 * of the scoring time is the product itself.
 */
public final class UnitsBenchmark {
    private UnitsBenchmark() {
    }

    /** Runs the benchmark on FC100-100-10 (trained or taken from the model cache). */
    public static String run(List<String> args) {
        int directions = BenchArgs.integer(args, "--directions", 1000);
        int k = BenchArgs.integer(args, "--k", 10);
        Datasets datasets = Datasets.standard();
        ImageSet test = datasets.load("mnist", Part.TEST);
        try (TrainedModel model = new ModelCache(datasets).trained(ModelSpec.fc100x100x10())) {
            return measure(model, "fc1", test, directions, k);
        }
    }

    /** The benchmark on any model, layer and held-out set. */
    public static String measure(TrainedModel model, String layerName, ImageSet test, int directions, int k) {
        var layer = model.layer(layerName);
        // warm the engine and the JIT on other images: a cold first pass measures start-up, not the work
        Activations.of(model, layer, test.slice(0, Math.min(1000, test.size())).withName("warm-up"), Pooling.NONE);

        ActivationCache cache = new ActivationCache();
        ActivationCache.Key key = new ActivationCache.Key(model, model.name(), layerName, Pooling.NONE, test, test.name(),
                test.size());
        long t0 = System.nanoTime();
        Activations a = cache.get(key, () -> Activations.of(model, layer, test, Pooling.NONE));
        double activationsS = seconds(t0);
        t0 = System.nanoTime();
        Activations again = cache.get(key, () -> Activations.of(model, layer, test, Pooling.NONE));
        double cachedS = seconds(t0);

        // normalising the held-out images for coherence happens once per image set, not per direction
        t0 = System.nanoTime();
        Scorer scorer = new Scorer(test);
        double prepareS = seconds(t0);
        // a first pass with other directions: the engine prepares its kernels for these shapes once
        t0 = System.nanoTime();
        scoreRandom(a, test, directions, k, 99);
        double coldS = seconds(t0);
        t0 = System.nanoTime();
        List<Direction> dirs = Directions.random(a.units(), directions, 0, Directions.Basis.GAUSSIAN);
        List<TopK.Ranked> ranked = TopK.along(a, dirs, k);
        double topKS = seconds(t0);
        double sum = 0;
        for (TopK.Ranked r : ranked) {
            sum += scorer.score(r, k).purity();
        }
        double scoreS = seconds(t0);
        double meanPurity = sum / directions;

        UnitsScore verdict = Units.builder().optTop(k).build().score(again, test);
        double flops = 2.0 * a.size() * a.units() * directions;
        double peak = MatmulPeak.gflops();

        Map<String, Object> out = new LinkedHashMap<>();
        out.put("benchmark", "units");
        out.put("model", model.name());
        out.put("layer", layerName);
        out.put("units", a.units());
        out.put("images", a.size());
        out.put("activations_s", BenchArgs.round4(activationsS));
        out.put("activations_cached_s", BenchArgs.round4(cachedS));
        out.put("activation_computations", cache.computations());
        out.put("directions", directions);
        out.put("k", k);
        out.put("score_" + directions + "_directions_s", BenchArgs.round4(scoreS));
        out.put("score_first_pass_s", BenchArgs.round4(coldS));
        out.put("projection_topk_s", BenchArgs.round4(topKS));
        out.put("prepare_images_s", BenchArgs.round4(prepareS));
        out.put("random_directions_mean_purity", BenchArgs.round4(meanPurity));
        out.put("score_gflops", BenchArgs.round4(flops / scoreS / 1e9));
        out.put("matmul_peak_gflops", BenchArgs.round4(peak));
        out.put("score_share_of_peak", BenchArgs.round4(flops / scoreS / 1e9 / peak));
        out.put("verdict_s", BenchArgs.round4(verdict.seconds()));
        out.put("units_mean_purity", BenchArgs.round4(verdict.unitsMeanPurity()));
        out.put("random_mean_purity", BenchArgs.round4(verdict.randomMeanPurity()));
        Stats.Comparison c = verdict.line(k, Score.Measure.PURITY).comparison();
        out.put("purity_difference", BenchArgs.round4(c.difference()));
        out.put("purity_difference_95_low", BenchArgs.round4(c.low()));
        out.put("purity_difference_95_high", BenchArgs.round4(c.high()));
        out.put("purity_p", c.p());
        return new Gson().toJson(out);
    }

    /** Scores {@code count} random directions on their top k; returns their mean purity. */
    private static double scoreRandom(Activations a, ImageSet images, int count, int k, long seed) {
        List<Direction> dirs = Directions.random(a.units(), count, seed, Directions.Basis.GAUSSIAN);
        Scorer scorer = new Scorer(images);
        double sum = 0;
        for (TopK.Ranked r : TopK.along(a, dirs, k)) {
            sum += scorer.score(r, k).purity();
        }
        return sum / count;
    }

    private static double seconds(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }
}
