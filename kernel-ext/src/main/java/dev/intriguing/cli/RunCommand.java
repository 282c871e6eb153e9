package dev.intriguing.cli;

import dev.intriguing.kernel.Classpath;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code ./intriguing run NOTEBOOK [--out DIR] [--timeout S] [--size small|full]}: executes a notebook headless with our
 * kernel and writes the executed notebook and an HTML report into DIR (default {@code out/}); exits with 1 when a cell
 * failed. {@code --size small} runs notebooks that take a size on fewer images, as CI does.
 */
final class RunCommand {
    static final String USAGE = "Usage: ./intriguing run NOTEBOOK [--out DIR] [--timeout SECONDS_PER_CELL] [--size small|full]";

    private RunCommand() {
    }

    static int run(List<String> args) throws Exception {
        String example = "./intriguing run notebooks/00-start.ipynb --out out/";
        RunOptions options = RunOptions.parse(args, 1200, null, USAGE, example);
        if (options.positional().size() != 1) {
            String got = args.isEmpty() ? "" : "; got: run " + String.join(" ", args);
            throw new Main.UsageException(USAGE + got + ". Example: " + example);
        }
        Path notebook = Path.of(options.positional().get(0));
        Path out = options.out() != null ? options.out() : Path.of("out");
        int timeout = options.timeout();
        String size = options.size();
        Path root = Root.find();
        NotebookRunner runner = new NotebookRunner(root.resolve("kernel-ext/target/jupyter"), kernelClasspath(root)).size(size);
        long t0 = System.nanoTime();
        NotebookRunner.Result r;
        try {
            r = runner.run(notebook.toAbsolutePath(), out.toAbsolutePath(), timeout);
        } catch (java.io.IOException e) {
            // nbconvert itself failed (the kernel died, a cell ran past --timeout): its log says why.
            System.err.println(e.getMessage());
            return 1;
        }
        System.out.printf("Executed %s in %.1f s: %s and %s%n", notebook, (System.nanoTime() - t0) / 1e9, r.executed(), r.html());
        if (!r.ok()) {
            System.err.println(r.failures().size() + " cell(s) failed; the first: " + r.failures().get(0));
            return 1;
        }
        return 0;
    }

    /** The launcher's lib/ as a wildcard when this JVM runs from it, else this JVM's own class path. */
    static String kernelClasspath(Path root) {
        Path lib = Root.lib(root);
        String cp = System.getProperty("java.class.path", "");
        if (Files.isDirectory(lib) && cp.contains(lib.toString())) {
            return lib + File.separator + "*";
        }
        return Classpath.currentString();
    }
}
