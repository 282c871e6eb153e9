package dev.intriguing.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The student labs are generated from the solutions, and the solutions have the shape a lab needs. */
class LabNotebooksTests {
    static final Path LABS = Path.of("").toAbsolutePath().getParent().resolve("notebooks").resolve("labs");

    @Test
    void committedStudentLabsAreExactlyWhatTheGeneratorMakesFromTheSolutions() throws Exception {
        Map<Path, String> generated = LabNotebooks.generate(LABS);
        assertEquals(3, generated.size(), "three labs");
        for (Map.Entry<Path, String> e : generated.entrySet()) {
            assertTrue(Files.isRegularFile(e.getKey()), "missing " + e.getKey() + ": run ./intriguing labs");
            assertEquals(e.getValue(), Files.readString(e.getKey()), e.getKey() + " drifted from its solution: run ./intriguing labs");
        }
        try (Stream<Path> s = Files.list(LABS)) {
            List<Path> students = s.filter(p -> p.toString().endsWith(".ipynb")).sorted().toList();
            assertEquals(List.copyOf(generated.keySet()), students, "every student lab has a solution and vice versa");
        }
    }

    @Test
    void theCheckCommandFindsTheStudentLabsUpToDate() throws Exception {
        assertEquals(0, LabsCommand.run(List.of("--check")));
        Main.UsageException e = assertThrows(Main.UsageException.class, () -> LabsCommand.run(List.of("--force")));
        assertTrue(e.getMessage().startsWith("Usage: ./intriguing labs [--check]"), e.getMessage());
    }

    @Test
    void aSolutionBlockBecomesItsPlaceholderAtTheMarkersIndent() {
        String solution = """
                double purity(int[] labels) {
                    // TODO: the share of the most common label
                    // BEGIN SOLUTION (placeholder: return Double.NaN;)
                    int[] counts = new int[10];
                    return 1.0;
                    // END SOLUTION
                }
                purity(new int[] {1})""";
        assertEquals("""
                double purity(int[] labels) {
                    // TODO: the share of the most common label
                    return Double.NaN;
                }
                purity(new int[] {1})""", LabNotebooks.replaceCode(solution, 4));
        assertEquals("int x = 0;\n// TODO: set x\nx", LabNotebooks.replaceCode("""
                int x = 0;
                // TODO: set x
                // BEGIN SOLUTION (placeholder: )
                x = 42;
                // END SOLUTION
                x""", 1), "an empty placeholder leaves nothing");
        assertEquals("// TODO: a\nA\n// TODO: b\nB", LabNotebooks.replaceCode("""
                // TODO: a
                // BEGIN SOLUTION (placeholder: A)
                a
                // END SOLUTION
                // TODO: b
                // BEGIN SOLUTION (placeholder: B)
                b
                // END SOLUTION""", 1), "two blocks in one cell");
    }

    @Test
    void teachersNotesAreRemovedFromMarkdown() {
        assertEquals("# Lab\n\nQuestions.", LabNotebooks.removeText("""
                # Lab

                Questions.

                <!-- BEGIN SOLUTION -->
                **Notes for the teacher.** The answer is 42.
                <!-- END SOLUTION -->""", 2));
    }

    @Test
    void unbalancedMarkersNameTheCell() {
        assertEquals("cell 7: // BEGIN SOLUTION without // END SOLUTION", assertThrows(IllegalArgumentException.class,
                () -> LabNotebooks.replaceCode("// BEGIN SOLUTION\nx", 7)).getMessage());
        assertEquals("cell 3: // END SOLUTION without // BEGIN SOLUTION", assertThrows(IllegalArgumentException.class,
                () -> LabNotebooks.replaceCode("x\n// END SOLUTION", 3)).getMessage());
        assertEquals("cell 2: <!-- BEGIN SOLUTION --> without its end", assertThrows(IllegalArgumentException.class,
                () -> LabNotebooks.removeText("<!-- BEGIN SOLUTION -->\nanswer", 2)).getMessage());
    }

