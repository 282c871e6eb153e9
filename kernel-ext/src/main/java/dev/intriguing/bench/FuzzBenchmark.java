package dev.intriguing.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * {@code ./intriguing bench fuzz [--lines N] [--seed S] [--line-timeout-s T]}: generated magic lines
 * ({@link MagicLineGenerator}) through a child kernel over its real Jupyter connection.
 *
 * <p>Prints {@code {"lines":..,"kernel_deaths":..,"usage_traces":..,"changed_sessions":..,"p50_ms":..,"p99_ms":..}}:
 * a death is a kernel that exited or stopped answering; a usage trace is an error reply that shows a stack trace
 * (every fuzzed error is a usage error); a changed session is a failed line after which the session's names or
 * objects differ. Each finding is printed to stderr with its line.
 */
public final class FuzzBenchmark {
    private static final Pattern TRACE = Pattern.compile("(?m)^\\s*at [\\w.$<>/]+\\(");
    /** The session, as names and object identities: a failed magic must leave it exactly as it was. */
    static final String FINGERPRINT = "kernel().session().all(Object.class).entrySet().stream()"
            + ".map(e -> e.getKey() + \"=\" + System.identityHashCode(e.getValue())).sorted()"
            + ".collect(java.util.stream.Collectors.joining(\",\"))";
    /**
     * A line that still runs after this many seconds is interrupted (a mutation that happened to be a valid training
     * or attack): what is fuzzed is the line's parsing and errors, and a minute of training tells nothing more than
     * 30 s of it, while the interrupt itself is one more fault for the kernel to survive.
     */
    static final int LINE_TIMEOUT_S = 30;
    /** Lines between two progress lines on stderr. */
    private static final int PROGRESS_EVERY = 250;

    /** What a run found. */
    public record Result(int lines, int valid, int deaths, int traces, int changed, double p50, double p99,
                         Map<String, String> findings) {
        String json(double seconds) {
            return String.format(Locale.ROOT, "{\"lines\":%d,\"kernel_deaths\":%d,\"usage_traces\":%d,\"changed_sessions\":%d,"
                    + "\"p50_ms\":%.1f,\"p99_ms\":%.1f,\"valid_lines\":%d,\"seconds\":%.0f,\"load_avg\":%.2f}", lines, deaths,
                    traces, changed, p50, p99, valid, seconds, ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        }
    }

    private FuzzBenchmark() {
    }

    public static String run(List<String> args) throws Exception {
        int lines = KernelBenchmark.intArg(args, "--lines", 10_000);
        long seed = KernelBenchmark.intArg(args, "--seed", 1);
        long timeoutMs = 1000L * KernelBenchmark.intArg(args, "--line-timeout-s", LINE_TIMEOUT_S);
        long t0 = System.nanoTime();
        Result r = fuzz(new MagicLineGenerator(seed), lines, Files.createTempDirectory("intriguing-fuzz"), timeoutMs);
        r.findings().forEach((line, what) -> System.err.println(what + ": " + line));
        return r.json((System.nanoTime() - t0) / 1e9);
    }

    /** Runs {@code count} lines of {@code gen} in one kernel (restarted on death), each stopped after {@code lineTimeoutMs}. */
    public static Result fuzz(MagicLineGenerator gen, int count, Path dir, long lineTimeoutMs) throws IOException {
        List<String> all = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            all.add(gen.next());
        }
        return run(all, dir, lineTimeoutMs);
    }

    public static Result run(List<String> lines, Path dir) throws IOException {
        return run(lines, dir, LINE_TIMEOUT_S * 1000L);
    }

