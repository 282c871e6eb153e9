package dev.intriguing.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.intriguing.datasets.api.Datasets;
import dev.intriguing.kernel.Classpath;
import dev.intriguing.magics.Displayer;
import dev.intriguing.magics.MagicCatalog;
import dev.intriguing.magics.MagicContext;
import dev.intriguing.session.Session;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Notebooks through the real Jupyter (Debian's nbconvert and nbclient) with our kernel, as ./intriguing run does. */
class NotebookRunnerTests {
    private static final Path ROOT = Path.of("").toAbsolutePath().getParent();

    static Stream<Path> notebooks() throws IOException {
        try (Stream<Path> s = Files.list(ROOT.resolve("notebooks"))) {
            return s.filter(p -> p.toString().endsWith(".ipynb")).sorted().toList().stream();
        }
    }

    @Tag("slow")
    @ParameterizedTest(name = "{0}")
    @MethodSource("notebooks")
    void everyNotebookRunsWithoutErrorsAndShowsEachCellsOutput(Path notebook) throws Exception {
        Path out = ROOT.resolve("kernel-ext/target/notebooks-out");
        NotebookRunner runner = new NotebookRunner(ROOT.resolve("kernel-ext/target/jupyter-test"), Classpath.currentString())
                .size("small");
        NotebookRunner.Result r = runner.run(notebook, out, 1200);
        assertTrue(r.ok(), "failed cells: " + r.failures());
        List<JsonObject> cells = codeCells(r.executed());
        for (JsonObject cell : cells) {
            assertFalse(cell.get("execution_count").isJsonNull(), "not executed: " + text(cell.get("source")));
            assertFalse(cell.getAsJsonArray("outputs").isEmpty(), "no output: " + text(cell.get("source")));
        }
        String html = Files.readString(r.html());
        // Every notebook starts with the install line, whose value names the catalogue's magics.
        String installed = "magics installed (" + String.join(", ", MagicCatalog.create(new MagicContext(
                new Session(Datasets.standard()), Displayer.NONE)).stream().map(m -> "%" + m.spec().name()).toList()) + ")";
        assertTrue(plainText(cells.get(0)).contains(installed), plainText(cells.get(0)));
        assertTrue(html.contains(installed), "the HTML report lacks the setup cell's output");
        // ... and records its environment right after: versions, commit, data checksums, seeds.
        String env = plainText(cells.get(1));
        assertTrue(env.contains("DJL") && env.contains("MXNet") && env.contains("SHA-256 mnist/")
                && env.contains("git commit") && env.contains("seed"), env);
        assertTrue(html.contains("Environment of this run") || html.contains("SHA-256 mnist/"),
                "the HTML report lacks the environment");
        if (notebook.getFileName().toString().equals("00-start.ipynb")) {
            assertTrue(r.outputs().stream().anyMatch(o -> data(o).has("image/png")), "an image/png output");
            assertTrue(r.outputs().stream().anyMatch(o -> data(o).has("text/html")
                    && data(o).get("text/html").toString().contains("<table")), "an HTML table");
            // %dataset mnist: MNIST's training set and its known label counts (6742 ones).
            String mnist = plainText(cells.get(3));
            assertTrue(mnist.startsWith("mnist (train): 60000 images of 28x28, 10 classes") && mnist.contains("1=6742"), mnist);
            assertTrue(html.contains("60000 images of 28x28") && html.contains("6742"), "the HTML report lacks the counts");
        }
        if (notebook.getFileName().toString().equals("11-units.ipynb")) {
            assertTrue(r.outputs().stream().anyMatch(o -> data(o).has("text/html")
                    && data(o).get("text/html").toString().contains("units - random")), "a verdict table");
        }
    }

    @Test
    void readNamesTheFailingCell(@TempDir Path dir) throws Exception {
        Path nb = dir.resolve("x.ipynb");
        Files.writeString(nb, """
                {"cells": [
                  {"cell_type": "markdown", "metadata": {}, "source": ["# title"]},
                  {"cell_type": "code", "metadata": {}, "source": ["1 + 1"], "outputs": [
                    {"output_type": "execute_result", "data": {"text/plain": "2"}, "metadata": {}, "execution_count": 1}]},
                  {"cell_type": "code", "metadata": {}, "source": ["%dataset nope\\n", "more"], "outputs": [
                    {"output_type": "error", "ename": "CellException", "evalue": "unknown data set", "traceback": []}]}
                ], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}""");
        NotebookRunner.Result r = NotebookRunner.read(nb, dir.resolve("x.html"));
        assertEquals(List.of(new NotebookRunner.Failure(3, "%dataset nope", "CellException", "unknown data set")), r.failures());
        assertEquals(2, r.outputs().size());
    }

    private static List<JsonObject> codeCells(Path executed) throws IOException {
        List<JsonObject> out = new ArrayList<>();
        for (JsonElement c : JsonParser.parseString(Files.readString(executed)).getAsJsonObject().getAsJsonArray("cells")) {
            if ("code".equals(c.getAsJsonObject().get("cell_type").getAsString())) {
                out.add(c.getAsJsonObject());
            }
        }
        return out;
    }

    /** The text/plain of every output of {@code cell}, one after the other. */
    private static String plainText(JsonObject cell) {
        StringBuilder b = new StringBuilder();
        for (JsonElement o : cell.getAsJsonArray("outputs")) {
            JsonObject d = data(o.getAsJsonObject());
            if (d.has("text/plain")) {
                b.append(text(d.get("text/plain"))).append('\n');
            }
        }
        return b.toString();
    }

    /** Notebook text, stored as one string or as a list of lines. */
    private static String text(JsonElement e) {
        if (!e.isJsonArray()) {
            return e.getAsString();
        }
        StringBuilder b = new StringBuilder();
        e.getAsJsonArray().forEach(x -> b.append(x.getAsString()));
        return b.toString();
    }

    private static JsonObject data(JsonObject output) {
        return output.has("data") ? output.getAsJsonObject("data") : new JsonObject();
    }
}
