package dev.intriguing.datasets.api;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * IDX files a user may be handed: each is refused with a clear error, and memory stays bounded by the bytes actually
 * there, never by what a header announces (measured as bytes this thread allocated).
 */
@Timeout(60)
class HostileIdxTests {
    @TempDir
    Path dir;

    private static byte[] header(int... dims) {
        ByteBuffer b = ByteBuffer.allocate(4 + 4 * dims.length);
        b.putInt(0x0800 | dims.length);
        for (int d : dims) {
            b.putInt(d);
        }
        return b.array();
    }

    /** Bytes this thread allocated while {@code action} ran (HotSpot's per-thread counter). */
    private static long allocated(Runnable action) {
        com.sun.management.ThreadMXBean t = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long id = Thread.currentThread().getId();
        long before = t.getThreadAllocatedBytes(id);
        action.run();
        return t.getThreadAllocatedBytes(id) - before;
    }

    private static DatasetException refused(Path p, int dims, Supplier<String> what) {
        DatasetException[] e = new DatasetException[1];
        long bytes = allocated(() -> e[0] = assertThrows(DatasetException.class, () -> IdxReader.read(p, dims), what));
        assertTrue(bytes < 8L << 20, "allocated " + bytes + " bytes to refuse " + what.get());
        assertTrue(e[0].getMessage().contains(p.toString()), e[0].getMessage());
        return e[0];
    }

    @Test
    void aHeaderAnnouncingBillionsOfImagesIsRefusedBeforeAnyLargeAllocation() throws IOException {
        Path p = dir.resolve("huge-images-idx3-ubyte");
        Files.write(p, header(2_000_000_000, 28, 28));
        DatasetException e = refused(p, 3, () -> "2e9 images");
        assertTrue(e.getMessage().contains("2000000000 x 28 x 28") && e.getMessage().contains("256 MiB"), e.getMessage());
    }

    @Test
    void aNegativeDimensionIsRefused() throws IOException {
        Path p = dir.resolve("neg-idx3-ubyte");
        Files.write(p, header(-5, 28, 28));
        assertTrue(refused(p, 3, () -> "negative").getMessage().contains("bad dimension 0"));
    }

    @Test
    void aGzipBombBehindASmallHeaderIsRefusedWithoutInflatingIt() throws IOException {
        Path p = dir.resolve("bomb-idx3-ubyte.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(p))) {
            out.write(header(10, 28, 28));
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i < 200; i++) {
                out.write(zeros);
            }
        }
        assertTrue(Files.size(p) < 1 << 20, "the bomb is small on disk");
        assertTrue(refused(p, 3, () -> "gzip bomb").getMessage().contains("too long"));
    }

    @Test
    void aGzipFileAnnouncingMoreThanItHoldsIsRefusedAfterReadingOnlyWhatIsThere() throws IOException {
        Path p = dir.resolve("short-idx3-ubyte.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(p))) {
            out.write(header(200_000, 28, 28));
            out.write(new byte[1000]);
        }
        assertTrue(refused(p, 3, () -> "156 MB announced, 1000 bytes there").getMessage().contains("truncated"));
    }

    @Test
    void aPlainFileAnnouncingMoreThanItHoldsIsRefusedFromItsSize() throws IOException {
        Path p = dir.resolve("short-idx1-ubyte");
        Files.write(p, header(100_000_000));
        assertTrue(refused(p, 1, () -> "1e8 labels announced").getMessage().contains("truncated"));
    }
}
