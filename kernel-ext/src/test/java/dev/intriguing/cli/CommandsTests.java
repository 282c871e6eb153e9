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
}