    @Test
    void outputsAndExecutionCountsAreCleared() {
        String student = LabNotebooks.studentVersion("""
                {"cells": [{"cell_type": "code", "execution_count": 3, "metadata": {}, "source": ["1 + 1"],
                  "outputs": [{"output_type": "execute_result", "data": {"text/plain": "2"}, "metadata": {}, "execution_count": 3}]}],
                 "metadata": {}, "nbformat": 4, "nbformat_minor": 5}""");
        JsonObject cell = JsonParser.parseString(student).getAsJsonObject().getAsJsonArray("cells").get(0).getAsJsonObject();
        assertTrue(cell.get("execution_count").isJsonNull());
        assertEquals(0, cell.getAsJsonArray("outputs").size());
        assertTrue(student.endsWith("}\n") && student.contains("\n \"cells\": ["), "Jupyter's layout: " + student);
    }

    @Test
    void everyExerciseHasATodoAboveItsSolutionAndASelfCheckAfterIt() throws Exception {
        for (Path solution : LabNotebooks.solutions(LABS)) {
            List<JsonObject> cells = cells(solution);
            String all = String.join("\n", cells.stream().map(c -> LabNotebooks.text(c.get("source"))).toList());
            assertTrue(all.contains("**Learning goals.**") && all.contains("## Summary") && all.contains("## Step 1:"),
                    solution + ": learning goals, steps and a summary");
            int exercises = 0;
            for (int i = 0; i < cells.size(); i++) {
                JsonObject cell = cells.get(i);
                String text = LabNotebooks.text(cell.get("source"));
                if (!"code".equals(cell.get("cell_type").getAsString()) || !text.contains("// BEGIN SOLUTION")) {
                    continue;
                }
                exercises++;
                String before = text.substring(0, text.indexOf("// BEGIN SOLUTION"));
                assertTrue(before.contains("// TODO"), solution + " cell " + (i + 1) + ": a // TODO above the solution");
                String next = LabNotebooks.text(nextCodeCell(cells, i).get("source"));
                assertTrue(next.contains("Check.that(") && next.contains(".hint("),
                        solution + " cell " + (i + 1) + ": the next code cell is a self-check with a hint");
            }
            assertTrue(exercises >= 3, solution + ": at least three exercises, found " + exercises);
        }
    }

    @Test
    void stepsSayHowLongTheyTake() throws Exception {
        for (Path solution : LabNotebooks.solutions(LABS)) {
            for (JsonObject cell : cells(solution)) {
                String text = LabNotebooks.text(cell.get("source"));
                if (text.startsWith("## Step ")) {
                    String title = text.lines().findFirst().orElseThrow();
                    assertTrue(title.matches("## Step \\d+: .+ \\(\\d+ min\\)"), solution + ": " + title);
                }
            }
        }
    }

    /** The number of self-check cells of a notebook: what a run of it must show as verdicts. */
    static int checkCells(Path notebook) throws Exception {
        int n = 0;
        for (JsonObject c : cells(notebook)) {
            if ("code".equals(c.get("cell_type").getAsString()) && LabNotebooks.text(c.get("source")).contains("Check.that(")) {
                n++;
            }
        }
        return n;
    }

    static List<JsonObject> cells(Path notebook) throws Exception {
        List<JsonObject> out = new ArrayList<>();
        for (JsonElement e : JsonParser.parseString(Files.readString(notebook)).getAsJsonObject().getAsJsonArray("cells")) {
            out.add(e.getAsJsonObject());
        }
        return out;
    }

    private static JsonObject nextCodeCell(List<JsonObject> cells, int after) {
        for (int j = after + 1; j < cells.size(); j++) {
            if ("code".equals(cells.get(j).get("cell_type").getAsString())) {
                return cells.get(j);
            }
        }
        throw new AssertionError("no code cell after cell " + (after + 1));
    }

    @Test
    void theSolutionsShowTheTeachersNotesAndTheStudentsDoNot() throws Exception {
        for (Path solution : LabNotebooks.solutions(LABS)) {
            String s = Files.readString(solution);
            String student = Files.readString(LABS.resolve(solution.getFileName()));
            assertTrue(s.contains("Teacher's version"), solution.toString());
            assertFalse(student.contains("Teacher's version") || student.contains("BEGIN SOLUTION")
                    || student.contains("END SOLUTION"), solution.getFileName() + ": no solution left in the student lab");
        }
    }
}
