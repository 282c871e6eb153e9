package dev.intriguing.bench;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The memory benchmark at a test's size: repeated magics in one kernel session stay within a bound. */
@Tag("slow")
class MemoryBenchmarkTests {
    @Test
    @Timeout(value = 40, unit = TimeUnit.MINUTES)
    void repeatedMagicsInOneSessionKeepTheKernelsMemoryBounded(@TempDir Path dir) throws Exception {
        MemoryBenchmark.Result r = MemoryBenchmark.measure(new MemoryBenchmark.Plan(4, 50, 30, 2), dir);
        String figures = String.join("\n", MemoryBenchmark.describe(r));
        // The bound for the full run; a leak of one batch's arrays per call crosses it within these calls.
        assertTrue(r.rssGrowthMb() < 50, "resident memory grew by " + r.rssGrowthMb() + " MB\n" + figures);
        // The Java heap after a full collection holds only what the session names: the same names, rebound.
        assertTrue(r.heapGrowthMb() < 20, "the heap after GC grew by " + r.heapGrowthMb() + " MB\n" + figures);
    }
}
