package dev.intriguing.labs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.intriguing.datasets.api.ImageSet;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class CheckTests {
    private static final String HINT = "count each label, then divide the largest count by the length";

    @Test
    void aRightNumberPassesAndSaysWhatItGot() {
        CheckResult r = Check.that("your purity", 0.7).hint(HINT).isCloseTo(0.7, 1e-9);
        assertTrue(r.passed());
        assertEquals("✔ right: your purity. Got 0.7.", r.toString());
        assertEquals("", r.hint(), "a passed check shows no hint");
    }

    @Test
    void aWrongNumberIsNotYetWithTheHint() {
        CheckResult r = Check.that("your purity", 0.5).hint(HINT).isCloseTo(0.7, 1e-9);
        assertFalse(r.passed());
        assertEquals("✘ not yet: your purity. Got 0.5, which is not the expected value. Hint: " + HINT, r.toString());
    }

    @Test
    void nullIsNotYetAndPointsAtTheTodo() {
        CheckResult r = Check.that("xAdv", (Object) null).hint(HINT).isCloseTo(new float[] {1}, 0);
        assertFalse(r.passed());
        assertTrue(r.message().contains("still null") && r.message().contains("// TODO"), r.message());
        assertEquals(HINT, r.hint());
        Supplier<Object> none = null;
        assertFalse(Check.that("nothing", none).isTrue("it holds").passed());
    }

    @Test
    void aValueOfTheWrongTypeIsNotYetAndNamesBothTypes() {
        CheckResult r = Check.that("your purity", "0.7").isCloseTo(0.7, 1e-9);
        assertFalse(r.passed());
        assertEquals("Expected a number, but it is the text \"0.7\".", r.message());
        assertEquals("Expected an array of numbers, but it is the value 3.",
                Check.that("grad", 3).isParallelTo(new float[] {1}, 0.9).message());
        assertEquals("Expected true or false, but it is the value 1.5.", Check.that("b", 1.5).isTrue("it holds").message());
        assertEquals("Expected a List, but it is the value 1.5.",
                Check.that("l", 1.5).satisfies(List.class, l -> true, "a list").message());
    }

    @Test
    void codeThatThrowsIsNotYetWithTheErrorInOneLine() {
        CheckResult r = Check.that("your function", () -> {
            throw new ArrayIndexOutOfBoundsException("Index 10 out of bounds for length 10\n\tat somewhere");
        }).hint(HINT).isCloseTo(0.7, 1e-9);
        assertFalse(r.passed());
        assertEquals("Your code stopped with an error: ArrayIndexOutOfBoundsException: Index 10 out of bounds for"
                + " length 10.", r.message());
        assertFalse(r.toString().contains("\tat "), "no stack trace");
        assertFalse(Check.that("deep", () -> recurse(0)).isCloseTo(1, 0).passed(), "a stack overflow is not yet");
    }

    @Test
    void codeRunsOnlyWhenTheCheckRuns() {
        int[] calls = {0};
        Check c = Check.that("lazy", () -> ++calls[0]);
        assertEquals(0, calls[0]);
        assertTrue(c.isEqualTo(1).passed());
        assertEquals(1, calls[0]);
    }

    @Test
    void nanIsNotYetAndSaysSo() {
        CheckResult r = Check.that("your purity", Double.NaN).isCloseTo(0.7, 1e-9);
        assertFalse(r.passed());
        assertTrue(r.message().startsWith("It is NaN"), r.message());
        assertFalse(Check.that("arr", new float[] {Float.NaN, 1}).isCloseTo(new float[] {0, 1}, 1e-3).passed());
    }

    @Test
    void arraysCompareElementByElementWhateverTheirNumberType() {
        float[] expected = {0.1f, 0.2f, 0.3f};
        assertTrue(Check.that("a", new double[] {0.1, 0.2, 0.3}).isCloseTo(expected, 1e-6).passed());
        CheckResult off = Check.that("a", new float[] {0.1f, 0.25f, 0.3f}).isCloseTo(expected, 1e-6);
        assertEquals("Number 1 is 0.25; expected 0.2 (and 0 more differ).", off.message());
        assertEquals("It has 2 numbers; expected 3.", Check.that("a", new float[2]).isCloseTo(expected, 1).message());
        ImageSet set = ImageSet.of("s", 1, 3, 2, expected.clone(), new int[] {0});
        assertTrue(Check.that("images", set).isCloseTo(expected, 0).passed());
    }

    @Test
    void ndArraysAreReadAndAClosedOneIsNotYet() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray a = m.create(new float[] {1, 2, 3});
            assertTrue(Check.that("a", a).isCloseTo(new float[] {1, 2, 3}, 0).passed());
            assertTrue(Check.that("a", a).isParallelTo(new float[] {2, 4, 6}, 0.999).passed(), "any positive scale");
            assertTrue(Check.that("sum", a.sum()).isCloseTo(6, 1e-9).passed(), "a one-element NDArray is a number");
            a.close();
            CheckResult r = Check.that("a", a).isCloseTo(new float[] {1, 2, 3}, 0);
            assertFalse(r.passed());
            assertTrue(r.message().startsWith("It could not be read: "), r.message());
        }
    }

    @Test
    void directionsThatDisagreeAreNotYet() {
        assertFalse(Check.that("g", new float[] {1, 0}).isParallelTo(new float[] {0, 1}, 0.99).passed());
        assertEquals("It is all zeros.", Check.that("g", new float[2]).isParallelTo(new float[] {0, 1}, 0.99).message());
    }

    @Test
    void equalityTreatsWholeNumbersAlikeAndComparesArrays() {
        assertTrue(Check.that("n", 3L).isEqualTo(3).passed());
        assertTrue(Check.that("idx", new int[] {1, 2}).isEqualTo(new int[] {1, 2}).passed());
        assertEquals("Got [1, 3], which is not the expected answer.",
                Check.that("idx", new int[] {1, 3}).isEqualTo(new int[] {1, 2}).message());
        assertFalse(Check.that("idx", "x").isEqualTo(new int[] {1, 2}).passed());
    }

    @Test
    void rangesBooleansAndPredicates() {
        assertTrue(Check.that("p", 0.5).isBetween(0, 1).passed());
        assertEquals("Got 1.5; expected a value from 0 to 1.", Check.that("p", 1.5).isBetween(0, 1).message());
        assertTrue(Check.that("b", true).isTrue("the units win").passed());
        assertEquals("the units win: not yet.", Check.that("b", false).isTrue("the units win").message());
        assertTrue(Check.that("l", List.of(1, 2)).satisfies(List.class, l -> l.size() == 2, "two items").passed());
    }

    @Test
    void aPredicateThatThrowsIsNotYet() {
        CheckResult r = Check.that("l", List.of()).satisfies(List.class, l -> l.get(0) != null, "a first item");
        assertFalse(r.passed());
        assertTrue(r.message().startsWith("It could not be read: ") && r.message().contains("OutOfBoundsException"), r.message());
    }

    private static int recurse(int n) {
        return recurse(n + 1) + 1;
    }
}
