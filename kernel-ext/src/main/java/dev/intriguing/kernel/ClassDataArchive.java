package dev.intriguing.kernel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The kernel's class-data sharing archive (AppCDS): the classes a kernel loads before its first cells (basekernel,
 * ZeroMQ, javac inside JShell, the magics), dumped once by a training run and mapped by every later kernel, which
 * then starts with less class loading and verification.
 *
 * <p>JDK 17 has no automatic archive ({@code -XX:+AutoCreateSharedArchive} came in 19), so {@link #create} runs
 * {@link KernelMain} with {@code -XX:ArchiveClassesAtExit}. The archive belongs to the exact jars it was made from;
 * after a rebuild the JVM finds it stale, ignores it and starts as without it, so it is made again at install.
 */
public final class ClassDataArchive {
    /** The archive's file name, next to the {@code lib/} directory of the kernel's jars. */
    public static final String FILE_NAME = "intriguing-kernel.jsa";

    private ClassDataArchive() {
    }

    /** Where the archive of the kernel whose jars are in {@code libDir} lives. */
    public static Path of(Path libDir) {
        return libDir.toAbsolutePath().getParent().resolve(FILE_NAME);
    }

    /** The JVM flag that maps the archive of {@code libDir}, or none when there is no archive yet. */
    public static List<String> flags(Path libDir) {
        Path archive = of(libDir);
        return Files.isRegularFile(archive) ? List.of("-XX:SharedArchiveFile=" + archive) : List.of();
    }

    /**
     * Makes the archive of the kernel whose jars are in {@code libDir} with a training run of {@code jvmFlags} (the
     * kernelspec's, since the archive records the compiler and collector settings too); false when the run failed,
     * in which case kernels simply start without an archive.
     */
    public static boolean create(Path libDir, List<String> jvmFlags) throws IOException, InterruptedException {
        Path archive = of(libDir);
        Path tmp = archive.resolveSibling(FILE_NAME + ".tmp");
        Files.deleteIfExists(tmp);
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmFlags);
        cmd.addAll(List.of("-XX:ArchiveClassesAtExit=" + tmp, "-Dai.djl.offline=true", "-Djava.awt.headless=true",
                "-Dintriguing.history=off", "-cp", libDir.toAbsolutePath() + "/*", KernelMain.class.getName(),
                KernelMain.TRAINING_RUN));
        Path log = archive.resolveSibling(FILE_NAME + ".log");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!p.waitFor(10, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            return false;
        }
        if (p.exitValue() != 0 || !Files.isRegularFile(tmp)) {
            return false;
        }
        Files.move(tmp, archive, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        Files.deleteIfExists(log);
        return true;
    }
}
