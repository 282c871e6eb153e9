package dev.intriguing.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import dev.intriguing.kernel.Classpath;
import dev.intriguing.labs.CheckResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The classroom labs through the real Jupyter at the small size, as a class would run them: every solution lab passes
 * every self-check, and every student lab runs to its end with every self-check saying "not yet", never an error.
 */
@Tag("slow")
class LabsRunTests {
    private static final Path ROOT = Path.of("").toAbsolutePath().getParent();

    static Stream<Path> solutions() throws Exception {
        return LabNotebooks.solutions(LabNotebooksTests.LABS).stream();
    }

    static Stream<Path> students() throws Exception {
        return LabNotebooks.solutions(LabNotebooksTests.LABS).stream()
                .map(p -> LabNotebooksTests.LABS.resolve(p.getFileName()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("solutions")
    void aSolutionLabRunsWithEveryCheckRight(Path lab) throws Exception {
        List<String> verdicts = run(lab, "solutions");
        assertEquals(LabNotebooksTests.checkCells(lab), verdicts.size(), "one verdict per check cell: " + verdicts);
        for (String v : verdicts) {
            assertTrue(v.startsWith(CheckResult.PASS_MARK), v);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("students")
    void aStudentLabRunsToTheEndWithEveryCheckNotYet(Path lab) throws Exception {
        List<String> verdicts = run(lab, "students");
        assertEquals(LabNotebooksTests.checkCells(lab), verdicts.size(), "one verdict per check cell: " + verdicts);
        for (String v : verdicts) {
            assertTrue(v.startsWith(CheckResult.NOT_YET_MARK), v);
        }
    }

    /** Runs {@code lab}, requires no error and every cell executed, and returns the checks' text in order. */
    private static List<String> run(Path lab, String version) throws Exception {
        Path out = ROOT.resolve("kernel-ext/target/labs-out").resolve(version);
        NotebookRunner runner = new NotebookRunner(ROOT.resolve("kernel-ext/target/jupyter-test"), Classpath.currentString())
                .size("small");
        NotebookRunner.Result r = runner.run(lab, out, 900);
        assertTrue(r.ok(), "failed cells: " + r.failures());
        List<String> verdicts = new ArrayList<>();
        for (JsonObject cell : LabNotebooksTests.cells(r.executed())) {
            if (!"code".equals(cell.get("cell_type").getAsString())) {
                continue;
            }
            assertFalse(cell.get("execution_count").isJsonNull(), "not executed: " + LabNotebooks.text(cell.get("source")));
            for (var o : cell.getAsJsonArray("outputs")) {
                JsonObject data = o.getAsJsonObject().has("data") ? o.getAsJsonObject().getAsJsonObject("data") : new JsonObject();
                if (data.has("text/plain")) {
                    String text = LabNotebooks.text(data.get("text/plain"));
                    if (text.startsWith(CheckResult.PASS_MARK) || text.startsWith(CheckResult.NOT_YET_MARK)) {
                        assertTrue(data.has("text/html") && LabNotebooks.text(data.get("text/html")).contains("intriguing-check"),
                                "a check shows as HTML: " + text);
                        verdicts.add(text);
                    }
                }
            }
        }
        return verdicts;
    }
}
