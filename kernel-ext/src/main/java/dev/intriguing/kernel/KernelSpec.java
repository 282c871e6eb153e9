package dev.intriguing.kernel;

import com.google.gson.GsonBuilder;
import dev.intriguing.datasets.api.AtomicFiles;
import dev.intriguing.datasets.api.WriteFailedException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Jupyter kernelspec of our kernel: a directory {@code intriguing-java/} holding {@code kernel.json}, whose argv
 * starts {@link KernelMain} with DJL offline and enough heap.
 */
public final class KernelSpec {
    /** The kernel's name in Jupyter (the directory name, and a notebook's {@code kernelspec.name}). */
    public static final String NAME = "intriguing-java";
    /** What Jupyter's kernel menu shows. */
    public static final String DISPLAY_NAME = "Java (Intriguing)";
    /** The kernel JVM's heap, unless {@code INTRIGUING_KERNEL_HEAP} says otherwise. */
    public static final String DEFAULT_HEAP = "8g";

    private KernelSpec() {
    }

    /** The argv of a kernel started with {@code classpath}; Jupyter replaces {@code {connection_file}}. */
    public static List<String> argv(String classpath) {
        String heap = System.getenv().getOrDefault("INTRIGUING_KERNEL_HEAP", DEFAULT_HEAP);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return List.of(java, "-Xmx" + heap, "-Dai.djl.offline=true", "-Djava.awt.headless=true", "-cp", classpath,
                KernelMain.class.getName(), "{connection_file}");
    }

    /** The text of kernel.json. */
    public static String json(String classpath) {
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("argv", argv(classpath));
        spec.put("display_name", DISPLAY_NAME);
        spec.put("language", "java");
        spec.put("interrupt_mode", "message");
        spec.put("env", Map.of());
        spec.put("metadata", Map.of("debugger", false));
        return new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(spec) + "\n";
    }

    /**
     * Writes {@code kernelsDir/intriguing-java/kernel.json} (atomically) and returns that directory.
     *
     * @throws WriteFailedException where the directory is full or read-only (one paragraph naming the file)
     * @param kernelsDir a Jupyter {@code kernels} directory, e.g. {@code ~/.local/share/jupyter/kernels}
     */
    public static Path write(Path kernelsDir, String classpath) throws IOException {
        Path dir = kernelsDir.resolve(NAME);
        Path file = dir.resolve("kernel.json");
        try {
            AtomicFiles.writeString(file, json(classpath));
        } catch (IOException e) {
            throw new WriteFailedException(file, e, "Choose another place with ./intriguing install --prefix DIR, or free some space.");
        }
        return dir;
    }
}
