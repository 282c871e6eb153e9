package dev.intriguing.labs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReproducedTests {
    private static double[][] table3() {
        return new double[][] {{0.6, 2.1, 1.8, 0.0615}, {0.7, 2.2, 1.9, Double.NaN}, {2.2, 0.65, 1.85, 0.057}};
    }

    @Test
    void csvRoundTripKeepsLabelsWithCommasAndQuotesAndFullPrecision(@TempDir Path dir) throws Exception {
        Reproduced ours = PaperTables.TABLE_3.ours(List.of("p1_fc100", "p1 \"fc123\", wide", "p2_fc100"), table3());
        Path csv = ours.toCsv(dir.resolve("table3.csv"));
        Reproduced back = Reproduced.readCsv(PaperTables.TABLE_3, csv);
        assertEquals(ours.ourRows(), back.ourRows());
        assertArrayEquals(table3()[0], back.values()[0]);
        assertTrue(Double.isNaN(back.value(1, 3)));
        assertTrue(Files.readString(csv).startsWith("paper row,our row,\"error on P1 %\""), Files.readString(csv));
    }

    @Test
    void readingAnotherTablesCsvNamesTheExpectedHeader(@TempDir Path dir) throws Exception {
        Path csv = PaperTables.TABLE_3.ours(List.of("a", "b", "c"), table3()).toCsv(dir.resolve("t.csv"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Reproduced.readCsv(PaperTables.TABLE_1, csv));
        assertTrue(e.getMessage().contains("does not match Paper Table 1") && e.getMessage().contains("train error %"),
                e.getMessage());
    }

    @Test
    void oursOfTheWrongShapeIsRejectedWithBothShapes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PaperTables.TABLE_3.ours(List.of("a", "b"), new double[][] {{1, 2, 3, 4}, {1, 2, 3, 4}}));
        assertTrue(e.getMessage().contains("3 rows x 4 columns; ours has 2 row labels"), e.getMessage());
    }

    @Test
    void resultsSaveNamesTheFileByTheTablesId(@TempDir Path dir) {
        String said = Results.save(dir, PaperTables.TABLE_3.ours(List.of("a", "b", "c"), table3()));
        assertEquals("table3.csv written to " + dir, said);
        assertTrue(Files.isRegularFile(dir.resolve("table3.csv")));
    }

    @Test
    void paperTablesHaveIdsInThePapersOrderAndTable5HasAlexNetsEightLayers() {
        assertEquals(List.of("table1", "table2", "table3", "table4", "table5"), List.copyOf(PaperTables.ALL.keySet()));
        assertEquals("table5", PaperTables.id(PaperTables.TABLE_5));
        assertArrayEquals(new double[] {2.75, 10, 7, 7.5, 11, 3.12, 4, 4}, PaperTables.TABLE_5.column("upper bound"));
    }
}
