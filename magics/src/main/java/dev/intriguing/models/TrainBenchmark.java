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
            String threads = System.getenv().getOrDefault("OMP_NUM_THREADS", "default");
            return String.format(Locale.ROOT, "{\"benchmark\":\"train\",\"spec\":\"%s\",\"epochs\":%d,\"batch\":%d,"
                            + "\"samples_per_s\":%.1f,\"s_per_epoch\":%.3f,\"gflop_per_s\":%.2f,\"test_error\":%.4f,"
                            + "\"engine\":\"MXNet %s\",\"omp_threads\":\"%s\",\"cpus\":%d}",
                    spec, epochs, batch, samples, perEpoch, gflops, m.manifest().testError(),
                    Engine.getEngine("MXNet").getVersion(), threads, Runtime.getRuntime().availableProcessors());
        }
    }
}
