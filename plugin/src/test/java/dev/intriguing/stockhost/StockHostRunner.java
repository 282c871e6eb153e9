package dev.intriguing.stockhost;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Starts {@link StockHostMain} in a child JVM whose class path puts gson 2.8.5 first, then basekernel and its
 * dependencies and the stand-in host, as IJava's jar does; the plugin jar enters only through {@code %jars} or
 * {@code --classpath} (IJAVA_CLASSPATH). Waits a bounded time, so a deadlock fails a test instead of hanging it.
 */
final class StockHostRunner {
    /** One cell's outcome, read back from the child's {@code @@} lines. */
    record Cell(int number, String status, long millis, List<String> values, List<String> displays, List<String> errors) {
        boolean ok() {
            return status.equals("ok");
        }

        @Override
        public String toString() {
            return "cell " + number + " " + status + " in " + millis + " ms" + (errors.isEmpty() ? "" : ": " + String.join(" | ", errors));
        }
    }

    /** The whole run. */
    record Run(List<Cell> cells, boolean done, String log) {
        Cell cell(int n) {
            return cells.stream().filter(c -> c.number() == n).findFirst()
                    .orElseThrow(() -> new AssertionError("cell " + n + " did not run; the log ends:\n" + tail(log)));
        }

        String summary() {
            return cells.stream().map(Cell::toString).collect(Collectors.joining("\n"));
        }
    }

    static final Path PLUGIN_JAR = Path.of(System.getProperty("intriguing.plugin.jar", "target/intriguing-plugin.jar"));
    private static final Path HOST_LIB = Path.of(System.getProperty("intriguing.stock.host.lib", "target/stock-host-lib"));
    private static final Path HOST_CLASSES = Path.of(System.getProperty("intriguing.stock.host.classes", "target/test-classes"));

    private final Path workDir;
    private final List<String> hostArgs = new ArrayList<>();
    private long cellTimeoutSeconds = 300;

    StockHostRunner(Path workDir) {
        this.workDir = workDir;
    }

    /** IJAVA_CLASSPATH plus IJAVA_STARTUP_SCRIPT instead of a {@code %jars} cell. */
    StockHostRunner atStartup(String startupScript) {
        hostArgs.addAll(List.of("--classpath", PLUGIN_JAR.toString(), "--startup-script", startupScript));
        return this;
    }

    StockHostRunner cellTimeout(long seconds) {
        this.cellTimeoutSeconds = seconds;
        return this;
    }

    /** Runs {@code cells} in a fresh host JVM and waits for it at most the sum of the cell timeouts plus a minute. */
    Run run(List<String> cells) throws IOException, InterruptedException {
        Files.createDirectories(workDir);
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx6g", "-Djava.awt.headless=true",
                "-cp", classpath()));
        command.add(StockHostMain.class.getName());
        command.addAll(hostArgs);
        command.addAll(List.of("--cell-timeout", Long.toString(cellTimeoutSeconds)));
        for (int i = 0; i < cells.size(); i++) {
            Path f = workDir.resolve(String.format("cell-%03d.jsh", i + 1));
            Files.writeString(f, cells.get(i));
            command.add(f.toString());
        }
        Path log = workDir.resolve("host.log");
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        boolean finished = p.waitFor(cellTimeoutSeconds * cells.size() + 60, TimeUnit.SECONDS);
        if (!finished) {
            p.destroyForcibly().waitFor();
        }
        return parse(Files.readString(log));
    }

    private static String classpath() throws IOException {
        List<String> entries = new ArrayList<>();
        try (Stream<Path> jars = Files.list(HOST_LIB)) {
            // gson first, as IJava's own copy is found before anything a notebook adds
            jars.sorted(Comparator.comparing((Path j) -> !isGson(j)).thenComparing(Comparator.naturalOrder()))
                    .forEach(j -> entries.add(j.toString()));
        }
        if (entries.isEmpty() || !isGson(Path.of(entries.get(0)))) {
            throw new IllegalStateException("no gson 2.8.5 in " + HOST_LIB + " (the build copies it there before integration-test)");
        }
        entries.add(HOST_CLASSES.toString());
        return String.join(File.pathSeparator, entries);
    }

    private static boolean isGson(Path jar) {
        return jar.getFileName().toString().startsWith("gson-2.8.5");
    }

    static Run parse(String log) {
        List<Cell> cells = new ArrayList<>();
        List<String> values = null;
        List<String> displays = new ArrayList<>();
        List<String> errors = null;
        boolean done = false;
        for (String line : log.split("\\R")) {
            if (line.startsWith("@@cell ")) {
                String[] f = line.split(" ");
                values = new ArrayList<>();
                errors = new ArrayList<>();
                cells.add(new Cell(Integer.parseInt(f[1]), f[2], Long.parseLong(f[3]), values, displays, errors));
                displays = new ArrayList<>();
            } else if (line.startsWith("@@value ") && values != null) {
                values.add(line.substring(8));
            } else if (line.startsWith("@@display ")) {
                displays.add(line.substring(10));
            } else if (line.startsWith("@@error ") && errors != null) {
                errors.add(line.substring(8));
            } else if (line.equals("@@done")) {
                done = true;
            }
        }
        return new Run(cells, done, log);
    }

    static String tail(String log) {
        String[] lines = log.split("\\R");
        return String.join("\n", List.of(lines).subList(Math.max(0, lines.length - 80), lines.length));
    }
}
