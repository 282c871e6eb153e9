package dev.intriguing.units;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class DirectionsTests {
    private static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (double) a[i] * b[i];
        }
        return s;
    }

    @Test
    void theSameSeedGivesTheSameDirectionsAndAnotherSeedOthers() {
        List<Direction> a = Directions.random(50, 8, 7, Directions.Basis.GAUSSIAN);
        List<Direction> b = Directions.random(50, 8, 7, Directions.Basis.GAUSSIAN);
        List<Direction> c = Directions.random(50, 8, 8, Directions.Basis.GAUSSIAN);
        for (int i = 0; i < 8; i++) {
            assertArrayEquals(a.get(i).vector(), b.get(i).vector());
            assertFalse(Arrays.equals(a.get(i).vector(), c.get(i).vector()));
            assertEquals("random " + i, a.get(i).label());
        }
    }

    @Test
    void randomDirectionsHaveUnitLengthAndMoreOfThemKeepTheFirst() {
        List<Direction> few = Directions.random(30, 3, 1, Directions.Basis.GAUSSIAN);
        List<Direction> many = Directions.random(30, 20, 1, Directions.Basis.GAUSSIAN);
        for (int i = 0; i < 3; i++) {
            assertArrayEquals(few.get(i).vector(), many.get(i).vector());
        }
        for (Direction d : many) {
            assertEquals(1.0, dot(d.vector(), d.vector()), 1e-5);
        }
    }

    @Test
    void theOrthogonalBasisIsOrthonormalAndStartsWithTheFirstGaussianDirection() {
        List<Direction> g = Directions.random(40, 40, 3, Directions.Basis.GAUSSIAN);
        List<Direction> o = Directions.random(40, 40, 3, Directions.Basis.ORTHOGONAL);
        for (int i = 0; i < 40; i++) {
            for (int j = 0; j <= i; j++) {
                assertEquals(i == j ? 1.0 : 0.0, dot(o.get(i).vector(), o.get(j).vector()), 1e-5, i + "," + j);
            }
        }
        assertArrayEquals(g.get(0).vector(), o.get(0).vector(), 1e-6f);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Directions.random(4, 5, 0, Directions.Basis.ORTHOGONAL));
        assertTrue(e.getMessage().contains("at most 4"), e.getMessage());
    }

    @Test
    void unitChoicesParseAndPrintTheirOptionValue() {
        assertEquals(UnitChoice.first(4), UnitChoice.parse("4"));
        assertEquals(UnitChoice.random(3), UnitChoice.parse("random:3"));
        assertEquals(UnitChoice.of(3, 17, 42), UnitChoice.parse("3, 17,42"));
        for (String s : List.of("4", "random:3", "3,17,42")) {
            assertEquals(s, UnitChoice.parse(s).toString());
        }
        for (String bad : List.of("", "x", "random:", "random:-1", "3,-1", "-2", "1,,2")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> UnitChoice.parse(bad));
            assertTrue(e.getMessage().contains("random:N"), e.getMessage());
        }
    }

    @Test
    void unitChoicesResolveToLiveUnitsAndRejectDeadOrMissingOnes() {
        // unit 1 is constant (dead), the others vary
        float[] v = {0, 5, 1, 2, 1, 5, 2, 3, 2, 5, 3, 4};
        Activations a = Activations.of("m", "fc1", "toy", Pooling.NONE, new long[] {4}, 3, 4, v);
        assertArrayEquals(new int[] {0, 2, 3}, a.liveUnits());
        assertEquals(1, a.deadCount());
        assertArrayEquals(new int[] {0, 2}, UnitChoice.first(2).resolve(a, 0));
        assertArrayEquals(UnitChoice.random(2).resolve(a, 5), UnitChoice.random(2).resolve(a, 5));
        assertTrue(Arrays.stream(UnitChoice.random(3).resolve(a, 5)).allMatch(u -> u != 1));
        IllegalArgumentException dead = assertThrows(IllegalArgumentException.class, () -> UnitChoice.of(1).resolve(a, 0));
        assertTrue(dead.getMessage().contains("unit 1 of layer fc1 is dead"), dead.getMessage());
        IllegalArgumentException range = assertThrows(IllegalArgumentException.class, () -> UnitChoice.of(4).resolve(a, 0));
        assertTrue(range.getMessage().contains("0 to 3"), range.getMessage());
        assertThrows(IllegalArgumentException.class, () -> UnitChoice.first(4).resolve(a, 0));
    }
}
