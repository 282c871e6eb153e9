package dev.intriguing.bench;

import dev.intriguing.core.BenchArgs;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ./intriguing bench memory [--adversarial N] [--images N] [--datasets N] [--trainings N]}: the memory of one
 * kernel session under repetition, measured from outside through a real Jupyter connection.
 *
 * <p>After one call of each kind (which loads classes, the engine and the data), the session repeats
 * {@code %adversarial --images N} (100 times by default), {@code %dataset} (100) and {@code %model train} (20, one
 * epoch on the 30,000 images of P1, a new seed each time so that each really trains), interleaved, each binding the same name
 * again. Prints {@code {"rss_growth_mb":..,"heap_growth_mb":..,"native_growth_mb":..,...}}: resident memory, Java heap
 * after a full GC, and resident memory outside the committed heap, last minus first; {@code ndarray_growth_mb}, the
 * bytes of live NDArrays (a leak grows it), and {@code trim_ms}, the mean time of the kernel's trim after a cell. Models train into a temporary
 * cache (the real data is linked in), so the user's cache is untouched.
 */
public final class MemoryBenchmark {
    /** A cell statement that sets {@code long arrays} to the kernel's {@link dev.intriguing.kernel.NativeMemory#liveArrayBytes()}. */
    static final String LIVE_ARRAYS = "long arrays = dev.intriguing.kernel.NativeMemory.liveArrayBytes();\n";
    private static final Pattern HEAP = Pattern.compile("heap=(\\d+) committed=(\\d+) arrays=(\\d+) trim=([-0-9.E]+)");
    /**
     * A full collection, then the heap in use and committed, the bytes of live NDArrays ({@link #LIVE_ARRAYS}), and the
     * mean time of the kernel's native-memory trim after a cell.
     */
    static final String HEAP_CELL = "System.gc(); System.gc();\n" + LIVE_ARRAYS
            + "\"heap=\" + (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory())"
            + " + \" committed=\" + Runtime.getRuntime().totalMemory() + \" arrays=\" + arrays"
            + " + \" trim=\" + dev.intriguing.kernel.NativeMemory.meanTrimMillis()";

    /** How many calls of each kind after the first; {@code images} per adversarial call. */
    public record Plan(int adversarial, int images, int datasets, int trainings) {
    }

    /**
     * Memory at one moment: resident, Java heap in use after GC, committed heap and live NDArrays, in bytes; and the
     * mean time of the kernel's native-memory trim so far, in milliseconds.
     */
    public record Snapshot(long rss, long heap, long committed, long arrays, double trimMillis) {
        long outsideHeap() {
            return rss - committed;
        }
    }

    /** The snapshot after the first call of each kind, the one after all repetitions, and the wall time. */
    public record Result(Plan plan, Snapshot first, Snapshot last, double seconds, double kernelCpuSeconds) {
        public double rssGrowthMb() {
            return mb(last.rss() - first.rss());
        }

        public double heapGrowthMb() {
            return mb(last.heap() - first.heap());
        }

        public double nativeGrowthMb() {
            return mb(last.outsideHeap() - first.outsideHeap());
        }

        public double arraysGrowthMb() {
            return mb(last.arrays() - first.arrays());
        }

        String json() {
            return String.format(Locale.ROOT, "{\"rss_growth_mb\":%.1f,\"heap_growth_mb\":%.1f,\"native_growth_mb\":%.1f,"
                    + "\"rss_first_mb\":%.1f,\"rss_last_mb\":%.1f,\"adversarial_calls\":%d,\"images\":%d,\"dataset_calls\":%d,"
                    + "\"trainings\":%d,\"ndarray_growth_mb\":%.1f,\"trim_ms\":%.2f,\"seconds\":%.0f,\"kernel_cpu_s\":%.0f,"
                    + "\"load_avg\":%.2f}", rssGrowthMb(), heapGrowthMb(), nativeGrowthMb(), mb(first.rss()), mb(last.rss()),
                    plan.adversarial(), plan.images(), plan.datasets(), plan.trainings(), arraysGrowthMb(), last.trimMillis(),
                    seconds, kernelCpuSeconds, ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        }
    }

    private MemoryBenchmark() {
    }

    public static String run(List<String> args) throws Exception {
        Plan plan = new Plan(BenchArgs.integer(args, "--adversarial", 100), BenchArgs.integer(args, "--images", 100),
                BenchArgs.integer(args, "--datasets", 100), BenchArgs.integer(args, "--trainings", 20));
        return measure(plan, Files.createTempDirectory("intriguing-bench-memory")).json();
    }

    /** Runs {@code plan} in a fresh kernel (the kernelspec's JVM flags) working in {@code dir}. */
    public static Result measure(Plan plan, Path dir) throws IOException {
        long t0 = System.nanoTime();
        try (KernelProcess k = KernelProcess.start(dir, KernelBenchmark.jvmFlags(), KernelProcess.scratchCache(dir));
             KernelClient c = KernelClient.connect(k.connection())) {
            if (!c.waitForReady(180_000)) {
                throw new IllegalStateException("the kernel did not start; its log:\n" + k.log());
            }
            run(c, k, train(0));
            run(c, k, dataset(0));
            run(c, k, adversarial(plan.images(), 0));
            Snapshot first = snapshot(c, k);
            int rounds = Math.max(plan.adversarial(), Math.max(plan.datasets(), plan.trainings()));
            for (int i = 1; i <= rounds; i++) {
                if (i <= plan.datasets()) {
                    run(c, k, dataset(i));
                }
                if (i <= plan.trainings()) {
                    run(c, k, train(i));
                }
                if (i <= plan.adversarial()) {
                    run(c, k, adversarial(plan.images(), i));
                }
            }
            return new Result(plan, first, snapshot(c, k), (System.nanoTime() - t0) / 1e9, k.cpuSeconds());
        }
    }

    static String train(int seed) {
        return "%model train fc100-100-10 --split p1 --epochs 1 --seed " + seed + " --as m";
    }

    static String dataset(int seed) {
        return "%dataset mnist --split test --limit 1000 --seed " + seed + " --as d";
    }

    static String adversarial(int images, int seed) {
        return "%adversarial --model m --images " + images + " --seed " + seed + " --as adv";
    }

    private static void run(KernelClient c, KernelProcess k, String cell) {
        KernelClient.Execution e = c.execute(cell, 1_800_000);
        if (!e.ok()) {
            throw new IllegalStateException(cell + " failed: " + e.text() + "\nthe kernel's log:\n" + k.log());
        }
    }

    /** Memory now, after two full collections in the kernel. */
    static Snapshot snapshot(KernelClient c, KernelProcess k) {
        KernelClient.Execution e = c.execute(HEAP_CELL, 120_000);
        Matcher m = HEAP.matcher(e.text());
        if (!e.ok() || !m.find()) {
            throw new IllegalStateException("the heap cell failed: " + e.text());
        }
        return new Snapshot(k.residentBytes(), Long.parseLong(m.group(1)), Long.parseLong(m.group(2)),
                Long.parseLong(m.group(3)), Double.parseDouble(m.group(4)));
    }

    static double mb(long bytes) {
        return BenchArgs.round4(bytes / (1024.0 * 1024.0));
    }

    /** The figures of {@code result} one per line, for a test's failure message. */
    static List<String> describe(Result result) {
        List<String> out = new ArrayList<>();
        out.add("first " + result.first());
        out.add("last  " + result.last());
        out.add(result.json());
        return out;
    }
}
