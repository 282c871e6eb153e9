package dev.intriguing.bench;

import dev.intriguing.kernel.KernelSpec;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * {@code ./intriguing bench kernel [--cold N] [--cells N]}: cold start to the first {@code kernel_info} reply, and the
 * round trip of a {@code 1+1} cell, through a real Jupyter connection to a child kernel started as the kernelspec
 * starts it.
 *
 * <p>Prints {@code {"cold_start_s":..,"p50_ms":..,"p99_ms":..,...}}; cold start is the median of N fresh kernels,
 * the round trip is measured after 30 warm-up cells. The machine's load average is printed with it because other
 * processes on a shared machine move these figures.
 */
public final class KernelBenchmark {
    private KernelBenchmark() {
    }

    public static String run(List<String> args) throws Exception {
        int cold = intArg(args, "--cold", 3);
        int cells = intArg(args, "--cells", 300);
        Path dir = Files.createTempDirectory("intriguing-bench-kernel");
        List<Double> starts = new ArrayList<>();
        List<Double> startCpu = new ArrayList<>();
        for (int i = 0; i < cold; i++) {
            double[] wallAndCpu = coldStart(dir);
            starts.add(wallAndCpu[0]);
            startCpu.add(wallAndCpu[1]);
        }
        List<Double> trips = new ArrayList<>();
        double cpuPerCell;
        try (KernelProcess k = KernelProcess.start(dir, jvmFlags()); KernelClient c = KernelClient.connect(k.connection())) {
            if (!c.waitForReady(60_000)) {
                throw new IllegalStateException("the kernel did not answer within 60 s; its log:\n" + k.log());
            }
            for (int i = 0; i < 30; i++) {
                c.execute("1+1", 30_000);
            }
            double cpu0 = k.cpuSeconds();
            for (int i = 0; i < cells; i++) {
                KernelClient.Execution e = c.execute("1+1", 30_000);
                if (!e.ok() || !e.text().contains("2")) {
                    throw new IllegalStateException("1+1 did not give 2: " + e);
                }
                trips.add(e.millis());
            }
            cpuPerCell = (k.cpuSeconds() - cpu0) * 1000 / cells;
        }
        return String.format(Locale.ROOT, "{\"cold_start_s\":%.3f,\"p50_ms\":%.1f,\"p99_ms\":%.1f,\"cells\":%d,"
                + "\"kernel_cpu_ms_per_cell\":%.1f,\"cold_start_cpu_s\":%.2f,\"cold_starts\":%d,\"load_avg\":%.2f}",
                median(starts), percentile(trips, 50), percentile(trips, 99), cells, cpuPerCell, median(startCpu), cold,
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }

    /**
     * Seconds from starting a kernel process to its first {@code kernel_info} reply, and the kernel's CPU seconds by
     * then (its startup thread included, which goes on building JShell after the reply).
     */
    static double[] coldStart(Path dir) throws IOException {
        try (KernelProcess k = KernelProcess.start(dir, jvmFlags()); KernelClient c = KernelClient.connect(k.connection())) {
            if (c.kernelInfo(60_000).isEmpty()) {
                throw new IllegalStateException("no kernel_info reply within 60 s; the kernel's log:\n" + k.log());
            }
            return new double[] {(System.nanoTime() - k.startedNanos()) / 1e9, k.cpuSeconds()};
        }
    }

    /**
     * The JVM flags of the kernelspec that {@code ./intriguing install} writes for these jars (with the class-data
     * archive when there is one), so that the benchmark measures what Jupyter starts.
     */
    static List<String> jvmFlags() {
        List<String> argv = KernelSpec.argv(installedClasspath());
        return argv.subList(1, argv.indexOf("-cp"));
    }

    /** {@code lib/*} when this code runs from the jars in {@code lib/}, as the launcher runs it; else a placeholder. */
    private static String installedClasspath() {
        try {
            Path jar = Path.of(KernelSpec.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return Files.isRegularFile(jar) ? jar.getParent() + "/*" : "CP";
        } catch (URISyntaxException | RuntimeException e) {
            return "CP";
        }
    }

    static double median(List<Double> xs) {
        return percentile(xs, 50);
    }

    /** The nearest-rank percentile. */
    static double percentile(List<Double> xs, double p) {
        List<Double> s = new ArrayList<>(xs);
        Collections.sort(s);
        int rank = (int) Math.ceil(p / 100.0 * s.size());
        return s.get(Math.max(0, Math.min(s.size() - 1, rank - 1)));
    }

    static int intArg(List<String> args, String name, int dflt) {
        int i = args.indexOf(name);
        if (i < 0) {
            return dflt;
        }
        if (i + 1 >= args.size()) {
            throw new IllegalArgumentException(name + " needs a number, e.g. " + name + " " + dflt);
        }
        return Integer.parseInt(args.get(i + 1));
    }
}
