package dev.intriguing.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.intriguing.kernel.HistoryManager.Cell;
import io.github.spencerpark.jupyter.kernel.history.HistoryEntry;
import io.github.spencerpark.jupyter.kernel.history.HistoryManager.ResultFlag;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HistoryManagerTests {
    @TempDir
    Path dir;

    private HistoryManager manager() {
        return new HistoryManager(dir.resolve("history.json"), s -> "transformed:" + s);
    }

    private static List<String> inputs(List<Cell> cells) {
        return cells.stream().map(Cell::input).toList();
    }

    @Test
    void everyCellIsRecordedWithItsSessionAndLineAndTailGivesTheLastOnesInOrder() {
        HistoryManager h = manager();
        h.record(1, "int x = 1;");
        h.record(2, "x + 1");
        h.record(4, "x + 2");
        assertEquals(List.of(new Cell(1, 2, "x + 1", null), new Cell(1, 4, "x + 2", null)), h.tail(2));
        assertEquals(3, h.tail(0).size(), "n <= 0 means every cell");
        assertEquals(3, h.tail(100).size());
        h.close();
    }

    @Test
    void outputIsTheResultTextOfTheRunningCellOnly() {
        HistoryManager h = manager();
        h.record(1, "6 * 7");
        h.output("42");
        h.endCell();
        h.output("not a cell's");
        h.record(2, "\"x\".repeat(5000)");
        h.output("x".repeat(5000));
        assertEquals("42", h.tail(2).get(0).output());
        assertEquals(HistoryManager.MAX_OUTPUT_CHARS + 3, h.tail(1).get(0).output().length(), "long results are cut");
        h.close();
    }

    @Test
    void rangeTakesASessionNumberOrAnOffsetAndStopsBeforeStop() throws Exception {
        HistoryManager first = manager();
        first.record(1, "a");
        first.record(2, "b");
        first.record(3, "c");
        first.close();
        HistoryManager h = manager();
        h.record(1, "d");
        assertEquals(2, h.session());
        assertEquals(List.of("b"), inputs(h.range(1, 2, 3)));
        assertEquals(List.of("b", "c"), inputs(h.range(-1, 2, 0)), "-1 is the session before; stop 0 is the end");
        assertEquals(List.of("d"), inputs(h.range(0, 1, 2)), "0 is this kernel's session");
        assertEquals(List.of(), h.range(7, 1, 10));
        h.close();
    }

    @Test
    void searchMatchesTheWholeInputWithSqliteGlobs() {
        HistoryManager h = manager();
        List.of("Math.max(3, 4)", "math.max(1, 2)", "int a = 1;", "int b = 2;", "int c3 = 3;", "for (;;) {\n  x++;\n}")
                .forEach(s -> h.record(h.tail(0).size() + 1, s));
        assertEquals(List.of("Math.max(3, 4)"), inputs(h.search("Math.*", 0, false)), "case counts");
        assertEquals(List.of(), h.search("Math", 0, false), "the whole input must match");
        assertEquals(List.of("int a = 1;", "int b = 2;"), inputs(h.search("int ? = ?;", 0, false)));
        assertEquals(List.of("int a = 1;", "int c3 = 3;"), inputs(h.search("int [ac]*", 0, false)));
        assertEquals(List.of("int b = 2;"), inputs(h.search("int [^ac]*", 0, false)));
        assertEquals(List.of("int a = 1;", "int b = 2;"), inputs(h.search("int [a-b] *", 0, false)));
        assertEquals(List.of("for (;;) {\n  x++;\n}"), inputs(h.search("for*x++*", 0, false)), "* crosses lines");
        assertEquals(List.of("Math.max(3, 4)"), inputs(h.search("Math.max(?, 4)", 0, false)), "( . are plain text");
        assertEquals(6, h.search("", 0, false).size(), "an empty pattern matches everything");
        h.close();
    }

    @Test
    void uniqueSearchGivesEachInputOnceAtItsLatestRunAndNKeepsTheLatest() {
        HistoryManager h = manager();
        String[] runs = {"x", "y", "x", "z", "y"};
        for (int i = 0; i < runs.length; i++) {
            h.record(i + 1, runs[i]);
        }
        assertEquals(List.of(new Cell(1, 3, "x", null), new Cell(1, 4, "z", null), new Cell(1, 5, "y", null)),
                h.search("*", 0, true));
        assertEquals(List.of("z", "y"), inputs(h.search("*", 2, true)));
        assertEquals(List.of("x", "x"), inputs(h.search("x", 0, false)));
        assertEquals(List.of(3), h.search("x", 1, false).stream().map(Cell::line).toList());
        h.close();
    }

    @Test
    void basekernelFlagsGiveTheTransformedInputAndAnEmptyOutputRatherThanNull() {
        HistoryManager h = manager();
        h.record(1, "%intriguing");
        List<HistoryEntry> raw = h.lookupTail(1, Set.of());
        assertEquals("%intriguing", raw.get(0).getInput());
        assertFalse(raw.get(0).hasOutput());
        List<HistoryEntry> full = h.lookupTail(1, EnumSet.of(ResultFlag.TRANSFORMED_INPUT, ResultFlag.INCLUDE_OUTPUT));
        assertEquals("transformed:%intriguing", full.get(0).getInput());
        assertEquals("", full.get(0).getOutput());
        assertEquals(1, h.search("%intr*", 5, EnumSet.of(ResultFlag.UNIQUE)).size());
        assertEquals(1, h.lookupRange(0, 1, 2, Set.of()).size());
        h.close();
    }

    @Test
    void aRestartedKernelSeesEarlierSessionsAndTakesTheNextNumber() throws Exception {
        HistoryManager first = manager();
        first.record(1, "String s = \"é = \\u00e9 <tag>\";");
        first.output("é");
        first.close();
        String json = Files.readString(dir.resolve("history.json"));
        assertTrue(json.contains("\"String s = \\\"é = \\\\u00e9 <tag>\\\";\""), json);

        HistoryManager second = manager();
        assertEquals(List.of(new Cell(1, 1, "String s = \"é = \\u00e9 <tag>\";", "é")), second.tail(5));
        assertEquals(2, second.session(), "before its first cell, the number it will take");
        second.record(1, "after");
        assertEquals(List.of(1, 2), second.tail(5).stream().map(Cell::session).toList());
        second.close();
        assertEquals(2, manager().tail(5).size());
    }

    @Test
    void twoKernelsOnOneFileKeepEachOthersCellsInTheirOwnSessions() {
        HistoryManager a = manager();
        HistoryManager b = manager();
        a.record(1, "a1");
        b.record(1, "b1");
        a.record(2, "a2");
        b.record(2, "b2");
        a.close();
        b.close();
        List<Cell> all = manager().tail(0);
        assertEquals(List.of(new Cell(1, 1, "a1", null), new Cell(1, 2, "a2", null), new Cell(2, 1, "b1", null),
                new Cell(2, 2, "b2", null)), all);
    }

    @Test
    void cellsRunBackToBackAreWrittenTogetherAndCloseWritesTheWaitingOnesAtOnce() throws Exception {
        HistoryManager h = manager();
        h.record(1, "first");
        Path file = dir.resolve("history.json");
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (!Files.readString(file).contains("\"first\"") && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertTrue(Files.readString(file).contains("\"first\""), "the first cell is written within a turn");
        for (int i = 2; i <= 50; i++) {
            h.record(i, "cell " + i);
        }
        Thread.sleep(HistoryManager.MIN_WRITE_INTERVAL_MS / 4);
        assertFalse(Files.readString(file).contains("cell 50"), "the next write waits for its turn");
        long t0 = System.nanoTime();
        h.close();
        assertTrue(System.nanoTime() - t0 < HistoryManager.MIN_WRITE_INTERVAL_MS * 1_000_000L / 2,
                "close does not wait for the turn");
        assertEquals(50, manager().tail(0).size());
    }

    @Test
    void aWriteBetweenTwoOfThisKernelsWritesIsMergedNotOverwritten() throws Exception {
        HistoryManager a = manager();
        a.record(1, "a1");
        Thread.sleep(HistoryManager.MIN_WRITE_INTERVAL_MS + 200); // a has written a1 and knows the file it left
        HistoryManager b = manager();
        b.record(1, "b1");
        b.close();
        a.record(2, "a2");
        a.close();
        assertEquals(List.of("a1", "a2", "b1"), inputs(manager().tail(0)));
    }

    @Test
    void theFileKeepsTheNewestCellsUpToItsLimit() {
        HistoryManager h = manager();
        for (int i = 1; i <= HistoryManager.MAX_CELLS + 10; i++) {
            h.record(i, "cell " + i);
        }
        h.close();
        List<Cell> kept = manager().tail(0);
        assertEquals(HistoryManager.MAX_CELLS, kept.size());
        assertEquals("cell 11", kept.get(0).input());

        HistoryManager big = manager();
        String large = "x".repeat(HistoryManager.MAX_CHARS / 2 + 1);
        big.record(1, large);
        big.record(2, large);
        big.close();
        List<Cell> bigKept = manager().tail(0);
        assertEquals(List.of(2), bigKept.stream().map(Cell::line).toList(), "over the character limit, the oldest go first");
    }

    @Test
    void anUnreadableFileIsMovedAsideAndHistoryStartsOver() throws Exception {
        Path file = dir.resolve("history.json");
        Files.writeString(file, "{not json");
        HistoryManager h = manager();
        assertEquals(List.of(), h.tail(0));
        h.record(1, "fresh");
        h.close();
        assertEquals("{not json", Files.readString(dir.resolve("history.json.damaged")));
        assertEquals(List.of("fresh"), inputs(manager().tail(0)));
    }

    @Test
    void writesLeaveNoTemporaryFilesBehind() throws Exception {
        HistoryManager h = manager();
        for (int i = 1; i <= 50; i++) {
            h.record(i, "cell " + i);
        }
        h.close();
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of("history.json", "history.json.lock"),
                    files.map(p -> p.getFileName().toString()).sorted().toList());
        }
    }

    @Test
    void aFileThatCannotBeWrittenLeavesHistoryInMemory() throws Exception {
        Path blocker = dir.resolve("not-a-directory");
        Files.writeString(blocker, "");
        HistoryManager h = new HistoryManager(blocker.resolve("history.json"), UnaryOperator.identity());
        h.record(1, "still recorded");
        h.record(2, "and answered");
        assertEquals(List.of("still recorded", "and answered"), inputs(h.tail(0)));
        assertEquals(1, h.session());
        h.close();
    }

    @Test
    void historyWithoutAFileIsKeptInMemory() {
        HistoryManager h = new HistoryManager(null, UnaryOperator.identity());
        h.record(1, "a");
        assertEquals(1, h.session());
        assertEquals(1, h.tail(0).size());
        assertNull(h.file());
        h.close();
    }

    @Test
    void theFileIsNamedByTheEnvironmentOrLivesUnderTheUsersDataDirectory() {
        String before = System.getProperty("intriguing.history");
        try {
            System.setProperty("intriguing.history", "off");
            assertNull(HistoryManager.defaultFile());
            System.setProperty("intriguing.history", dir.resolve("h.json").toString());
            assertEquals(dir.resolve("h.json"), HistoryManager.defaultFile());
            System.clearProperty("intriguing.history");
            if (System.getenv("INTRIGUING_HISTORY") == null) {
                assertTrue(HistoryManager.defaultFile().endsWith(Path.of("intriguing", "history.json")));
            }
        } finally {
            if (before == null) {
                System.clearProperty("intriguing.history");
            } else {
                System.setProperty("intriguing.history", before);
            }
        }
    }
}
