package dev.intriguing.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The evaluator alone (no kernel): how long expression values stay reachable as {@code $N}. */
class CellEvaluatorTests {
    @Test
    void onlyTheLatestExpressionValuesStayAsDollarNamesAndADroppedOneIsExplained() throws Exception {
        try (CellEvaluator eval = new CellEvaluator(call -> null)) {
            eval.open();
            List<String> names = new ArrayList<>();
            int total = CellEvaluator.KEPT_RESULTS + 5;
            for (int i = 0; i < total; i++) {
                assertEquals(i * 3, eval.eval(i + " * 3"));
                List<String> kept = eval.keptResultNames();
                names.add(kept.get(kept.size() - 1));
            }
            assertEquals(names.subList(5, total), eval.keptResultNames(), "the latest values, oldest first");
            // the oldest kept one still works in a later cell, and so does a value that is not an expression's
            String oldestKept = names.get(5);
            assertEquals(15, eval.eval(oldestKept));
            assertEquals(16, eval.eval("int sixteen = 16;\nsixteen"));
            String dropped = names.get(4);
            CellException e = assertThrows(CellException.class, () -> eval.eval(dropped + " + 1"));
            String text = String.join("\n", e.lines());
            assertTrue(text.contains(dropped + " is not defined: the kernel keeps only the last "
                    + CellEvaluator.KEPT_RESULTS + " expression values"), text);
            // a compile error that names no dropped value says nothing about them
            CellException other = assertThrows(CellException.class, () -> eval.eval("int n = \"text\";"));
            assertTrue(String.join("\n", other.lines()).contains("incompatible types"));
            assertTrue(other.lines().stream().noneMatch(l -> l.contains("expression values")), other.lines().toString());
        }
    }
}
