package dev.intriguing.kernel;

import dev.intriguing.magics.MagicCatalog;
import java.io.File;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * What our kernel runs before its first cell: the notebook's imports, then stock IJava's {@code IJAVA_CLASSPATH} and
 * {@code IJAVA_STARTUP_SCRIPT}, so that a notebook set up for IJava needs no change.
 */
final class KernelStartup {
    /** Java's packages, imported into every notebook before the catalogue's. */
    private static final List<String> JAVA_IMPORTS = List.of("java.util.*", "java.util.function.*", "java.util.stream.*",
            "java.io.*", "java.nio.file.*", "java.math.*", "java.awt.image.BufferedImage");
    /** The kernel's own: {@code IntriguingExtension.install()} and the notebook helpers such as {@code display(x)}. */
    private static final List<String> KERNEL_IMPORTS = List.of("dev.intriguing.kernel.IntriguingExtension",
            "static dev.intriguing.kernel.Notebook.*");

    private KernelStartup() {
    }

    /** Every import of a notebook: Java's, the catalogue's (common and each magic's), then the kernel's. */
    static List<String> imports() {
        return Stream.of(JAVA_IMPORTS, MagicCatalog.imports(), KERNEL_IMPORTS).flatMap(List::stream).toList();
    }

    /**
     * Runs {@link #run} on a daemon thread named {@code intriguing-startup}: building JShell and its first compile
     * take seconds, so the kernel does them while the front end connects and answers {@code kernel_info} meanwhile.
     */
    static CompletableFuture<Void> start(CellEvaluator evaluator, ClasspathMagics classpath,
                                         Function<Exception, List<String>> format) {
        return CompletableFuture.runAsync(() -> run(evaluator, classpath, format), r -> {
            Thread t = new Thread(r, "intriguing-startup");
            t.setDaemon(true);
            t.start();
        });
    }

    /**
     * JShell, the imports, a warm-up, then IJava's variables; a failure of those is printed with {@code format} and
     * does not stop the kernel.
     */
    static void run(CellEvaluator evaluator, ClasspathMagics classpath, Function<Exception, List<String>> format) {
        evaluator.open();
        evaluator.importAll(imports());
        evaluator.warmUp();
        String cp = System.getenv("IJAVA_CLASSPATH");
        String script = System.getenv("IJAVA_STARTUP_SCRIPT");
        try {
            if (cp != null && !cp.isBlank()) {
                classpath.classpath(List.of(cp.split(File.pathSeparator)));
            }
            if (script != null && !script.isBlank()) {
                evaluator.eval(script);
            }
        } catch (Exception e) {
            System.err.println("intriguing: IJAVA_CLASSPATH / IJAVA_STARTUP_SCRIPT failed: " + String.join("\n", format.apply(e)));
        }
    }
}
