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

    /** The science cells of the issue: a training, an attack, a data set load; each runs for many seconds if left. */
    private static final List<String> SCIENCE = List.of(
            "%model train fc100-100-10 --epochs 50 --seed 77 --as t",
            "%adversarial --model a --images 1000 --as adv",
            "%dataset mnist --split train --as big");

    /**
     * Twenty interrupts at seeded random moments of a training, an attack and a data set load: every cell is stopped,
     * the next runs within 2 s, the kernel's threads (Java and native, from {@code /proc}) come back to their number
     * after the first rounds, and its resident memory, with the Java heap pre-touched so that heap use cannot move it,
     * grows by less than 100 MB over the last fourteen rounds. Each figure is taken after a cell, so after the trim of
     * malloc's free memory that the kernel does after every cell; without that trim a stopped training's freed
     * batches stayed resident (once 1888 -> 2177 MB in one round) and this bound failed now and then.
     */
    @Test
    @Timeout(value = 30, unit = TimeUnit.MINUTES)
    void twentyInterruptsOfTrainingAttacksAndLoadsLeaveNoThreadsOrMemoryBehind(@TempDir Path dir) throws Exception {
        Random random = new Random(14);
        try (KernelProcess k = KernelProcess.start(dir, List.of("-Xms1536m", "-Xmx1536m", "-XX:+AlwaysPreTouch"));
             KernelClient c = KernelClient.connect(k.connection())) {
            assertTrue(c.waitForReady(180_000), k.log());
            KernelClient.Execution setup = c.execute("%model train fc10@1e-2 --epochs 1 --as a", 600_000);
            assertTrue(setup.ok(), setup.text() + k.log());
            int baseThreads = -1;
            long baseRss = -1;
            List<String> report = new java.util.ArrayList<>();
            for (int i = 0; i < 20; i++) {
                String cell = SCIENCE.get(i % SCIENCE.size());
                // a third of the moments fall while the kernel still compiles the cell, the rest while it runs
                int after = random.nextInt(3) == 0 ? random.nextInt(150) : 200 + random.nextInt(2500);
                KernelClient.Execution stopped = c.executeInterrupted(cell, after, 120_000);
                assertTrue(!stopped.timedOut(), "round " + i + ": the interrupted cell never finished; " + k.log());
                // 50 epochs take many minutes: a training that ends in seconds was stopped, not run to its end
                assertTrue(stopped.millis() - after <= 15_000, "round " + i + ": " + cell + " interrupted after " + after
                        + " ms ran on for " + (stopped.millis() - after) + " ms: " + stopped.text());
                KernelClient.Execution next = c.execute("1+1", 30_000);
                assertTrue(next.ok() && next.text().contains("2"), "round " + i + ": " + next);
                assertTrue(next.millis() <= 2_000, "round " + i + ": the next cell took " + next.millis() + " ms");
                // Like every cell, this one ends with the kernel's malloc_trim (NativeMemory): the resident figure below
                // is what the kernel keeps after giving freed native memory back, as a user's kernel does after each
                // cell; the live NDArrays tell a leak (they grow) from memory that malloc merely kept (they do not).
                KernelClient.Execution gc = c.execute("System.gc(); Thread.sleep(300);\n" + MemoryBenchmark.LIVE_ARRAYS
                        + "arrays >> 20", 30_000);
                assertTrue(gc.ok(), gc.text());
                int threads = threads(k);
                long rss = k.residentBytes();
                report.add(String.format("round %d: %s after %d ms -> %s, threads %d, rss %d MB, live NDArrays %s MB", i,
                        cell, after, stopped.status(), threads, rss >> 20, gc.text().strip()));
                if (i == 5) {
                    // every kind of cell has run (and been stopped) twice: pools and caches exist from here on
                    baseThreads = threads;
                    baseRss = rss;
                }
                if (i > 5) {
                    assertTrue(threads <= baseThreads + 2, "threads left behind: " + threads + " > " + baseThreads
                            + "\n" + String.join("\n", report));
                }
            }
            long growth = k.residentBytes() - baseRss;
            System.out.println(String.join("\n", report) + "\nrss growth over rounds 6-19: " + (growth >> 20) + " MB");
            assertTrue(growth < 100L << 20, "resident memory grew by " + (growth >> 20) + " MB\n" + String.join("\n", report));
            KernelClient.Execution running = c.execute(RUNNING, 30_000);
            assertEquals("0", running.text().strip(), "cell threads left running");
            assertTrue(k.alive());
        }
    }

    /** The kernel's threads, Java and native, from {@code /proc}. */
    private static int threads(KernelProcess k) throws IOException {
        for (String line : java.nio.file.Files.readAllLines(Path.of("/proc", Long.toString(k.pid()), "status"))) {
            if (line.startsWith("Threads:")) {
                return Integer.parseInt(line.substring(8).strip());
            }
        }
        throw new IllegalStateException("no Threads line for " + k.pid());
    }
}
