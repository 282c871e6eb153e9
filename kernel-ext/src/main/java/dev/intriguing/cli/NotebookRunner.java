package dev.intriguing.cli;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.intriguing.kernel.KernelSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Executes a notebook headless through Debian's Jupyter ({@code jupyter nbconvert --execute}, which drives nbclient)
 * with our kernel, then writes an HTML report beside the executed notebook.
 *
 * <p>No prior {@code ./intriguing install} is needed: the kernelspec is written into a private Jupyter directory and
 * {@code JUPYTER_PATH} points there. Cells that raise are allowed to, so the executed notebook shows every error;
 * the run then fails and names the first failing cell.
 */
final class NotebookRunner {
    /** One cell whose outputs include an error. */
    record Failure(int cell, String firstLine, String ename, String evalue) {
        @Override
        public String toString() {
            return "cell " + cell + " (" + firstLine + "): " + ename + ": " + evalue;
        }
    }

    /** What a run left behind. */
    record Result(Path executed, Path html, List<Failure> failures, List<JsonObject> outputs) {
        boolean ok() {
            return failures.isEmpty();
        }
    }

    /** The environment variable a notebook reads its size from: {@code small} (CI) or {@code full} (the default). */
    static final String SIZE_VARIABLE = "INTRIGUING_SIZE";

    private final Path jupyterDir;
    private final String classpath;
    private String size;
    private final Map<String, String> extraEnv = new java.util.LinkedHashMap<>();

    /**
     * @param jupyterDir a private directory for the kernelspec (it becomes {@code JUPYTER_PATH})
     * @param classpath  the kernel JVM's class path
     */
    NotebookRunner(Path jupyterDir, String classpath) {
        this.jupyterDir = jupyterDir;
        this.classpath = classpath;
    }

    /**
     * Runs notebooks at {@code newSize} ({@code small} or {@code full}): the kernel sees it as
     * {@value #SIZE_VARIABLE}, and notebooks that take a size pick fewer images when it is {@code small}.
     */
    NotebookRunner size(String newSize) {
        this.size = newSize;
        return this;
    }

    /** Sets environment variable {@code name} for the kernel (the results directory of a reproduction, say). */
    NotebookRunner env(String name, String value) {
        extraEnv.put(name, value);
        return this;
    }

    /** Executes {@code notebook} into {@code outDir}, each cell limited to {@code timeoutSeconds}. */
    Result run(Path notebook, Path outDir, int timeoutSeconds) throws IOException, InterruptedException {
        if (!Files.isRegularFile(notebook)) {
            throw new Main.UsageException("No notebook at " + notebook + ". Example: ./intriguing run notebooks/00-start.ipynb");
        }
        synchronized (this) {
            // once at a time: a reproduction runs notebooks side by side through one runner
            KernelSpec.write(jupyterDir.resolve("kernels"), classpath);
        }
        Files.createDirectories(outDir);
        String name = notebook.getFileName().toString().replaceFirst("\\.ipynb$", "");
        Path executed = outDir.resolve(name + ".ipynb");
        jupyter(List.of("nbconvert", "--to", "notebook", "--execute", "--allow-errors",
                "--ExecutePreprocessor.kernel_name=" + KernelSpec.NAME,
                "--ExecutePreprocessor.timeout=" + timeoutSeconds,
                "--output-dir", outDir.toString(), "--output", name, notebook.toString()), notebook.getParent());
        jupyter(List.of("nbconvert", "--to", "html", "--output-dir", outDir.toString(), "--output", name,
                executed.toString()), notebook.getParent());
        return read(executed, outDir.resolve(name + ".html"));
    }

    /** The failures and the outputs of an executed notebook. */
    static Result read(Path executed, Path html) throws IOException {
        JsonObject nb = JsonParser.parseString(Files.readString(executed)).getAsJsonObject();
        List<Failure> failures = new ArrayList<>();
        List<JsonObject> outputs = new ArrayList<>();
        int index = 0;
        for (JsonElement c : nb.getAsJsonArray("cells")) {
            index++;
            JsonObject cell = c.getAsJsonObject();
            if (!"code".equals(cell.get("cell_type").getAsString())) {
                continue;
            }
            for (JsonElement o : cell.getAsJsonArray("outputs")) {
                JsonObject out = o.getAsJsonObject();
                outputs.add(out);
                if ("error".equals(out.get("output_type").getAsString())) {
                    failures.add(new Failure(index, firstLine(cell.get("source")), out.get("ename").getAsString(),
                            out.get("evalue").getAsString()));
                }
            }
        }
        return new Result(executed, html, failures, outputs);
    }

    private static String firstLine(JsonElement source) {
        String text;
        if (source.isJsonArray()) {
            StringBuilder b = new StringBuilder();
            for (JsonElement e : (JsonArray) source) {
                b.append(e.getAsString());
            }
            text = b.toString();
        } else {
            text = source.getAsString();
        }
        String line = text.strip().lines().findFirst().orElse("");
        return line.length() > 80 ? line.substring(0, 77) + "..." : line;
    }

    private void jupyter(List<String> args, Path workDir) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Files.isExecutable(Path.of("/usr/bin/jupyter")) ? "/usr/bin/jupyter" : "jupyter");
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        if (workDir != null) {
            pb.directory(workDir.toFile());
        }
        Map<String, String> env = pb.environment();
        String old = env.get("JUPYTER_PATH");
        env.put("JUPYTER_PATH", jupyterDir + (old == null || old.isBlank() ? "" : ":" + old));
        if (size != null) {
            env.put(SIZE_VARIABLE, size); // the kernel inherits Jupyter's environment
        }
        env.putAll(extraEnv);
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new Main.UsageException("Jupyter is not installed (" + e.getMessage() + "). Install Debian's"
                    + " jupyter-nbconvert and python3-nbclient: ./intriguing setup");
        }
        byte[] log = p.getInputStream().readAllBytes();
        int rc = p.waitFor();
        if (rc != 0) {
            throw new IOException("jupyter " + String.join(" ", args) + " failed with exit status " + rc + ":\n"
                    + new String(log, StandardCharsets.UTF_8));
        }
    }
}
