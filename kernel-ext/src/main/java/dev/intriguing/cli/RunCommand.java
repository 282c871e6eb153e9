package dev.intriguing.cli;

import dev.intriguing.kernel.Classpath;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code ./intriguing run NOTEBOOK [--out DIR] [--timeout S] [--size small|full]}: executes a notebook headless with
 * our kernel and writes the executed notebook and an HTML report into DIR (default {@code out/}); exits with 1 when a
 * cell failed.
 *
 * <p>{@code --size} reaches the notebook as the environment variable {@code INTRIGUING_SIZE}: reproduction notebooks
 * read it to attack a few images (small, what CI runs) or many ({@code full}, what {@code ./intriguing reproduce}
 * runs). Without it the variable is passed on as it is.
 */
final class RunCommand {
    static final String USAGE = "Usage: ./intriguing run NOTEBOOK [--out DIR] [--timeout SECONDS_PER_CELL]"
            + " [--size small|full]";
    /** The environment variable that carries {@code --size} to the notebook. */
    static final String SIZE_VARIABLE = "INTRIGUING_SIZE";

    private RunCommand() {
    }

    static int run(List<String> args) throws Exception {
        List<String> rest = new ArrayList<>(args);
        Path out = Path.of("out");
        int timeout = 1200;
        String size = null;
        Path notebook = null;
        while (!rest.isEmpty()) {
            String a = rest.remove(0);
            if (a.equals("--out") && !rest.isEmpty()) {
                out = Path.of(rest.remove(0));
            } else if (a.equals("--timeout") && !rest.isEmpty()) {
                String v = rest.remove(0);
                try {
                    timeout = Integer.parseInt(v);
                } catch (NumberFormatException e) {
                    throw new Main.UsageException("--timeout expects whole seconds; got '" + v + "'. " + USAGE);
                }
            } else if (a.equals("--size") && !rest.isEmpty()) {
                size = rest.remove(0);
                if (!size.equals("small") && !size.equals("full")) {
                    throw new Main.UsageException("--size expects small or full; got '" + size + "'. " + USAGE);
                }
            } else if (!a.startsWith("--") && notebook == null) {
                notebook = Path.of(a);
            } else {
                throw new Main.UsageException(USAGE + "; got: run " + String.join(" ", args)
                        + ". Example: ./intriguing run notebooks/00-start.ipynb --out out/");
            }
        }
        if (notebook == null) {
            throw new Main.UsageException(USAGE + ". Example: ./intriguing run notebooks/00-start.ipynb --out out/");
        }
        Path root = Root.find();
        NotebookRunner runner = new NotebookRunner(root.resolve("kernel-ext/target/jupyter"), kernelClasspath(root),
                size == null ? java.util.Map.of() : java.util.Map.of(SIZE_VARIABLE, size));
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
