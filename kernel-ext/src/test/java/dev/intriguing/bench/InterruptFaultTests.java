package dev.intriguing.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Twenty interrupts in a row at random moments, over the real connection: during a data set load, a sleeping cell and
 * a busy cell. The kernel answers every time, the next cell runs within 2 s, and no cell thread is left running.
 */
@Tag("slow")
class InterruptFaultTests {
    private static final List<String> CELLS = List.of(
            "%dataset mnist --split train --as big",
            "Thread.sleep(60_000)",
            "long n = 0; while (!Thread.currentThread().isInterrupted()) { n++; }");
    /**
     * Threads still running a cell's code, the asking cell excepted: a REPL frame on their stack, or a cell thread in
     * a task (a cell that is one magic runs on a cell thread without JShell's frames).
     */
    private static final String RUNNING = "Thread.getAllStackTraces().entrySet().stream().filter(e -> e.getKey() !="
            + " Thread.currentThread() && java.util.Arrays.stream(e.getValue()).anyMatch(f -> f.getClassName()"
            + ".startsWith(\"REPL.\") || e.getKey().getName().startsWith(\"intriguing-cell-\")"
            + " && f.getClassName().equals(\"java.util.concurrent.FutureTask\") && f.getMethodName().equals(\"run\")))"
            + ".count()";

    @Test
    @Timeout(value = 20, unit = TimeUnit.MINUTES)
    void twentyInterruptsLeaveAKernelThatAnswersAtOnce(@TempDir Path dir) throws IOException, InterruptedException {
        Random random = new Random(5);
        try (KernelProcess k = KernelProcess.start(dir, List.of("-Xmx2g")); KernelClient c = KernelClient.connect(k.connection())) {
            assertTrue(c.waitForReady(180_000), k.log());
            for (int i = 0; i < 20; i++) {
                String cell = CELLS.get(i % CELLS.size());
                KernelClient.Execution stopped = c.executeInterrupted(cell, random.nextInt(1500), 120_000);
                assertTrue(!stopped.timedOut(), "round " + i + ": the interrupted cell never finished; " + k.log());
                KernelClient.Execution next = c.execute("1+1", 30_000);
                assertTrue(next.ok() && next.text().contains("2"), "round " + i + ": " + next);
                assertTrue(next.millis() <= 2_000, "round " + i + ": the next cell took " + next.millis() + " ms");
            }
            KernelClient.Execution running = c.execute(RUNNING, 30_000);
            assertEquals("0", running.text().strip(), "cell threads left running");
            assertTrue(k.alive());
        }
    }
}
