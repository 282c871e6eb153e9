package dev.intriguing.datasets.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class SplitTests {
    @Test
    void splitsParseFromWhatUsersTypeAndPrintTheSame() {
        for (Split s : Split.values()) {
            assertSame(s, Split.parse(s.toString()));
        }
        assertSame(Split.P1, Split.parse(" P1 "));
        assertEquals(List.of("train", "p1", "p2"), Split.labels(List.of(Split.TRAIN, Split.P1, Split.P2)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Split.parse("val"));
        assertEquals("unknown split 'val': expected one of train, test, p1, p2", e.getMessage());
    }

    @Test
    void theHalvesAreAlwaysThePapersFixedHalvesOfTheTrainingPart() {
        Datasets data = Datasets.standard();
        ImageSet train = data.load("mnist", Split.TRAIN);
        Splits.Halves paper = Splits.paperHalves(train, Splits.PAPER_SEED);
        ImageSet p1 = data.load("mnist", Split.P1);
        ImageSet p2 = data.load("mnist", Split.P2);
        assertEquals("mnist-train-p1", p1.name());
        assertArrayEquals(paper.p1().labels(), p1.labels());
        assertArrayEquals(paper.p2().labels(), p2.labels());
        assertArrayEquals(paper.p2().image(123), p2.image(123));
        assertEquals(2013L, Splits.PAPER_SEED, "the split that trained models in the cache used");
        assertTrue(Arrays.equals(paper.p1Indices(), data.halves("mnist").p1Indices()));
        assertEquals(10000, data.load("mnist", Split.TEST).size());
        assertSame(data.load("mnist", Part.TRAIN), train, "train and test are the loaded parts themselves");
    }
}
