package dev.intriguing.adversarial;

import dev.intriguing.models.MatmulPeak;
import ai.djl.ndarray.NDManager;
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
 * <p>Achieved GFLOP/s counts the model's work only: each evaluation is a forward pass and a backward pass to the input
 * (no parameter gradients: the attack computes none), two forward passes of {@link Classifier#forwardFlopsPerExample()}
 * (the backward pass multiplies by each weight matrix once, as the forward pass does).
 *
 * <p>The ceiling: {@code model_only_*} run the attack's model call alone ({@link CrossEntropyPass}, the same
 * arrays, no solver) in a tight loop on fixed rows, at the attack's batch and with every image in flight at once
 * ({@code _all}); {@code model_only_round_ms_single} is one round of one row, the engine's fixed cost per round.
 * {@code rounds_batched} and {@code mean_rows_per_round} say how full the attack's rounds were. The {@code *_all}
 * figures run the same attack with every image in flight at once.
 */
public final class AdversarialBenchmark {
    /** Model work of one evaluation in forward passes: the forward pass and the backward pass to the input. */
    static final double FORWARD_PASSES_PER_EVALUATION = 2.0;

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
        // every image in flight at once: fewer, fuller rounds (the engine's cost per round is mostly fixed)
        LbfgsAttack allAtOnce = LbfgsAttack.builder().optBatchSize(batchSet.size()).build();
        AttackResult f = allAtOnce.run(model, batchSet, Targets.random(0), Progress.NONE);
        double flopsPerEval = FORWARD_PASSES_PER_EVALUATION * model.forwardFlopsPerExample();
        double achieved = b.evaluationsPerExample() * b.size() * flopsPerEval / b.seconds() / 1e9;
        double achievedAll = f.evaluationsPerExample() * f.size() * flopsPerEval / f.seconds() / 1e9;
        int rowsBatch = Math.min(batched.batchSize(), batchSet.size());
        double roundBatch = modelOnlySeconds(model, batchSet, rowsBatch);
        double roundAll = modelOnlySeconds(model, batchSet, batchSet.size());
        double roundOne = modelOnlySeconds(model, batchSet, 1);
        double onlyBatch = rowsBatch * flopsPerEval / roundBatch / 1e9;
        double onlyAll = batchSet.size() * flopsPerEval / roundAll / 1e9;
        double[] peaks = matmulPeaks(batched.batchSize(), model.inputSize());
        double peak = Math.max(peaks[0], peaks[1]);

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
        out.put("rounds_batched", batched.lastRounds());
        out.put("mean_rows_per_round", BenchArgs.round4(batched.lastRows() / (double) Math.max(1, batched.lastRounds())));
        out.put("engine_time_share_batched", BenchArgs.round4(batched.lastEngineShare()));
        out.put("solver_time_share_batched", BenchArgs.round4(batched.lastSolverShare()));
        out.put("achieved_gflops", BenchArgs.round4(achieved));
        out.put("matmul_peak_gflops", BenchArgs.round4(peaks[0]));
        out.put("matmul_attack_shape_gflops", BenchArgs.round4(peaks[1]));
        // the larger of the two products is the peak: the conservative denominator on a machine whose load varies
        out.put("share_of_peak", BenchArgs.round4(achieved / peak));
        out.put("batch_all", allAtOnce.batchSize());
        out.put("examples_per_s_all", BenchArgs.round4(f.examplesPerSecond()));
        out.put("evaluations_per_example_all", BenchArgs.round4(f.evaluationsPerExample()));
        out.put("mean_distortion_all", BenchArgs.round4(f.meanDistortion()));
        out.put("success_rate_all", BenchArgs.round4(f.successRate()));
        out.put("rounds_all", allAtOnce.lastRounds());
        out.put("mean_rows_per_round_all",
                BenchArgs.round4(allAtOnce.lastRows() / (double) Math.max(1, allAtOnce.lastRounds())));
        out.put("engine_time_share_all", BenchArgs.round4(allAtOnce.lastEngineShare()));
        out.put("solver_time_share_all", BenchArgs.round4(allAtOnce.lastSolverShare()));
        out.put("achieved_gflops_all", BenchArgs.round4(achievedAll));
        out.put("share_of_peak_all", BenchArgs.round4(achievedAll / peak));
        out.put("model_only_gflops", BenchArgs.round4(onlyBatch));
        out.put("model_only_share_of_peak", BenchArgs.round4(onlyBatch / peak));
        out.put("model_only_rows_all", batchSet.size());
        out.put("model_only_gflops_all", BenchArgs.round4(onlyAll));
        out.put("model_only_share_of_peak_all", BenchArgs.round4(onlyAll / peak));
        out.put("model_only_round_ms_single", BenchArgs.round4(roundOne * 1e3));
        out.put("model_only_round_ms_batch", BenchArgs.round4(roundBatch * 1e3));
        out.put("model_only_round_ms_all", BenchArgs.round4(roundAll * 1e3));
        return new Gson().toJson(out);
    }

    /**
     * Seconds per round of the attack's model call alone on {@code rows} rows (images of {@code set}, targets the next
     * class), best of five trials of about 0.2 s each after a warm-up: the ceiling the attack's engine time could
     * reach without a solver in between.
     */
    static double modelOnlySeconds(Classifier model, ImageSet set, int rows) {
        try (NDManager manager = NDManager.newBaseManager(); CrossEntropyPass pass = new CrossEntropyPass(model, rows)) {
            for (int j = 0; j < rows; j++) {
                int i = j % set.size();
                pass.putRow(j, set.pixels(i, i + 1), 0, (set.label(i) + 1) % model.numClasses());
            }
            long w0 = System.nanoTime();
            int reps = 0;
            while (reps < 3 || System.nanoTime() - w0 < 100_000_000L) {
                pass.run(manager, rows);
                reps++;
            }
            // as many rounds as took about 0.2 s in the warm-up
            int perTrial = Math.max(3, (int) (reps * 2e8 / (System.nanoTime() - w0)));
            double best = Double.POSITIVE_INFINITY;
            for (int trial = 0; trial < 5; trial++) {
                long t0 = System.nanoTime();
                for (int r = 0; r < perTrial; r++) {
                    pass.run(manager, rows);
                }
                best = Math.min(best, (System.nanoTime() - t0) / 1e9 / perTrial);
            }
            return best;
        }
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
