package dev.intriguing.units;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class StatsTests {
    @Test
    void summaryGivesMeanMedianAndInterpolatedQuartiles() {
        Stats.Summary s = Stats.summary(new double[] {4, 1, 3, 2, 10});
        assertEquals(4.0, s.mean(), 1e-12);
        assertEquals(3.0, s.median(), 1e-12);
        assertEquals(2.0, s.q1(), 1e-12);
        assertEquals(4.0, s.q3(), 1e-12);
        assertEquals(2.0, s.iqr(), 1e-12);
        assertEquals(2.5, Stats.summary(new double[] {1, 2, 3, 4}).median(), 1e-12);
        assertTrue(Double.isNaN(Stats.summary(new double[0]).mean()));
    }

    @Test
    void identicalSamplesDoNotDiffer() {
        double[] a = {0.5, 0.5, 0.5, 0.5};
        Stats.Comparison c = Stats.compare(a, a.clone(), 0, 1000, 1000);
        assertEquals(0.0, c.difference(), 0);
        assertEquals(1.0, c.p(), 0);
        assertTrue(c.intervalContainsZero());
    }

    @Test
    void separatedSamplesDifferWithASmallPAndAnIntervalAwayFromZero() {
        Random rnd = new Random(1);
        double[] a = new double[40];
        double[] b = new double[40];
        for (int i = 0; i < 40; i++) {
            a[i] = 1 + 0.1 * rnd.nextGaussian();
            b[i] = 0.8 + 0.1 * rnd.nextGaussian();
        }
        Stats.Comparison c = Stats.compare(a, b, 0, 2000, 2000);
        assertEquals(0.2, c.difference(), 0.05);
        assertTrue(c.low() > 0.1 && c.high() < 0.3, c.toString());
        assertEquals(1.0 / 2001, c.p(), 1e-12, "no relabelling reaches the observed difference");
        assertFalse(c.intervalContainsZero());
    }

    @Test
    void samplesFromOneDistributionUsuallyShareAnIntervalAroundZero() {
        Random rnd = new Random(2);
        double[] a = new double[200];
        double[] b = new double[200];
        for (int i = 0; i < 200; i++) {
            a[i] = rnd.nextGaussian();
            b[i] = rnd.nextGaussian();
        }
        Stats.Comparison c = Stats.compare(a, b, 0, 2000, 2000);
        assertTrue(c.intervalContainsZero() && c.p() > 0.05, c.toString());
    }

    @Test
    void theSameSeedGivesTheSameIntervalAndP() {
        double[] a = {1, 2, 3, 4, 5, 6};
        double[] b = {2, 3, 3, 5, 7, 9, 1};
        assertEquals(Stats.compare(a, b, 9, 500, 500), Stats.compare(a, b, 9, 500, 500));
        assertThrows(IllegalArgumentException.class, () -> Stats.compare(a, new double[0], 0, 10, 10));
    }
}
