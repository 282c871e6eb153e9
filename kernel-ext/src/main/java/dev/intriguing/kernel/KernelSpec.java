package dev.intriguing.kernel;

import com.google.gson.GsonBuilder;
import dev.intriguing.datasets.api.AtomicFiles;
import dev.intriguing.datasets.api.WriteFailedException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
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
    /**
     * The kernel JVM's collector, unless {@code INTRIGUING_KERNEL_FLAGS} says otherwise (space-separated; empty for the
     * JVM's defaults). The serial collector kept the kernel at about 270 MB resident against 1 GB with G1, and the
     * heap-free ratios make a full collection give memory back to the system: with the default ratios,
     * {@code bench memory} (8 attacks, 40 data sets, 4 trainings) grew the kernel by 216 MB resident, all of it
     * committed heap; with these, the kernel ended 141 MB smaller than after the first calls. The client compiler alone
     * ({@code -XX:TieredStopAtLevel=1}) makes javac inside JShell cheaper per cell, but it is not a default: on a quiet
     * machine it cost the L-BFGS search 21% of its speed ({@code bench adversarial}: 314 against 398 examples/s,
     * its Java solver share rising from 31% to 47%), and the science is what a kernel is mostly waiting for.
     */
    public static final List<String> DEFAULT_FLAGS = List.of("-XX:+UseSerialGC", "-XX:MinHeapFreeRatio=10",
            "-XX:MaxHeapFreeRatio=20");

    private KernelSpec() {
    }

    /**
     * The argv of a kernel started with {@code classpath}; Jupyter replaces {@code {connection_file}}. A classpath
     * {@code DIR/*} whose {@link ClassDataArchive} exists starts with that archive mapped.
     */
    public static List<String> argv(String classpath) {
        return argv(classpath, true);
    }

    /** As {@link #argv(String)}; {@code withArchive} false leaves the class-data archive out (for its training run). */
    static List<String> argv(String classpath, boolean withArchive) {
        String heap = System.getenv().getOrDefault("INTRIGUING_KERNEL_HEAP", DEFAULT_HEAP);
        String flags = System.getenv("INTRIGUING_KERNEL_FLAGS");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> argv = new ArrayList<>(List.of(java, "-Xmx" + heap));
        argv.addAll(flags == null ? DEFAULT_FLAGS : Arrays.stream(flags.trim().split("\\s+")).filter(f -> !f.isEmpty()).toList());
        if (withArchive && classpath.endsWith("/*")) {
            argv.addAll(ClassDataArchive.flags(Path.of(classpath.substring(0, classpath.length() - 2))));
        }
        argv.addAll(List.of("-Dai.djl.offline=true", "-Djava.awt.headless=true", "-cp", classpath,
                KernelMain.class.getName(), "{connection_file}"));
        return List.copyOf(argv);
    }

    /**
     * The JVM flags of a kernel on {@code classpath}: what its argv puts between {@code java} and {@code -cp}, the
     * class-data archive left out (a training run makes it with these).
     */
    public static List<String> jvmFlags(String classpath) {
        List<String> argv = argv(classpath, false);
        return argv.subList(1, argv.indexOf("-cp"));
    }

    /** MXNet's scheduler setting, read once when the engine loads. */
    public static final String ENGINE_VARIABLE = "MXNET_ENGINE_TYPE";

    /**
     * The MXNet scheduler the kernel runs with: {@code $MXNET_ENGINE_TYPE} where set, else {@code NaiveEngine}, which
     * runs each operator on the calling thread. On this project's 2-core machine, quiet, it trained FC100-100-10 at
     * 31,500 samples/s against 21,700 with MXNet's threaded default, and ran the batched L-BFGS search as fast (401
     * against 398 examples/s) and single examples faster (29.9 against 23.1/s): the threaded engine's worker hand-offs
     * cost more than the parallelism gains for networks this small. The launcher sets the same default.
     */
    public static String engineType() {
        String v = System.getenv(ENGINE_VARIABLE);
        return v == null || v.isBlank() ? "NaiveEngine" : v;
    }

    /** The text of kernel.json. */
    public static String json(String classpath) {
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("argv", argv(classpath));
        spec.put("display_name", DISPLAY_NAME);
        spec.put("language", "java");
        spec.put("interrupt_mode", "message");
        spec.put("env", Map.of(ENGINE_VARIABLE, engineType()));
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
