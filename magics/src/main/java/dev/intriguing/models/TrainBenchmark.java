package dev.intriguing.models;

import ai.djl.engine.Engine;
import dev.intriguing.core.Progress;
import dev.intriguing.datasets.api.Datasets;
import dev.intriguing.datasets.api.ImageSet;
import dev.intriguing.datasets.api.Part;
import java.util.List;
import java.util.Locale;

/**
 * {@code ./intriguing bench train [EPOCHS] [BATCH] [SPEC]}: trains a model (default FC100-100-10, 3 epochs, its default
 * batch size) on the 60000 MNIST training images and prints one JSON line: samples per second, seconds per epoch, the
 * achieved GFLOP/s (a training step counts as 3 forward passes), batch size, engine and threads.
 *
 * <p>{@code ./intriguing bench train table1} instead trains the six Table 1 models with their default settings (no
 * cache) and prints the total and per-model seconds and test errors.
 *
 * <pre>{@code
 * $ ./intriguing bench train
 * {"benchmark":"train","spec":"fc100-100-10","epochs":3,"batch":128,"samples_per_s":21000.0,"s_per_epoch":2.85,...}
 * }</pre>
 */
public final class TrainBenchmark {
    private TrainBenchmark() {
    }

    /** Runs the benchmark with {@code args} = [epochs [batch [spec]]] and returns its JSON line. */
    public static String run(List<String> args) {
        if (!args.isEmpty() && args.get(0).equals("table1")) {
            return table1();
        }
        int epochs = args.size() > 0 ? Integer.parseInt(args.get(0)) : 3;
        ModelSpec spec = ModelSpec.parse(args.size() > 2 ? args.get(2) : "fc100-100-10");
        TrainOptions defaults = TrainOptions.defaults(spec);
        int batch = args.size() > 1 ? Integer.parseInt(args.get(1)) : defaults.batchSize();
        TrainOptions o = defaults.withEpochs(epochs).withBatchSize(batch).withPretrainEpochs(0);
        ImageSet train = Datasets.standard().load("mnist", Part.TRAIN);
        ImageSet test = Datasets.standard().load("mnist", Part.TEST);
        try (TrainedModel m = ModelTrainer.train(spec, o, train, test, Progress.NONE)) {
            double seconds = m.manifest().history().stream().mapToDouble(ModelManifest.EpochStats::seconds).sum();
            double perEpoch = seconds / epochs;
            double samples = (double) train.size() * epochs / seconds;
            double gflops = samples * 3.0 * m.forwardFlopsPerExample() / 1e9;
            String threads = threads();
            return String.format(Locale.ROOT, "{\"benchmark\":\"train\",\"spec\":\"%s\",\"epochs\":%d,\"batch\":%d,"
                            + "\"samples_per_s\":%.1f,\"s_per_epoch\":%.3f,\"gflop_per_s\":%.2f,\"test_error\":%.4f,"
                            + "\"engine\":\"MXNet %s\",\"omp_threads\":\"%s\",\"cpus\":%d}",
                    spec, epochs, batch, samples, perEpoch, gflops, m.manifest().testError(),
                    Engine.getEngine("MXNet").getVersion(), threads, Runtime.getRuntime().availableProcessors());
        }
    }

    private static String threads() {
        return System.getenv().getOrDefault("OMP_NUM_THREADS", "default");
    }

    /** Trains the six Table 1 models with default settings and reports the time of each and in all. */
    static String table1() {
        ImageSet train = Datasets.standard().load("mnist", Part.TRAIN);
        ImageSet test = Datasets.standard().load("mnist", Part.TEST);
        StringBuilder models = new StringBuilder();
        double total = 0;
        for (String s : List.of("fc10@1e-4", "fc10@1e-2", "fc10@1", "fc100-100-10", "fc200-200-10", "ae400-10")) {
            ModelSpec spec = ModelSpec.parse(s);
            long t0 = System.nanoTime();
            try (TrainedModel m = ModelTrainer.train(spec, TrainOptions.defaults(spec), train, test, Progress.NONE)) {
                double secs = (System.nanoTime() - t0) / 1e9;
                total += secs;
                models.append(models.length() == 0 ? "" : ",").append(String.format(Locale.ROOT,
                        "{\"spec\":\"%s\",\"seconds\":%.1f,\"test_error\":%.4f}", s, secs, m.manifest().testError()));
            }
        }
        return String.format(Locale.ROOT, "{\"benchmark\":\"train table1\",\"total_seconds\":%.1f,\"models\":[%s],"
                + "\"engine\":\"MXNet %s\",\"omp_threads\":\"%s\",\"cpus\":%d}", total, models,
                Engine.getEngine("MXNet").getVersion(), threads(), Runtime.getRuntime().availableProcessors());
    }
}
