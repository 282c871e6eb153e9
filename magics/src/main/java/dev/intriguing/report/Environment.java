package dev.intriguing.report;

import ai.djl.engine.Engine;
import dev.intriguing.datasets.api.DatasetInfo;
import dev.intriguing.datasets.api.Datasets;
import dev.intriguing.datasets.api.Splits;
import dev.intriguing.models.TrainOptions;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * How a notebook was run, recorded in its output so that a shared executed notebook says how it was made: the
 * project's version and git commit, the Java, DJL and MXNet versions, the SHA-256 of every cached data file, and the
 * seeds the project uses by default.
 *
 * <pre>{@code
 * %environment
 * // item | value
 * // project | intriguing 0.1.0-SNAPSHOT
 * // git commit | 5749eec... (with local changes)
 * // Java | 17.0.13 (Eclipse Adoptium)
 * // data mnist/train-images-idx3-ubyte | 3b5f...
 * }</pre>
 *
 * @param project  the project's version
 * @param commit   the git commit of the working tree, or "none" outside a git checkout
 * @param java     the Java runtime's version and vendor
 * @param djl      DJL's version
 * @param mxnet    the MXNet engine's version, or why it could not be read
 * @param data     per data file ({@code dataset/file}), its SHA-256, or "not fetched"
 * @param seeds    per use, the seed the project uses unless told otherwise
 */
public record Environment(String project, String commit, String java, String djl, String mxnet,
                          Map<String, String> data, Map<String, String> seeds) {
    public Environment {
        data = Collections.unmodifiableMap(new LinkedHashMap<>(data));
        seeds = Collections.unmodifiableMap(new LinkedHashMap<>(seeds));
    }

    /** The environment of this JVM, with the checksums of {@code datasets}' cached files. */
    public static Environment capture(Datasets datasets) {
        Map<String, String> data = new LinkedHashMap<>();
        for (String name : Datasets.names()) {
            DatasetInfo info = Datasets.info(name);
            for (String file : info.fileNames()) {
                Path p = datasets.cachedFile(name, file);
                data.put(name + "/" + file, Files.isRegularFile(p) ? sha256(p) : "not fetched");
            }
        }
        Map<String, String> seeds = new LinkedHashMap<>();
        seeds.put("training (default of %model train)", Long.toString(TrainOptions.DEFAULT_SEED));
        seeds.put("halves P1/P2 (Splits.PAPER_SEED)", Long.toString(Splits.PAPER_SEED));
        seeds.put("attack targets, noise, random directions (the notebooks)", "0");
        String mxnet;
        try {
            mxnet = Engine.getEngine("MXNet").getVersion();
        } catch (RuntimeException | LinkageError e) {
            mxnet = "not loaded (" + e.getClass().getSimpleName() + ")";
        }
        return new Environment(projectVersion(), gitCommit(root()), System.getProperty("java.version") + " ("
                + System.getProperty("java.vendor") + ")", Engine.getDjlVersion(), mxnet, data, seeds);
    }

    /** Two columns, item and value, one row per fact. */
    public Table table() {
        Map<String, String> rows = new LinkedHashMap<>();
        rows.put("project", project);
        rows.put("git commit", commit);
        rows.put("Java", java);
        rows.put("DJL", djl);
        rows.put("MXNet", mxnet);
        data.forEach((k, v) -> rows.put("SHA-256 " + k, v));
        seeds.forEach((k, v) -> rows.put("seed: " + k, v));
        return Table.create("Environment of this run (%environment)").addColumns(
                StringColumn.create("item", rows.keySet()), StringColumn.create("value", rows.values()));
    }

    @Override
    public String toString() {
        return project + ", commit " + commit + ", Java " + java + ", DJL " + djl + ", MXNet " + mxnet + ", "
                + data.size() + " data files";
    }

    /** The version in the magics jar's Maven properties; "unknown" when run from a classes directory. */
    static String projectVersion() {
        try (InputStream in = Environment.class.getResourceAsStream(
                "/META-INF/maven/dev.intriguing/intriguing-magics/pom.properties")) {
            if (in != null) {
                Properties p = new Properties();
                p.load(in);
                return "intriguing " + p.getProperty("version", "unknown");
            }
        } catch (IOException e) {
            // fall through: the version is a courtesy, not worth failing a notebook over
        }
        String v = Environment.class.getPackage().getImplementationVersion();
        return "intriguing " + (v == null ? "unknown (run from a classes directory)" : v);
    }

    /** The project root the launcher names ({@code -Dintriguing.root}), else the working directory. */
    static Path root() {
        String r = System.getProperty("intriguing.root");
        return Path.of(r == null || r.isBlank() ? "." : r);
    }

    /** {@code git rev-parse HEAD} in {@code dir}, marked when tracked files have local changes; "none" without git. */
    static String gitCommit(Path dir) {
        String head = git(dir, "rev-parse", "HEAD");
        if (head == null || head.isBlank()) {
            return "none (not a git checkout)";
        }
        String status = git(dir, "status", "--porcelain", "--untracked-files=no");
        return head.strip() + (status != null && !status.isBlank() ? " (with local changes)" : "");
    }

    private static String git(Path dir, String... args) {
        try {
            String[] cmd = new String[args.length + 3];
            cmd[0] = "git";
            cmd[1] = "-C";
            cmd[2] = dir.toAbsolutePath().toString();
            System.arraycopy(args, 0, cmd, 3, args.length);
            Process p = new ProcessBuilder(cmd).redirectErrorStream(false).start();
            p.getOutputStream().close();
            byte[] out = p.getInputStream().readAllBytes();
            p.getErrorStream().readAllBytes();
            if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroy();
                return null;
            }
            return new String(out, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    static String sha256(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) {
                md.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (IOException e) {
            return "unreadable (" + e.getMessage() + ")";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }
}