    public static Result run(List<String> lines, Path dir, long lineTimeoutMs) throws IOException {
        List<Double> millis = new ArrayList<>();
        Map<String, String> findings = new LinkedHashMap<>();
        int deaths = 0;
        int traces = 0;
        int changed = 0;
        int valid = 0;
        Session s = new Session(dir);
        long t0 = System.nanoTime();
        int done = 0;
        try {
            for (String line : lines) {
                if (done > 0 && done % PROGRESS_EVERY == 0) {
                    // A run of thousands of lines takes hours on a loaded machine: say where it is, on stderr.
                    System.err.println("fuzz: " + new Result(done, valid, deaths, traces, changed, percentileOr0(millis, 50),
                            percentileOr0(millis, 99), Map.of()).json((System.nanoTime() - t0) / 1e9));
                }
                done++;
                KernelClient.Execution e = s.client.execute(line, lineTimeoutMs);
                if (e.timedOut()) {
                    s.client.interrupt(10_000);
                    if (!s.client.execute("1+1", 60_000).ok()) {
                        deaths++;
                        found(findings, line, "kernel death (no answer after interrupt)");
                        s.close();
                        s = new Session(dir);
                    } else {
                        // A valid line stopped by the interrupt may rightly have bound its name (an interrupted
                        // training keeps its last whole epoch): take the session as it is now, or the next failing
                        // line would be blamed for it (the one changed session of the 3,000-line run of seed 11).
                        s.fingerprint = s.fingerprint();
                    }
                    continue;
                }
                millis.add(e.millis());
                if (!s.kernel.alive()) {
                    deaths++;
                    found(findings, line, "kernel death");
                    s.close();
                    s = new Session(dir);
                    continue;
                }
                if (e.ok()) {
                    valid++;
                    s.fingerprint = s.fingerprint();
                    continue;
                }
                if (TRACE.matcher(String.join("\n", e.traceback())).find()) {
                    traces++;
                    found(findings, line, "stack trace: " + firstLine(e.traceback()));
                }
                String after = s.fingerprint();
                if (changed(s.fingerprint, after)) {
                    changed++;
                    found(findings, line, "session changed: " + s.fingerprint + " -> " + after);
                    s.fingerprint = after;
                }
            }
        } finally {
            s.close();
        }
        return new Result(lines.size(), valid, deaths, traces, changed, percentileOr0(millis, 50), percentileOr0(millis, 99),
                findings);
    }

    /** What {@link Session#fingerprint()} gives when the kernel did not answer the question in time. */
    static final String UNAVAILABLE = "unavailable: ";

    /**
     * Whether a failed line changed the session: both fingerprints were taken and differ. A fingerprint the kernel
     * did not give in time (a starved or paused machine: two such false findings in a run whose processes were
     * stopped for half an hour) says nothing about the line, so it is not compared.
     */
    static boolean changed(String before, String after) {
        return !before.startsWith(UNAVAILABLE) && !after.startsWith(UNAVAILABLE) && !before.equals(after);
    }

    /** Keeps the first finding of {@code line} and prints it at once, so that a run cut short still shows it. */
    private static void found(Map<String, String> findings, String line, String what) {
        if (findings.putIfAbsent(line, what) == null) {
            System.err.println("fuzz finding: " + what + ": " + line);
        }
    }

    private static double percentileOr0(List<Double> millis, double p) {
        return millis.isEmpty() ? 0 : KernelBenchmark.percentile(millis, p);
    }

    private static String firstLine(List<String> tb) {
        return tb.isEmpty() ? "" : tb.get(0).replaceAll("\u001B\\[[0-9;]*m", "");
    }

    /** A kernel with a small test set named {@code test}, so that names of another type exist. */
    private static final class Session implements AutoCloseable {
        final KernelProcess kernel;
        final KernelClient client;
        String fingerprint;

        Session(Path dir) throws IOException {
            // Its own model cache: a mutated line that still trains must not add models to the user's.
            kernel = KernelProcess.start(dir, List.of("-Xmx2g"), KernelProcess.scratchCache(dir));
            client = KernelClient.connect(kernel.connection());
            if (!client.waitForReady(600_000)) {
                close();
                throw new IllegalStateException("the kernel did not start; its log:\n" + kernel.log());
            }
            KernelClient.Execution e = client.execute("%dataset mnist --split test --limit 20 --as test", 300_000);
            if (!e.ok()) {
                close();
                throw new IllegalStateException("setting up the fuzz session failed: " + e.text());
            }
            fingerprint = fingerprint();
        }

        String fingerprint() {
            KernelClient.Execution e = client.execute(FINGERPRINT, 60_000);
            return e.ok() ? e.text() : UNAVAILABLE + e.status();
        }

        @Override
        public void close() {
            client.close();
            kernel.close();
        }
    }
}
