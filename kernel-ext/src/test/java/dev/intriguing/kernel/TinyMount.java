package dev.intriguing.kernel;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A tiny tmpfs mounted over a directory, full after a few kilobytes or read-only, for the faults that root (as
 * tests run here and in CI) never meets through permissions. Skips the test where {@code mount} is not permitted.
 */
final class TinyMount implements AutoCloseable {
    private final Path dir;

    private TinyMount(Path dir) {
        this.dir = dir;
    }

    /** A tmpfs of {@code kilobytes} at {@code dir} (created); the caller closes it. */
    static TinyMount sized(Path dir, int kilobytes) throws IOException, InterruptedException {
        return mount(dir, "size=" + kilobytes + "k");
    }

    /** A read-only tmpfs at {@code dir} (created): every write into it fails with "Read-only file system". */
    static TinyMount readOnly(Path dir) throws IOException, InterruptedException {
        return mount(dir, "ro,size=64k");
    }

    private static TinyMount mount(Path dir, String options) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        int rc = run(List.of("mount", "-t", "tmpfs", "-o", options, "tmpfs", dir.toString()));
        assumeTrue(rc == 0, "mount -t tmpfs is not permitted here (exit " + rc + "): the test needs root");
        return new TinyMount(dir);
    }

    Path dir() {
        return dir;
    }

    /** Fills the file system: writes one file until the disk is full. */
    void fill() throws IOException {
        byte[] block = new byte[1024];
        try (var out = Files.newOutputStream(dir.resolve("filler"))) {
            for (int i = 0; i < 1 << 20; i++) {
                out.write(block);
                out.flush();
            }
        } catch (IOException e) {
            if (!String.valueOf(e.getMessage()).contains("No space left")) {
                throw e;
            }
            return;
        }
        throw new IllegalStateException("the tmpfs at " + dir + " never filled up");
    }

    private static int run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return -1;
        }
        return p.exitValue();
    }

    @Override
    public void close() throws IOException, InterruptedException {
        // lazy: a file still open by a failed writer must not keep the mount in place
        run(List.of("umount", "-l", dir.toString()));
    }
}
