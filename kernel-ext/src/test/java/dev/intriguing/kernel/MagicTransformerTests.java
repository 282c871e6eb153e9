package dev.intriguing.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.github.spencerpark.jupyter.kernel.magic.CellMagicArgs;
import io.github.spencerpark.jupyter.kernel.magic.LineMagicArgs;
import java.util.List;
import org.junit.jupiter.api.Test;

class MagicTransformerTests {
    private final MagicTransformer transformer = new MagicTransformer();

    @Test
    void aLineMagicAloneIsTheWholeCell() {
        LineMagicArgs call = transformer.wholeCellMagic("\n  %dataset mnist --limit 16 --as \"a b\"  \n\n");
        assertEquals("dataset", call.getName());
        assertEquals(List.of("mnist", "--limit", "16", "--as", "a b"), call.getArgs());
    }

    @Test
    void aCellMagicIsTheWholeCell() {
        LineMagicArgs call = transformer.wholeCellMagic("%%time x\nint a = 1;\n");
        CellMagicArgs cell = assertInstanceOf(CellMagicArgs.class, call);
        assertEquals("time", cell.getName());
        assertEquals("int a = 1;", cell.getBody().strip());
    }

    @Test
    void aMagicWithJavaAroundItIsNotTheWholeCell() {
        for (String cell : List.of("x = %dataset mnist", "%dataset mnist\n1 + 1", "1 + 1\n%dataset mnist",
                "%dataset a\n%dataset b", "// load\n%dataset mnist", "String s = \"%dataset mnist\";", "1 + 1", "")) {
            assertNull(transformer.wholeCellMagic(cell), cell);
        }
    }
}
