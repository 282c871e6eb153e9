package dev.intriguing.stockhost;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * The plugin jar in stock IJava's conditions, recreated without IJava's code ({@link StockHost}): evaluations on an
 * executor thread, nested evaluations from inside magics, no timeout, gson 2.8.5 ahead of the plugin. Each run has a
 * bounded wait per cell, so a deadlock fails the test with every thread's stack in {@code target/stock-host/}.
 */
class StockIJavaTests {
    private static final String INSTALL = "dev.intriguing.kernel.IntriguingExtension.install(getKernelInstance().getMagics(), getKernelInstance())";
    private static final String USAGE = "dev.intriguing.kernel.MagicUsageReport: ";

    @Test
    void everyMagicFinishesAfterJarsAndTheInstallCellAndBindsTypedVariables() throws Exception {
        StockHostRunner.Run run = new StockHostRunner(workDir("jars-route")).cellTimeout(240).run(List.of(
                "%jars " + StockHostRunner.PLUGIN_JAR,                                           // 1
                INSTALL,                                                                         // 2
                "com.google.gson.Gson.class.getProtectionDomain().getCodeSource().getLocation().getPath()", // 3
                "%intriguing",                                                                   // 4
                "%dataset mnist --split test --limit 10 --as few",                               // 5
                "ImageSet typed = few;\ntyped.size()",                                           // 6
                "IntriguingExtension.current().session().put(\"direct\", few.size() * 2)",      // 7
                "direct + 1",                                                                    // 8
                "%model train fc10@1e-4 --epochs 1 --as m",                                      // 9
                "%model train fc10@1e-4 --epochs 1 --as m2",                                     // 10
                "%model list",                                                                   // 11
                "%model eval m2",                                                                // 12
                "%adversarial --model m --images 5 --as adv",                                    // 13
                "AttackResult r = adv;\nr.size()",                                               // 14
                "%dataset nosuch",                                                               // 15
                "%model eval nobody"));                                                          // 16
        assertTrue(run.done(), () -> "the host did not finish:\n" + run.summary() + "\n" + StockHostRunner.tail(run.log()));
        for (int n = 1; n <= 14; n++) {
            assertTrue(run.cell(n).ok(), run.summary());
        }
        assertTrue(run.cell(3).values().get(0).contains("gson-2.8.5"), "the host's gson comes first: " + run.cell(3).values());
        assertFalse(run.cell(5).displays().isEmpty(), "%dataset shows its counts and samples");
        assertEquals(List.of("10"), run.cell(6).values(), "--as few is a typed variable; ImageSet is imported by install");
        assertEquals(List.of("21"), run.cell(8).values(), "a binding made from a code cell is a variable at once");
        assertEquals(List.of("5"), run.cell(14).values());
        assertUsageParagraph(run.cell(15), "'nosuch'");
        assertUsageParagraph(run.cell(16), "nobody");
    }

    @Test
    void theStartupRouteInstallsImportsAndBindsBeforeTheFirstCell() throws Exception {
        StockHostRunner.Run run = new StockHostRunner(workDir("startup-route")).cellTimeout(240)
                .atStartup("dev.intriguing.kernel.IntriguingExtension.install();")
                .run(List.of(
                        "%dataset mnist --split test --limit 10 --as few",
                        "ImageSet s = few;\ns.size()",
                        "%model eval nobody"));
        assertTrue(run.done(), () -> "the host did not finish:\n" + run.summary() + "\n" + StockHostRunner.tail(run.log()));
        assertTrue(run.cell(1).ok() && run.cell(2).ok(), run.summary());
        assertEquals(List.of("10"), run.cell(2).values());
        assertUsageParagraph(run.cell(3), "nobody");
    }

    /** The project's notebooks, unchanged but for one {@code %jars} cell before them. Trains models: slow. */
    @Tag("slow")
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"00-start", "01-models", "02-adversarial", "10-paper-reproduction"})
    void aNotebookRunsToTheEndAfterOneJarsCell(String name) throws Exception {
        List<String> cells = new ArrayList<>();
        cells.add("%jars " + StockHostRunner.PLUGIN_JAR);
        cells.addAll(codeCells(Path.of(System.getProperty("intriguing.notebooks", "../notebooks"), name + ".ipynb")));
        StockHostRunner.Run run = new StockHostRunner(workDir(name)).cellTimeout(900).run(cells);
        Files.writeString(workDir(name).resolve("summary.txt"), run.summary() + "\n");
        assertTrue(run.done(), () -> "the host did not finish:\n" + run.summary() + "\n" + StockHostRunner.tail(run.log()));
        assertEquals(cells.size(), run.cells().size(), run.summary());
        assertTrue(run.cells().stream().allMatch(StockHostRunner.Cell::ok), run.summary());
    }

    private static void assertUsageParagraph(StockHostRunner.Cell cell, String mentions) {
        assertEquals("error", cell.status(), cell.toString());
        List<String> text = cell.errors().stream().filter(l -> !l.isBlank() && !l.matches("-+")).toList();
        assertEquals(1, text.size(), "one paragraph, no trace: " + cell.errors());
        assertTrue(text.get(0).startsWith(USAGE) && text.get(0).contains(mentions), text.get(0));
    }

    private static List<String> codeCells(Path notebook) throws IOException {
        JsonObject nb = JsonParser.parseString(Files.readString(notebook)).getAsJsonObject();
        List<String> code = new ArrayList<>();
        for (JsonElement c : nb.getAsJsonArray("cells")) {
            JsonObject cell = c.getAsJsonObject();
            if (cell.get("cell_type").getAsString().equals("code")) {
                JsonElement src = cell.get("source");
                StringBuilder b = new StringBuilder();
                if (src.isJsonArray()) {
                    src.getAsJsonArray().forEach(l -> b.append(l.getAsString()));
                } else {
                    b.append(src.getAsString());
                }
                code.add(b.toString());
            }
        }
        return code;
    }

    private static Path workDir(String name) {
        return Path.of("target", "stock-host", name);
    }
}
