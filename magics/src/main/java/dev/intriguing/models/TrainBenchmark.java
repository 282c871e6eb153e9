package dev.intriguing.models;

import ai.djl.engine.Engine;
import dev.intriguing.core.BenchArgs;
import dev.intriguing.core.Progress;
import dev.intriguing.datasets.api.Datasets;
import dev.intriguing.datasets.api.ImageSet;
import dev.intriguing.datasets.api.Part;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ./intriguing bench train [conv] [EPOCHS] [BATCH] [SPEC]}: trains a model (default FC100-100-10, 3 epochs,
 * its default batch size; {@code conv}: the conv net, 2 epochs) on the 60000 MNIST training images, and in the same
 * run the same recipe in PyTorch when Debian's {@code python3-torch} is installed ({@code bench train --setup}
 * installs it), and prints one JSON line.
 *
 * <p>Both sides train without augmentation (our default ±1-pixel shift is off here, and PyTorch has none), with the
 * same initialisation, objective (cross-entropy plus the weight-decay penalty), Adam and cosine schedule, on shuffled
 * batches. {@code samples_per_s} and {@code pytorch_samples_per_s} are the median epoch after the first (which warms
 * up both engines), {@code ratio_vs_pytorch} their quotient; {@code share_of_peak} is the achieved GFLOP/s (a training
 * step counts as 3 forward passes) over a 1024³ float32 matrix product in DJL measured in the same run (the larger of
 * one before and one after training). The machine is
 * shared, so the line carries the load average before and after.
 *
 * <p>{@code bench train table1} trains the six Table 1 models with their default settings (no cache) and prints the
 * total and per-model seconds and test errors; {@code bench train profile [SPEC]} prints where an epoch's time goes
 * (see {@link TrainProfile}).
 *
 * <pre>{@code
 * $ ./intriguing bench train
 * {"benchmark":"train","spec":"fc100-100-10",...,"samples_per_s":31000.0,"pytorch_samples_per_s":30000.0,"ratio_vs_pytorch":1.03,...}
 * }</pre>
 */
public final class TrainBenchmark {
    /** Debian's interpreter, where {@code python3-torch} installs torch (a pyenv python on PATH may lack it). */
    static final String PYTHON = "/usr/bin/python3";
    private static final String TORCH_SCRIPT = "bench_train_torch.py";

    private TrainBenchmark() {
    }

