package dev.intriguing.labs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.intriguing.core.Progress;
import dev.intriguing.transfer.Models;
import dev.intriguing.transfer.Transfer;
import dev.intriguing.transfer.TransferResult;
import java.util.List;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

class PaperTablesTests {
    @Test
    void theTransferTablesHaveOneHundredPercentOnTheirDiagonals() {
        for (PaperTables.PaperTable t : List.of(PaperTables.TABLE_2, PaperTables.TABLE_4)) {
            int models = t.columns().size() - 1;
            for (int m = 0; m < models; m++) {
                assertEquals(100.0, t.values()[m][m], t.title() + " row " + m);
            }
        }
        assertEquals(2.0, PaperTables.TABLE_2.value("FC100-100-10", "AE400-10"));
        assertEquals(8, PaperTables.TABLE_4.rows().size());
        assertArrayEquals(new double[] {7.4, 9.4, 20, 1.64, 1.54, 1.9}, PaperTables.TABLE_1.column("test error %"));
        assertArrayEquals(new double[] {0.062, 0.059, 0.058}, PaperTables.TABLE_3.column("av. min. distortion"));
    }

    @Test
    void besideWritesOursThePapersAndTheDifference() {
        PaperTables.PaperTable t3 = PaperTables.TABLE_3;
        double[][] ours = {{0.7, 1.9, 1.8, 0.0512}, {0.6, 2.0, 1.8, 0.05}, {1.9, 0.7, 1.8, 0.049}};
        Table b = t3.beside(List.of("p1a", "p1b", "p2a"), ours);
        assertEquals(List.of("paper's row", "our row", "error on P1 %", "error on P2 %", "error on test %",
                "av. min. distortion"), b.columnNames());
        assertEquals("0.7 / 0.0 (+0.7)", b.stringColumn("error on P1 %").get(0));
        assertEquals("1.9 / 2.4 (-0.5)", b.stringColumn("error on P2 %").get(0));
        assertEquals("0.0512 / 0.062 (-0.0108)", b.stringColumn("av. min. distortion").get(0));
        assertEquals(-0.5, t3.difference(ours)[0][1], 1e-12);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> t3.beside(List.of("a"), new double[][] {{1, 2, 3, 4}}));
        assertTrue(e.getMessage().contains("has 3 rows x 4 columns; ours has 1 rows x 4 columns"), e.getMessage());
    }

    @Test
    void aTransferResultIsSetBesideByPosition() {
        TransferResult ours = Transfer.builder().addSet("adv", Models.random(Models.mlp())).addModel("m", Models.mlp())
                .build().run(Progress.NONE);
        double[][] m = PaperTables.matrix(ours);
        assertEquals(100.0, m[0][0]);
        assertEquals(ours.rows().get(0).meanDistortion(), m[0][1]);
        assertThrows(IllegalArgumentException.class, () -> PaperTables.TABLE_2.beside(ours));
    }
}
