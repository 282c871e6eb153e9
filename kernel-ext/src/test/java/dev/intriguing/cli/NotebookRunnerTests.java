package dev.intriguing.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import dev.intriguing.kernel.Classpath;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
    void everyNotebookRunsWithoutErrors(Path notebook) throws Exception {
        Path out = ROOT.resolve("kernel-ext/target/notebooks-out");
        NotebookRunner runner = new NotebookRunner(ROOT.resolve("kernel-ext/target/jupyter-test"), Classpath.currentString());
        NotebookRunner.Result r = runner.run(notebook, out, 1200);
        assertTrue(r.ok(), "failed cells: " + r.failures());
        assertTrue(Files.size(r.html()) > 0);
        if (notebook.getFileName().toString().equals("00-start.ipynb")) {
            assertTrue(r.outputs().stream().anyMatch(o -> data(o).has("image/png")), "an image/png output");
            assertTrue(r.outputs().stream().anyMatch(o -> data(o).has("text/html")
                    && data(o).get("text/html").toString().contains("<table")), "an HTML table");
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

    private static JsonObject data(JsonObject output) {
        return output.has("data") ? output.getAsJsonObject("data") : new JsonObject();
    }
}