    /** Runs the benchmark with {@code args} = [table1 | profile [SPEC] | --setup | [conv] [epochs [batch [spec]]]]. */
    public static String run(List<String> args) throws IOException, InterruptedException {
        if (!args.isEmpty() && args.get(0).equals("table1")) {
            return table1();
        }
        if (!args.isEmpty() && args.get(0).equals("--setup")) {
            return setup();
        }
        if (!args.isEmpty() && args.get(0).equals("profile")) {
            ModelSpec spec = ModelSpec.parse(args.size() > 1 ? args.get(1) : "fc100-100-10");
            return TrainProfile.json(spec, TrainProfile.run(spec, TrainOptions.defaults(spec),
                    Datasets.standard().load("mnist", Part.TRAIN), Datasets.standard().load("mnist", Part.TEST)));
        }
        boolean conv = !args.isEmpty() && args.get(0).equals("conv");
        List<String> rest = conv ? args.subList(1, args.size()) : args;
        int epochs = rest.size() > 0 ? BenchArgs.positional(rest.get(0), "EPOCHS", 1) : conv ? 2 : 3;
        ModelSpec spec = conv ? ModelSpec.conv() : ModelSpec.parse(rest.size() > 2 ? rest.get(2) : "fc100-100-10");
        TrainOptions defaults = TrainOptions.defaults(spec);
        int batch = rest.size() > 1 ? BenchArgs.positional(rest.get(1), "BATCH", 1) : defaults.batchSize();
        TrainOptions o = defaults.withEpochs(epochs).withBatchSize(batch).withPretrainEpochs(0).withShift(0);
        ImageSet train = Datasets.standard().load("mnist", Part.TRAIN);
        ImageSet test = Datasets.standard().load("mnist", Part.TEST);
        String loadBefore = loadAverage();
        // PyTorch first, before this process starts MXNet: the engine's idle worker threads otherwise spin on the
        // cores while the script runs (measured quiet: 31k samples/s for PyTorch after our threaded engine, 94k after
        // the synchronous one)
        String torch = pytorch(spec, o, train);
        double peak = MatmulPeak.gflops();
        try (TrainedModel m = ModelTrainer.train(spec, o, train, test, Progress.NONE)) {
            double[] rates = m.manifest().history().stream().mapToDouble(h -> train.size() / h.seconds()).toArray();
            double rate = medianAfterFirst(rates);
            double gflops = rate * 3.0 * m.forwardFlopsPerExample() / 1e9;
            // the larger of a peak before and one after: the conservative denominator while the machine's load varies
            peak = Math.max(peak, MatmulPeak.gflops());
            double torchRate = torch == null ? Double.NaN : number(torch, "samples_per_s");
            return String.format(Locale.ROOT, "{\"benchmark\":\"train\",\"spec\":\"%s\",\"epochs\":%d,\"batch\":%d,\"shift\":0,"
                            + "\"samples_per_s\":%.1f,\"pytorch_samples_per_s\":%.1f,\"ratio_vs_pytorch\":%s,"
                            + "\"gflop_per_s\":%.2f,\"matmul_peak_gflops\":%.2f,\"share_of_peak\":%s,"
                            + "\"epoch_samples_per_s\":%s,\"pytorch\":%s,\"test_error\":%.4f,\"engine\":\"MXNet %s\","
                            + "\"omp_threads\":\"%s\",\"cpus\":%d,\"load_avg_before\":\"%s\",\"load_avg_after\":\"%s\"}",
                    spec, epochs, batch, rate, torchRate, BenchArgs.round4(rate / torchRate), gflops, peak,
                    BenchArgs.round4(gflops / peak), rounded(rates), torch == null ? "null" : torch, m.manifest().testError(),
                    Engine.getEngine("MXNet").getVersion(), threads(), Runtime.getRuntime().availableProcessors(),
                    loadBefore, loadAverage());
        }
    }

    private static double medianAfterFirst(double[] rates) {
        double[] r = rates.length > 1 ? Arrays.copyOfRange(rates, 1, rates.length) : rates.clone();
        Arrays.sort(r);
        return r.length % 2 == 1 ? r[r.length / 2] : (r[r.length / 2 - 1] + r[r.length / 2]) / 2;
    }

    private static String rounded(double[] rates) {
        StringBuilder sb = new StringBuilder("[");
        for (double r : rates) {
            sb.append(sb.length() == 1 ? "" : ",").append(String.format(Locale.ROOT, "%.1f", r));
        }
        return sb.append(']').toString();
    }

    private static double number(String json, String key) {
        Matcher m = Pattern.compile("\"" + key + "\":\\s*([0-9.eE+-]+)").matcher(json);
        return m.find() ? Double.parseDouble(m.group(1)) : Double.NaN;
    }

