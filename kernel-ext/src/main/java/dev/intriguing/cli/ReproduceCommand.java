package dev.intriguing.cli;

import dev.intriguing.labs.Results;
import dev.intriguing.report.ReportPage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

/**
 * {@code ./intriguing reproduce [--size small|full] [--out DIR] [--timeout S] [--jobs N]}: executes the reproduction
 * notebooks (10-19), started in order and {@code N} at a time (default {@value #DEFAULT_JOBS}: see {@link #runAll}),
 * into DIR (default {@code out/} in the project, or {@code $REPRODUCE_OUT}), one executed notebook and one HTML page
 * each, printing a line per notebook; then writes {@code DIR/index.html}, the one-page report ({@link ReportPage}) built from the result CSVs the
 * notebooks wrote into {@code DIR/results} (the kernel finds it as {@value Results#VARIABLE}). Stops at the first
 * notebook with a failed cell (no further notebook starts), names it and the cell, still writes the report of what
 * ran, and exits with 1.
 */
final class ReproduceCommand {
    static final String USAGE = "Usage: ./intriguing reproduce [--size small|full] [--out DIR] [--timeout SECONDS_PER_CELL]"
            + " [--jobs NOTEBOOKS_AT_ONCE]";

    private ReproduceCommand() {
    }

    static int run(List<String> args) throws Exception {
        String example = "./intriguing reproduce --size small --out out/";
        List<String> rest = new ArrayList<>(args);
        int at = rest.indexOf("--jobs");
        int jobs = DEFAULT_JOBS;
        if (at >= 0) {
            jobs = jobs(at + 1 < rest.size() ? rest.get(at + 1) : "");
            rest.subList(at, Math.min(at + 2, rest.size())).clear();
        }
        RunOptions options = RunOptions.parse(rest, 3600, "full", USAGE, example);
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
        Path outDir = out;
        Path results = out.resolve("results");
        clearResults(results);
        NotebookRunner runner = new NotebookRunner(root.resolve("kernel-ext/target/jupyter"),
                RunCommand.kernelClasspath(root)).size(size).env(Results.VARIABLE, results.toString());
        int n = notebooks.size();
        System.out.printf("reproduce: %d notebooks, %d at a time (size %s)%n", n, jobs, size);
        long t0 = System.nanoTime();
        List<ReportPage.NotebookRun> runs = runAll(notebooks, jobs, (i, nb) -> {
            String name = name(nb);
            System.out.printf("reproduce [%d/%d] %s (size %s) ...%n", i + 1, n, name, size);
            long t = System.nanoTime();
            String failure = null;
            try {
                NotebookRunner.Result r = runner.run(nb, outDir, timeout);
                if (!r.ok()) {
                    failure = r.failures().get(0).toString();
                }
            } catch (IOException e) {
                // nbconvert itself failed (the kernel died, a cell ran past --timeout): its log says which cell.
                failure = "nbconvert failed: " + e.getMessage();
            }
            double seconds = (System.nanoTime() - t) / 1e9;
            if (failure != null) {
                System.out.printf("reproduce [%d/%d] %s FAILED after %.1f s at %s%n", i + 1, n, name, seconds, failure);
            } else {
                System.out.printf("reproduce [%d/%d] %s ok in %.1f s%n", i + 1, n, name, seconds);
            }
            return new ReportPage.NotebookRun(name, failure == null, seconds, failure);
        });
        int status = runs.stream().allMatch(ReportPage.NotebookRun::ok) ? 0 : 1;
        double total = (System.nanoTime() - t0) / 1e9;
        Path index = ReportPage.write(out, results, runs, size, total);
        long ok = runs.stream().filter(ReportPage.NotebookRun::ok).count();
        System.out.printf("reproduce: %d of %d notebooks ran in %.1f s (size %s); report: %s%n", ok, notebooks.size(),
                total, size, index);
        if (status != 0) {
            ReportPage.NotebookRun failed = runs.stream().filter(r -> !r.ok()).findFirst().orElseThrow();
            System.err.println("reproduce: notebook " + failed.name() + " failed at " + failed.failure()
                    + "; its executed copy is " + out.resolve(failed.name() + ".html"));
        }
        return status;
    }

    /** One notebook's run: its index in the list and its path in, its line of the report out. */
    interface NotebookJob {
        ReportPage.NotebookRun run(int index, Path notebook) throws Exception;
    }

    /**
     * Runs {@code job} on each notebook, up to {@code jobs} at once, started in list order, and returns their runs in
     * list order. After a run fails no further notebook starts (those already running finish), so the list ends at the
     * notebooks that were started. Why more than one at a time: much of a notebook's time is one core's work (Python
     * and Jupyter, the kernel's start and compiles, rendering), so on this 2-core machine a second notebook uses the
     * idle core; the notebooks share nothing but the model cache, whose entries are locked per model (a model two
     * notebooks need is trained once, the other waiting for it).
     */
    static List<ReportPage.NotebookRun> runAll(List<Path> notebooks, int jobs, NotebookJob job)
            throws InterruptedException {
        ReportPage.NotebookRun[] done = new ReportPage.NotebookRun[notebooks.size()];
        AtomicBoolean failed = new AtomicBoolean();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, jobs));
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < notebooks.size(); i++) {
                int index = i;
                futures.add(pool.submit(() -> {
                    if (failed.get()) {
                        return;
                    }
                    ReportPage.NotebookRun r;
                    try {
                        r = job.run(index, notebooks.get(index));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    } catch (Exception e) {
                        r = new ReportPage.NotebookRun(name(notebooks.get(index)), false, 0, String.valueOf(e.getMessage()));
                    }
                    done[index] = r;
                    if (!r.ok()) {
                        failed.set(true);
                    }
                }));
            }
            for (Future<?> f : futures) {
                try {
                    f.get();
                } catch (ExecutionException e) {
                    throw new IllegalStateException(e.getCause());
                }
            }
        } finally {
            pool.shutdownNow();
        }
        List<ReportPage.NotebookRun> runs = new ArrayList<>();
        for (ReportPage.NotebookRun r : done) {
            if (r != null) {
                runs.add(r);
            }
        }
        return runs;
    }

    /** Two: the machine this is made for has two cores; more only queue for them. */
    static final int DEFAULT_JOBS = 2;

    /** How many notebooks run at once: {@code --jobs value}, a whole number from 1 to 8. */
    static int jobs(String value) {
        try {
            int j = Integer.parseInt(value.strip());
            if (j >= 1 && j <= 8) {
                return j;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new Main.UsageException("--jobs expects a whole number of notebooks to run at once, from 1 to 8; got '"
                + value + "'. " + USAGE + ". Example: ./intriguing reproduce --jobs 1");
    }

    private static String name(Path notebook) {
        return notebook.getFileName().toString().replaceFirst("\\.ipynb$", "");
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
