package dev.intriguing.bench;

import com.google.gson.Gson;
import dev.intriguing.datasets.api.Datasets;
import dev.intriguing.kernel.Classpath;
import dev.intriguing.kernel.KernelMain;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Our kernel in a child JVM, started as Jupyter starts it: a connection file (readable by the user only, since it
 * holds the signing key) and {@code KernelMain FILE}.
 */
public final class KernelProcess implements AutoCloseable {
    /** Where and how to reach a kernel: the content of its connection file. */
    public record Connection(String ip, int shell, int iopub, int stdin, int control, int hb, String key) {
        String address(int port) {
            return "tcp://" + ip + ":" + port;
        }
    }

    private final Process process;
    private final Connection connection;
    private final Path connectionFile;
    private final Path log;
    private final long startedNanos;

    private KernelProcess(Process process, Connection connection, Path connectionFile, Path log, long startedNanos) {
        this.process = process;
        this.connection = connection;
        this.connectionFile = connectionFile;
        this.log = log;
        this.startedNanos = startedNanos;
    }

    /**
     * Starts a kernel with {@code jvmArgs} (e.g. {@code -Xmx2g}) in {@code dir}: its working directory, where its
     * connection file and log go too.
     */
    public static KernelProcess start(Path dir, List<String> jvmArgs) throws IOException {
        return start(dir, jvmArgs, Map.of());
    }

    /** As {@link #start(Path, List)}, with {@code env} added to the kernel's environment (e.g. INTRIGUING_CACHE). */
    public static KernelProcess start(Path dir, List<String> jvmArgs, Map<String, String> env) throws IOException {
        Files.createDirectories(dir);
        int[] ports = freePorts(5);
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        Connection c = new Connection("127.0.0.1", ports[0], ports[1], ports[2], ports[3], ports[4],
                HexFormat.of().formatHex(key));
        Path file = Files.createTempFile(dir, "kernel-", ".json", PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, connectionJson(c), StandardOpenOption.TRUNCATE_EXISTING);
        Path log = dir.resolve(file.getFileName().toString().replace(".json", ".log"));
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmArgs);
        cmd.addAll(List.of("-Dai.djl.offline=true", "-Djava.awt.headless=true", "-cp", Classpath.currentString(),
                KernelMain.class.getName(), file.toString()));
        long t0 = System.nanoTime();
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().putAll(env);
        Process p = pb.start();
        return new KernelProcess(p, c, file, log, t0);
    }

    /**
     * An environment whose {@code INTRIGUING_CACHE} is a fresh cache in {@code dir} with the user's data linked in:
     * a kernel started with it trains into its own model cache and leaves the user's alone.
     */
    public static Map<String, String> scratchCache(Path dir) throws IOException {
        Path cache = dir.resolve("cache");
        Files.createDirectories(cache.resolve("models"));
        Path data = cache.resolve("data");
        if (!Files.exists(data, LinkOption.NOFOLLOW_LINKS)) {
            Files.createSymbolicLink(data, Datasets.defaultCacheRoot().resolve("data").toAbsolutePath());
        }
        return Map.of("INTRIGUING_CACHE", cache.toString());
    }

    static String connectionJson(Connection c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ip", c.ip());
        m.put("transport", "tcp");
        m.put("shell_port", c.shell());
        m.put("iopub_port", c.iopub());
        m.put("stdin_port", c.stdin());
        m.put("control_port", c.control());
        m.put("hb_port", c.hb());
        m.put("key", c.key());
        m.put("signature_scheme", "hmac-sha256");
        m.put("kernel_name", "intriguing-java");
        return new Gson().toJson(m);
    }

    private static int[] freePorts(int n) throws IOException {
        int[] ports = new int[n];
        List<ServerSocket> held = new ArrayList<>();
        try {
            for (int i = 0; i < n; i++) {
                ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                held.add(s);
                ports[i] = s.getLocalPort();
            }
        } finally {
            for (ServerSocket s : held) {
                s.close();
            }
        }
        return ports;
    }

    public Connection connection() {
        return connection;
    }

    public Path connectionFile() {
        return connectionFile;
    }

    /** When the process was started, on {@link System#nanoTime()}'s clock. */
    public long startedNanos() {
        return startedNanos;
    }

    public boolean alive() {
        return process.isAlive();
    }

    public long pid() {
        return process.pid();
    }

    /**
     * Seconds of CPU the kernel process has used (user plus system, from {@code /proc}); -1 where {@code /proc} is
     * missing. Unlike wall time, this hardly moves when other processes load the machine.
     */
    public double cpuSeconds() {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // Fields 14 and 15 of stat (utime, stime) are the 12th and 13th after the command name, in clock ticks.
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** Resident memory of the kernel process in bytes (from {@code /proc}); -1 where {@code /proc} is missing. */
    public long residentBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
            return -1;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** What the kernel printed so far (its stderr and stdout). */
    public String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "";
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        try {
            Files.deleteIfExists(connectionFile);
        } catch (IOException e) {
            // a leftover connection file in a temporary directory is harmless
        }
    }
}
