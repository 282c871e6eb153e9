package dev.intriguing.adversarial;

import dev.intriguing.models.MatmulPeak;
import com.google.gson.Gson;
import dev.intriguing.core.BenchArgs;
import dev.intriguing.core.Progress;
import dev.intriguing.datasets.api.ImageSet;
import dev.intriguing.models.Classifier;
import dev.intriguing.models.TrainedModel;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code ./intriguing bench adversarial [--images N] [--single M]}: the attack on FC100-100-10 with the default batch
 * on the first N (1000) test images and one example at a time on the first M (40), the plain schedule (cold starts)
 * on the same N for the evaluation count, and a DJL matrix-multiply peak measured in the same run; prints one JSON
 * line.
 *
 * <p>{@code share_of_peak} divides by the larger of the two measured products. {@code engine_time_share_*} is the
 * share of the attack's time spent in the engine's forward and backward passes (with the loss, computed in Java from
 * the logits), {@code solver_time_share_*} the share in the per-example L-BFGS algebra and c search in Java (spread
 * over the common pool); the rest is bookkeeping.
 *
 * <p>Achieved GFLOP/s counts the model's work only: each evaluation is a forward and a backward pass, about three
 * forward passes of {@link Classifier#forwardFlopsPerExample()}.
 */
public final class AdversarialBenchmark {
    private AdversarialBenchmark() {
    }

    /** Runs the benchmark on the paper's FC100-100-10 (trained or taken from the model cache). */
    public static String run(List<String> args) {
        int images = BenchArgs.integer(args, "--images", 1000);
        int single = BenchArgs.integer(args, "--single", 40);
        try (TrainedModel model = BenchModels.fc100()) {
            return measure(model, BenchModels.test(), images, single);
        }
    }

    /** The benchmark on any classifier and test set. */
    public static String measure(Classifier model, ImageSet test, int images, int single) {
        ImageSet batchSet = test.slice(0, images);
        LbfgsAttack batched = LbfgsAttack.paper();
        // warm the JIT (the solver's loops) and the engine on other images: a cold first run is several times slower
        measureOnce(model, test.slice(test.size() - 300, test.size()), batched);
        AttackResult b = batched.run(model, batchSet, Targets.random(0), Progress.NONE);
        LbfgsAttack one = LbfgsAttack.builder().optBatchSize(1).build();
        AttackResult s = one.run(model, test.slice(0, single), Targets.random(0), Progress.NONE);
        AttackResult plain = LbfgsAttack.plain().run(model, batchSet, Targets.random(0), Progress.NONE);
        double flopsPerEval = 3.0 * model.forwardFlopsPerExample();
        double achieved = b.evaluationsPerExample() * b.size() * flopsPerEval / b.seconds() / 1e9;
        double[] peaks = matmulPeaks(batched.batchSize(), model.inputSize());

        Map<String, Object> out = new LinkedHashMap<>();
        out.put("benchmark", "adversarial");
        out.put("model", model.name());
        out.put("batch", batched.batchSize());
        out.put("images", b.size());
        out.put("examples_per_s_batched", BenchArgs.round4(b.examplesPerSecond()));
        out.put("single_images", s.size());
        out.put("examples_per_s_single", BenchArgs.round4(s.examplesPerSecond()));
        out.put("engine_time_share_single", BenchArgs.round4(one.lastEngineShare()));
        out.put("solver_time_share_single", BenchArgs.round4(one.lastSolverShare()));
        out.put("speedup_batched_vs_single", BenchArgs.round4(b.examplesPerSecond() / s.examplesPerSecond()));
        out.put("success_rate", BenchArgs.round4(b.successRate()));
        out.put("mean_distortion", BenchArgs.round4(b.meanDistortion()));
        out.put("median_distortion", BenchArgs.round4(b.medianDistortion()));
        out.put("evaluations_per_example", BenchArgs.round4(b.evaluationsPerExample()));
        out.put("plain_schedule_evaluations_per_example", BenchArgs.round4(plain.evaluationsPerExample()));
        out.put("plain_schedule_mean_distortion", BenchArgs.round4(plain.meanDistortion()));
        out.put("plain_schedule_success_rate", BenchArgs.round4(plain.successRate()));
        out.put("plain_schedule_examples_per_s", BenchArgs.round4(plain.examplesPerSecond()));
        out.put("engine_time_share_batched", BenchArgs.round4(batched.lastEngineShare()));
        out.put("solver_time_share_batched", BenchArgs.round4(batched.lastSolverShare()));
        out.put("achieved_gflops", BenchArgs.round4(achieved));
        out.put("matmul_peak_gflops", BenchArgs.round4(peaks[0]));
        out.put("matmul_attack_shape_gflops", BenchArgs.round4(peaks[1]));
        // the larger of the two products is the peak: the conservative denominator on a machine whose load varies
        out.put("share_of_peak", BenchArgs.round4(achieved / Math.max(peaks[0], peaks[1])));
        return new Gson().toJson(out);
    }

    private static void measureOnce(Classifier model, ImageSet set, LbfgsAttack attack) {
        attack.run(model, set, Targets.random(1), Progress.NONE);
    }

    /**
     * GFLOP/s of float32 matrix products in DJL: a large square product (the machine's practical peak), and the
     * attack's first-layer shape (batch x inputs times inputs x 100).
     */
    static double[] matmulPeaks(int batch, int inputs) {
        return new double[] {MatmulPeak.gflops(), MatmulPeak.gflops(batch, inputs, 100, 2000)};
    }
}
