package dev.intriguing.cli;

import dev.intriguing.labs.Results;
import dev.intriguing.report.ReportPage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * {@code ./intriguing reproduce [--size small|full] [--out DIR] [--timeout S]}: executes the reproduction notebooks
 * (10-19) in order into DIR (default {@code out/} in the project, or {@code $REPRODUCE_OUT}), one executed notebook and one HTML page each, printing a line per
 * notebook; then writes {@code DIR/index.html}, the one-page report ({@link ReportPage}) built from the result CSVs the
 * notebooks wrote into {@code DIR/results} (the kernel finds it as {@value Results#VARIABLE}). Stops at the first
 * notebook with a failed cell, names it and the cell, still writes the report of what ran, and exits with 1.
 */
final class ReproduceCommand {
    static final String USAGE = "Usage: ./intriguing reproduce [--size small|full] [--out DIR] [--timeout SECONDS_PER_CELL]";

    private ReproduceCommand() {
    }

    static int run(List<String> args) throws Exception {
        String example = "./intriguing reproduce --size small --out out/";
        RunOptions options = RunOptions.parse(args, 3600, "full", USAGE, example);
        if (!options.positional().isEmpty()) {
            throw new Main.UsageException(USAGE + "; got: reproduce " + String.join(" ", args) + ". Example: " + example);
        }
        Path out = options.out();
        int timeout = options.timeout();
        String size = options.size();
        Path root = Root.find();
        if (out == null) {
            String env = System.getenv("REPRODUCE_OUT");
            out = env == null || env.isBlank() ? root.resolve("out") : Path.of(env);
        }
        List<Path> notebooks = notebooks(root.resolve("notebooks"));
        out = out.toAbsolutePath();
        Path results = out.resolve("results");
        clearResults(results);
        NotebookRunner runner = new NotebookRunner(root.resolve("kernel-ext/target/jupyter"),
                RunCommand.kernelClasspath(root)).size(size).env(Results.VARIABLE, results.toString());
        List<ReportPage.NotebookRun> runs = new ArrayList<>();
        long t0 = System.nanoTime();
        int status = 0;
        for (int i = 0; i < notebooks.size(); i++) {
            Path nb = notebooks.get(i);
            String name = nb.getFileName().toString().replaceFirst("\\.ipynb$", "");
            System.out.printf("reproduce [%d/%d] %s (size %s) ...%n", i + 1, notebooks.size(), name, size);
            long t = System.nanoTime();
            String failure = null;
            try {
                NotebookRunner.Result r = runner.run(nb, out, timeout);
                if (!r.ok()) {
                    failure = r.failures().get(0).toString();
                }
            } catch (IOException e) {
                // nbconvert itself failed (the kernel died, a cell ran past --timeout): its log says which cell.
                failure = "nbconvert failed: " + e.getMessage();
            }
            double seconds = (System.nanoTime() - t) / 1e9;
            runs.add(new ReportPage.NotebookRun(name, failure == null, seconds, failure));
            if (failure != null) {
                System.out.printf("reproduce [%d/%d] %s FAILED after %.1f s at %s%n", i + 1, notebooks.size(), name,
                        seconds, failure);
                status = 1;
                break;
            }
            System.out.printf("reproduce [%d/%d] %s ok in %.1f s%n", i + 1, notebooks.size(), name, seconds);
        }
        double total = (System.nanoTime() - t0) / 1e9;
        Path index = ReportPage.write(out, results, runs, size, total);
        long ok = runs.stream().filter(ReportPage.NotebookRun::ok).count();
        System.out.printf("reproduce: %d of %d notebooks ran in %.1f s (size %s); report: %s%n", ok, notebooks.size(),
                total, size, index);
        if (status != 0) {
            ReportPage.NotebookRun failed = runs.get(runs.size() - 1);
            System.err.println("reproduce: notebook " + failed.name() + " failed at " + failed.failure()
                    + "; its executed copy is " + out.resolve(failed.name() + ".html"));
        }
        return status;
    }

    /** The reproduction notebooks, {@code 10-*.ipynb} to {@code 19-*.ipynb}, in order. */
    static List<Path> notebooks(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().matches("1[0-9]-.*\\.ipynb")).sorted().toList();
        }
    }

    /** Removes the CSVs of an earlier run, so the report shows only what this run produced. */
    private static void clearResults(Path results) throws IOException {
        if (!Files.isDirectory(results)) {
            return;
        }
        try (Stream<Path> s = Files.list(results)) {
            for (Path p : s.filter(p -> p.toString().endsWith(".csv")).toList()) {
                Files.delete(p);
            }
        }
    }
}
