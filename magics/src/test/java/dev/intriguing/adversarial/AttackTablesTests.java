package dev.intriguing.adversarial;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.intriguing.core.Progress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Table;

class AttackTablesTests {
    private static AttackResult result;

    private static synchronized AttackResult result() {
        if (result == null) {
            result = LbfgsAttack.paper().run(SmallMlp.trained(), SmallMlp.mnistTest().slice(0, 5), Targets.random(0),
                    Progress.NONE);
        }
        return result;
    }

    @Test
    void tablesAndCsvHaveOneRowPerExample(@TempDir Path dir) throws Exception {
        AttackResult r = result();
        assertEquals(5, r.table().rowCount());
        assertEquals(List.of("index", "label", "clean", "target", "final", "success", "distortion", "c", "iterations",
                "evaluations"), r.table().columnNames());
        assertEquals(1, r.summary().rowCount());
        Path csv = r.toCsv(dir.resolve("out/adv.csv"));
        List<String> lines = Files.readAllLines(csv);
        assertEquals(6, lines.size());
        assertTrue(lines.get(1).startsWith(r.examples().get(0).index() + ","), lines.get(1));
        try (var files = Files.list(dir.resolve("out"))) {
            assertEquals(1, files.count(), "no temporary file is left behind");
        }
    }

    @Test
    void csvKeepsFullPrecisionWhileTheTableRoundsToFourSignificantDigits(@TempDir Path dir) throws Exception {
        AttackResult r = result();
        List<String> lines = Files.readAllLines(r.toCsv(dir.resolve("adv.csv")));
        assertEquals("index,label,clean,target,final,success,distortion,c,iterations,evaluations", lines.get(0));
        Table t = r.table();
        for (int i = 0; i < r.size(); i++) {
            AttackResult.Example e = r.examples().get(i);
            String[] cells = lines.get(i + 1).split(",");
            assertEquals(e.distortion(), Double.parseDouble(cells[6]), 0.0, "the CSV reads back the exact distortion");
            assertEquals(e.parameter(), Double.parseDouble(cells[7]), 0.0);
            double shown = t.doubleColumn("distortion").getDouble(i);
            assertEquals(AttackTables.significant(e.distortion()), shown, 0.0);
            assertTrue(Math.abs(shown - e.distortion()) <= 5e-4 * e.distortion(), shown + " vs " + e.distortion());
        }
    }

    @Test
    void summaryShowsPercentagesWithOneDecimalAndDistortionsWithFourDigits() {
        AttackResult r = result();
        Table s = r.summary();
        assertEquals(List.of("attack", "model", "data", "targets", "examples", "success rate %", "clean error %",
                "error % after", "mean distortion", "median distortion", "max distortion", "evaluations/example",
                "seconds", "examples/s", "partial"), s.columnNames());
        assertEquals(100.0, s.doubleColumn("success rate %").getDouble(0));
        assertEquals(AttackTables.significant(r.meanDistortion()), s.doubleColumn("mean distortion").getDouble(0), 0.0);
        for (String column : List.of("mean distortion", "median distortion", "max distortion")) {
            String text = s.doubleColumn(column).getString(0);
            assertTrue(text.replaceAll("^0\\.0*|\\.", "").length() <= 4, column + " shows " + text);
        }
    }

    @Test
    void roundingHelpersKeepWhatAPersonReads() {
        assertEquals(33.3, AttackTables.percent(1 / 3.0));
        assertEquals(100.0, AttackTables.percent(1.0));
        assertEquals(0.06124, AttackTables.significant(0.061237654321));
        assertEquals(1235.0, AttackTables.significant(1234.5678));
        assertEquals(0.0, AttackTables.significant(0.0));
        assertTrue(Double.isNaN(AttackTables.significant(Double.NaN)));
        assertTrue(Double.isNaN(AttackTables.percent(Double.NaN)));
    }

    @Test
    void budgetsAddAColumnAndASuccessRatePerBudget(@TempDir Path dir) throws Exception {
        AttackResult r = LbfgsAttack.paper().run(SmallMlp.trained(), SmallMlp.mnistTest().slice(0, 5), 0,
                Criterion.targeted(Targets.random(0)), List.of(1.0, 0.01), Progress.NONE);
        assertEquals(List.of(0.01, 1.0), r.budgets());
        assertEquals("budget", r.table().columnNames().get(10));
        assertTrue(r.summary().columnNames().containsAll(List.of("success % at 0.01", "success % at 1.0")),
                r.summary().columnNames().toString());
        assertTrue(Files.readAllLines(r.toCsv(dir.resolve("b.csv"))).get(0).endsWith(",evaluations,budget"));
        for (AttackResult.Example e : r.examples()) {
            assertEquals(e.distortion() <= 0.01 ? 0.01 : 1.0, e.budget(), "example " + e.index());
        }
        assertEquals(1.0, r.successRateAt(1.0));
        assertTrue(r.successRateAt(0.01) < 1.0, "an RMS distortion of 0.01 is too small for most examples");
    }
}
