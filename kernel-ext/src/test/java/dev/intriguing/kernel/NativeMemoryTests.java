package dev.intriguing.kernel;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.jna.Memory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** glibc's trim, as the kernel calls it after each cell: free C-heap memory leaves the process. */
class NativeMemoryTests {
    @Test
    void trimReturnsFreedMallocMemoryThatFreeAloneKeepsResident() throws IOException {
        assumeTrue(NativeMemory.available(), "not glibc");
        // 1,600 blocks of 64 KiB: below the mmap threshold, so they come from a malloc arena as MXNet's smaller
        // arrays do; the last one stays allocated, so free cannot shrink the arena from its top.
        List<Memory> blocks = new ArrayList<>();
        for (int i = 0; i < 1600; i++) {
            Memory m = new Memory(64 << 10);
            m.setMemory(0, m.size(), (byte) 1);
            blocks.add(m);
        }
        Memory pin = new Memory(64 << 10);
        pin.setMemory(0, pin.size(), (byte) 1);
        NativeMemory.trim();
        long held = rss();
        blocks.forEach(Memory::close);
        long freed = rss();
        NativeMemory.trim();
        long trimmed = rss();
        pin.close();
        // 100 MiB were freed: free alone gives back little of it, the trim most of it
        assertTrue(held - trimmed > 80L << 20, "trim gave back only " + ((held - trimmed) >> 20) + " MiB; resident "
                + (held >> 20) + " -> " + (freed >> 20) + " after free -> " + (trimmed >> 20) + " MiB after trim");
        assertTrue(NativeMemory.trims() >= 2 && NativeMemory.meanTrimMillis() > 0);
    }

    private static long rss() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) << 10;
            }
        }
        throw new IllegalStateException("no VmRSS in /proc/self/status");
    }
}
