package dev.intriguing.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.intriguing.labs.PaperTables.Unit;
import java.util.List;
import org.junit.jupiter.api.Test;

class VerdictRulesTests {
    @Test
    void ratesAreReproducedWithinTwoPointsOrTenPercentInKindWithinTenPointsOrHalf() {
        assertEquals(Verdict.REPRODUCED, VerdictRules.verdict(Unit.PERCENT, 1.64, 1.45));
        assertEquals(Verdict.REPRODUCED, VerdictRules.verdict(Unit.PERCENT, 100, 94));   // 6 points, 6%
        assertEquals(Verdict.IN_KIND, VerdictRules.verdict(Unit.PERCENT, 2, 11.9));      // 9.9 points
        assertEquals(Verdict.IN_KIND, VerdictRules.verdict(Unit.PERCENT, 98, 55));       // 43 points, 44%
        assertEquals(Verdict.DIFFERS, VerdictRules.verdict(Unit.PERCENT, 3.1, 24.0));    // 20.9 points, 7 times
        assertEquals(Verdict.DIFFERS, VerdictRules.verdict(Unit.PERCENT, 22, 73));
    }

    @Test
    void distortionsAreReproducedWithinTwentyPercentInKindWithinAFactorOfTwo() {
        assertEquals(Verdict.REPRODUCED, VerdictRules.verdict(Unit.DISTORTION, 0.058, 0.062));
        assertEquals(Verdict.IN_KIND, VerdictRules.verdict(Unit.DISTORTION, 0.086, 0.05));
        assertEquals(Verdict.DIFFERS, VerdictRules.verdict(Unit.DISTORTION, 0.14, 0.05));
        assertEquals(Verdict.DIFFERS, VerdictRules.verdict(Unit.DISTORTION, 0.1, 0.25));
    }

    @Test
    void boundsOfAnotherNetworkAreAtBestInKind() {
        assertEquals(Verdict.IN_KIND, VerdictRules.verdict(Unit.BOUND, 10, 10));
        assertEquals(Verdict.IN_KIND, VerdictRules.boundVerdict(2.75, 11, 0.3));
        assertEquals(Verdict.DIFFERS, VerdictRules.boundVerdict(2.75, 11, 0.2));
        assertEquals(Verdict.DIFFERS, VerdictRules.boundVerdict(2.75, 11, 200));
    }

    @Test
    void aMissingValueIsNotMeasuredNeverReproduced() {
        assertEquals(Verdict.NOT_MEASURED, VerdictRules.verdict(Unit.PERCENT, 0, Double.NaN));
        assertEquals(Verdict.NOT_MEASURED, VerdictRules.boundVerdict(1, 2, Double.NaN));
    }

    @Test
    void aTableIsReproducedWhenTwoThirdsOfItsMeasuredCellsAre() {
        Verdict r = Verdict.REPRODUCED;
        Verdict k = Verdict.IN_KIND;
        Verdict d = Verdict.DIFFERS;
        Verdict n = Verdict.NOT_MEASURED;
        assertEquals(r, VerdictRules.overall(List.of(r, r, k, n, n)));
        assertEquals(k, VerdictRules.overall(List.of(r, k, k)));
        assertEquals(d, VerdictRules.overall(List.of(r, r, d, d)));
        assertEquals(n, VerdictRules.overall(List.of(n, n)));
    }

    @Test
    void everyRuleSaysItsNumbers() {
        assertTrue(VerdictRules.rule(Unit.PERCENT).contains("within 2 percentage points or 10%"),
                VerdictRules.rule(Unit.PERCENT));
        assertTrue(VerdictRules.rule(Unit.DISTORTION).contains("within 20%"), VerdictRules.rule(Unit.DISTORTION));
        assertTrue(VerdictRules.rule(Unit.BOUND).contains("factor of 10"), VerdictRules.rule(Unit.BOUND));
    }
}