    /** Whether Debian's python can import torch. */
    static boolean torchAvailable() {
        if (!Files.isExecutable(Path.of(PYTHON))) {
            return false;
        }
        try {
            Process p = new ProcessBuilder(PYTHON, "-c", "import torch").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return p.waitFor(120, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The bench's set-up step: installs Debian's {@code python3-torch} unless torch already imports. */
    static String setup() throws IOException, InterruptedException {
        if (torchAvailable()) {
            return "{\"benchmark\":\"train --setup\",\"python3_torch\":\"present\"}";
        }
        Process p = new ProcessBuilder("apt-get", "install", "-y", "--no-install-recommends", "python3-torch").inheritIO().start();
        int rc = p.waitFor();
        return String.format(Locale.ROOT, "{\"benchmark\":\"train --setup\",\"apt_get_exit\":%d,\"python3_torch\":\"%s\"}", rc,
                torchAvailable() ? "present" : "missing");
    }

    /** The PyTorch side's JSON line, or null when torch is not installed. */
    private static String pytorch(ModelSpec spec, TrainOptions o, ImageSet train) throws IOException, InterruptedException {
        if (!torchAvailable()) {
            return null;
        }
        Path dir = Files.createTempDirectory("bench-train");
        try {
            Path script = dir.resolve(TORCH_SCRIPT);
            try (InputStream in = TrainBenchmark.class.getResourceAsStream(TORCH_SCRIPT)) {
                Files.copy(in, script);
            }
            Path data = dir.resolve("train.bin");
            writeData(train, data);
            StringBuilder decays = new StringBuilder();
            for (double d : spec.decays()) {
                decays.append(decays.length() == 0 ? "" : ",").append(d);
            }
            Process p = new ProcessBuilder(PYTHON, script.toString(), data.toString(), spec.toString(),
                    Integer.toString(o.epochs()), Integer.toString(o.batchSize()), Double.toString(o.learningRate()),
                    decays.toString(), Integer.toString(Runtime.getRuntime().availableProcessors()))
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (p.waitFor() != 0 || !out.startsWith("{")) {
                throw new IllegalStateException("the PyTorch side failed (exit " + p.exitValue() + "): " + out);
            }
            String[] lines = out.split("\n");
            return lines[lines.length - 1];
        } finally {
            try (var files = Files.list(dir)) {
                for (Path f : files.toList()) {
                    Files.deleteIfExists(f);
                }
            }
            Files.deleteIfExists(dir);
        }
    }

    /** n and d (big-endian int32), the pixels as bytes (value·255), the labels as bytes. */
    private static void writeData(ImageSet set, Path file) throws IOException {
        float[] px = set.pixels(0, set.size());
        byte[] bytes = new byte[px.length];
        for (int i = 0; i < px.length; i++) {
            bytes[i] = (byte) Math.round(px[i] * 255f);
        }
        byte[] labels = new byte[set.size()];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = (byte) set.label(i);
        }
        try (DataOutputStream out = new DataOutputStream(Files.newOutputStream(file))) {
            out.writeInt(set.size());
            out.writeInt(set.pixelsPerImage());
            out.write(bytes);
            out.write(labels);
        }
    }

    private static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException | UncheckedIOException e) {
            return "unknown";
        }
    }

    private static String threads() {
        return System.getenv().getOrDefault("OMP_NUM_THREADS", "default");
    }

    /** Trains the six Table 1 models with default settings and reports the time of each and in all. */
    static String table1() {
        ImageSet train = Datasets.standard().load("mnist", Part.TRAIN);
        ImageSet test = Datasets.standard().load("mnist", Part.TEST);
        String loadBefore = loadAverage();
        List<String> models = new ArrayList<>();
        double total = 0;
        for (String s : List.of("fc10@1e-4", "fc10@1e-2", "fc10@1", "fc100-100-10", "fc200-200-10", "ae400-10")) {
            ModelSpec spec = ModelSpec.parse(s);
            long t0 = System.nanoTime();
            try (TrainedModel m = ModelTrainer.train(spec, TrainOptions.defaults(spec), train, test, Progress.NONE)) {
                double secs = (System.nanoTime() - t0) / 1e9;
                total += secs;
                models.add(String.format(Locale.ROOT, "{\"spec\":\"%s\",\"seconds\":%.1f,\"test_error\":%.4f}", s, secs,
                        m.manifest().testError()));
            }
        }
        return String.format(Locale.ROOT, "{\"benchmark\":\"train table1\",\"total_seconds\":%.1f,\"models\":[%s],"
                + "\"engine\":\"MXNet %s\",\"omp_threads\":\"%s\",\"cpus\":%d,\"load_avg_before\":\"%s\",\"load_avg_after\":\"%s\"}",
                total, String.join(",", models), Engine.getEngine("MXNet").getVersion(), threads(),
                Runtime.getRuntime().availableProcessors(), loadBefore, loadAverage());
    }
}
