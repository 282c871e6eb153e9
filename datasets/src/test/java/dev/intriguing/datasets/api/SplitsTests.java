package dev.intriguing.datasets.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Arrays;
import java.util.BitSet;
import org.junit.jupiter.api.Test;

class SplitsTests {
    @Test
    void paperHalvesAreDisjointEqualAndCoverTheRealTrainingSet() {
        ImageSet train = Datasets.standard().load("mnist", Part.TRAIN);
        Splits.Halves h = Splits.paperHalves(train, Splits.PAPER_SEED);
        assertEquals(30000, h.p1().size());
        assertEquals(30000, h.p2().size());
        BitSet seen = new BitSet(train.size());
        for (int i : h.p1Indices()) {
            seen.set(i);
        }
        for (int i : h.p2Indices()) {
            assertFalse(seen.get(i), "index " + i + " is in both halves");
            seen.set(i);
        }
        assertEquals(60000, seen.cardinality());
        int first = h.p2Indices()[0];
        assertArrayEquals(train.image(first), h.p2().image(0));
        assertEquals(train.label(first), h.p2().label(0));
    }

    @Test
    void sameSeedSameSplitOtherSeedOtherSplit() {
        ImageSet train = Datasets.standard().load("mnist", Part.TRAIN);
        Splits.Halves a = Splits.paperHalves(train, 7);
        Splits.Halves b = Splits.paperHalves(train, 7);
        Splits.Halves c = Splits.paperHalves(train, 8);
        assertArrayEquals(a.p1Indices(), b.p1Indices());
        assertFalse(Arrays.equals(a.p1Indices(), c.p1Indices()));
    }
}
