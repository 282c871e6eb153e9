package dev.intriguing.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.intriguing.kernel.KernelSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The kernel's subcommands: the kernelspec they write, exec's files, and their usage errors. */
class CommandsTests {
    @Test
    void kernelspecStartsOurKernelOfflineWithMessageInterrupts(@TempDir Path dir) throws Exception {
        Path spec = KernelSpec.write(dir.resolve("kernels"), "/x/lib/*");
        assertEquals(dir.resolve("kernels/intriguing-java"), spec);
        JsonObject json = JsonParser.parseString(Files.readString(spec.resolve("kernel.json"))).getAsJsonObject();
        assertEquals("Java (Intriguing)", json.get("display_name").getAsString());
        assertEquals("message", json.get("interrupt_mode").getAsString());
        String argv = json.get("argv").toString();
        assertTrue(argv.contains("\"-Dai.djl.offline=true\"") && argv.contains("\"-cp\",\"/x/lib/*\"")
                && argv.contains("\"dev.intriguing.kernel.KernelMain\",\"{connection_file}\"") && argv.contains("-Xmx"), argv);
        // the kernel runs MXNet's synchronous scheduler unless the environment chose one
        assertEquals(KernelSpec.engineType(), json.getAsJsonObject("env").get("MXNET_ENGINE_TYPE").getAsString());
    }

    @Test
    void execPrintsTextAndSavesPngAndHtml(@TempDir Path dir) throws Exception {
        assertEquals(0, ExecCommand.run(List.of("%dataset mnist --split test --limit 20 --as t", "--out", dir.toString())));
        assertTrue(Files.size(dir.resolve("01-dataset.png")) > 1000);
        assertTrue(Files.readString(dir.resolve("01-dataset.html")).contains("<table"));
    }

    @Test
    void execRejectsALineThatIsNotAMagic() {
        Main.UsageException e = assertThrows(Main.UsageException.class, () -> ExecCommand.run(List.of("1 + 1")));
        assertTrue(e.getMessage().contains("starting with %"), e.getMessage());
        Main.UsageException u = assertThrows(Main.UsageException.class,
                () -> ExecCommand.run(List.of("%dataset mnist --limit -3")));
        assertTrue(u.getMessage().startsWith("%dataset: --limit expects"), u.getMessage());
    }

    @Test
    void aMistypedBenchOptionIsAUsageParagraphBeforeAnyWork() {
        for (List<String> line : List.of(List.of("adversarial", "--images"), List.of("units", "--directions"),
                List.of("lipschitz", "--images"))) {
            Main.UsageException e = assertThrows(Main.UsageException.class,
                    () -> BenchCommand.run(List.of(line.get(0), line.get(1), "abc")));
            assertEquals(line.get(1) + " needs a whole number >= 0; got 'abc'. Example: ./intriguing bench " + line.get(0),
                    e.getMessage());
        }
    }

    @Test
    void aMistypedTrainBenchCountIsAUsageParagraphBeforeAnyWork() {
        Main.UsageException e = assertThrows(Main.UsageException.class, () -> BenchCommand.run(List.of("train", "abc")));
        assertEquals("EPOCHS needs a whole number >= 1; got 'abc'. Example: ./intriguing bench train", e.getMessage());
        Main.UsageException c = assertThrows(Main.UsageException.class, () -> BenchCommand.run(List.of("train", "conv", "2", "0")));
        assertEquals("BATCH needs a whole number >= 1; got '0'. Example: ./intriguing bench train", c.getMessage());
    }

    @Test
    void runAndInstallExplainTheirUsage() {
        assertTrue(assertThrows(Main.UsageException.class, () -> RunCommand.run(List.of()))
                .getMessage().startsWith("Usage: ./intriguing run NOTEBOOK"));
        Main.UsageException size = assertThrows(Main.UsageException.class,
                () -> RunCommand.run(List.of("notebooks/12-transfer.ipynb", "--size", "huge")));
        assertTrue(size.getMessage().startsWith("--size expects small or full; got 'huge'."), size.getMessage());
        assertTrue(assertThrows(Main.UsageException.class, () -> InstallCommand.run(List.of("--system")))
                .getMessage().startsWith("Usage: ./intriguing install"));
    }

    @Test
    void reproduceExplainsItsUsageAndRunsTheNotebooksTenToNineteenInOrder(@TempDir Path dir) throws Exception {
        Main.UsageException size = assertThrows(Main.UsageException.class,
                () -> ReproduceCommand.run(List.of("--size", "huge")));
        assertTrue(size.getMessage().startsWith("--size expects small or full; got 'huge'. Usage: ./intriguing"
                + " reproduce"), size.getMessage());
        for (String n : List.of("12-b.ipynb", "10-a.ipynb", "02-tour.ipynb", "20-later.ipynb", "11-c.txt")) {
            java.nio.file.Files.writeString(dir.resolve(n), "{}");
        }
        assertEquals(List.of(dir.resolve("10-a.ipynb"), dir.resolve("12-b.ipynb")), ReproduceCommand.notebooks(dir));
    }

    @Test
    void reproduceRunsTwoNotebooksAtOnceReportsThemInOrderAndStartsNoneAfterAFailure() throws Exception {
        List<Path> nbs = List.of(Path.of("10-a.ipynb"), Path.of("11-b.ipynb"), Path.of("12-c.ipynb"), Path.of("13-d.ipynb"),
                Path.of("14-e.ipynb"));
        java.util.concurrent.atomic.AtomicInteger running = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicInteger most = new java.util.concurrent.atomic.AtomicInteger();
        java.util.Set<Integer> started = java.util.concurrent.ConcurrentHashMap.newKeySet();
        // the first notebook is the slowest, so the later ones finish before it: the list still comes back in order
        List<dev.intriguing.report.ReportPage.NotebookRun> runs = ReproduceCommand.runAll(nbs, 2, (i, nb) -> {
            started.add(i);
            most.accumulateAndGet(running.incrementAndGet(), Math::max);
            Thread.sleep(i == 0 ? 300 : 50);
            running.decrementAndGet();
            return new dev.intriguing.report.ReportPage.NotebookRun(nb.toString(), true, i, null);
        });
        assertEquals(List.of("10-a.ipynb", "11-b.ipynb", "12-c.ipynb", "13-d.ipynb", "14-e.ipynb"),
                runs.stream().map(dev.intriguing.report.ReportPage.NotebookRun::name).toList());
        assertEquals(2, most.get(), "two notebooks ran side by side, never more");
        assertEquals(5, started.size());

        // one at a time, the third fails: the fourth and fifth never start
        started.clear();
        runs = ReproduceCommand.runAll(nbs, 1, (i, nb) -> {
            started.add(i);
            return new dev.intriguing.report.ReportPage.NotebookRun(nb.toString(), i != 2, 0, i == 2 ? "cell 3" : null);
        });
        assertEquals(java.util.Set.of(0, 1, 2), started);
        assertEquals(3, runs.size());
        assertEquals("cell 3", runs.get(2).failure());

        Main.UsageException jobs = assertThrows(Main.UsageException.class,
                () -> ReproduceCommand.run(List.of("--jobs", "0")));
        assertTrue(jobs.getMessage().startsWith("--jobs expects a whole number of notebooks to run at once, from 1 to 8;"
                + " got '0'."), jobs.getMessage());
    }
}
