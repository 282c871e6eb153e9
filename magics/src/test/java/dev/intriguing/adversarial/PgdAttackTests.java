package dev.intriguing.adversarial;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.intriguing.core.Progress;
import dev.intriguing.datasets.api.ImageSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** FGSM and PGD on the small test network: budgets kept, tiny budgets fail, the minimal search finds smaller ε. */
class PgdAttackTests {
    private static final int IMAGES = 12;

    private static ImageSet images() {
        return SmallMlp.mnistTest().slice(0, IMAGES);
    }

    private static AttackResult run(PgdAttack.Config config, List<Double> budgets) {
        return new PgdAttack(config).run(SmallMlp.trained(), images(), 0, Criterion.untargeted(), budgets,
                Progress.NONE);
    }

    /** The largest perturbation of example i in the norm's units. */
    private static double size(AttackResult r, int i, Norm norm) {
        float[] a = r.clean().image(i);
        float[] b = r.adversarial().image(i);
        double[] d = new double[a.length];
        for (int p = 0; p < a.length; p++) {
            d[p] = (double) b[p] - a[p];
        }
        return norm.size(d);
    }

    @Test
    void everyFixedBudgetAttackStaysWithinItsBudgetAndInsideTheBox() {
        for (Norm norm : Norm.values()) {
            for (PgdAttack.Config c : List.of(PgdAttack.Config.fgsm(norm, 8), PgdAttack.Config.pgd(norm, 8))) {
                double eps = norm == Norm.LINF ? 0.2 : 0.1;
                AttackResult r = run(c, List.of(eps));
                int[] fresh = SmallMlp.trained().predict(r.adversarial());
                for (int i = 0; i < r.size(); i++) {
                    AttackResult.Example e = r.examples().get(i);
                    assertTrue(size(r, i, norm) <= eps * (1 + 1e-5), c + " example " + i + ": " + size(r, i, norm));
                    for (float v : r.adversarial().image(i)) {
                        assertTrue(v >= 0 && v <= 1, c + " pixel " + v);
                    }
                    assertEquals(e.success(), fresh[i] != e.label(), c + " example " + i);
                    if (norm == Norm.L2 && e.success()) {
                        assertTrue(e.distortion() <= eps * (1 + 1e-5), c + " distortion " + e.distortion());
                    }
                }
                assertTrue(r.successRate() > 0.5, c + ": " + r);
            }
        }
    }

    @Test
    void fgsmWithATinyEpsilonFailsOnCorrectlyClassifiedImages() {
        AttackResult r = run(PgdAttack.Config.fgsm(Norm.LINF, 8), List.of(1e-4));
        for (AttackResult.Example e : r.examples()) {
            if (e.cleanLabel() == e.label()) {
                assertTrue(!e.success(), e.toString());
            }
        }
        assertTrue(r.examples().stream().anyMatch(e -> e.cleanLabel() == e.label()));
        assertEquals(1.0, r.evaluationsPerExample(), 0.0, "a fixed FGSM costs one gradient per example");
    }

    @Test
    void theMinimalSearchFindsASmallerEpsilonThanTheFixedOneWhereBothSucceed() {
        for (PgdAttack.Config c : List.of(PgdAttack.Config.fgsm(Norm.LINF, 8), PgdAttack.Config.pgd(Norm.L2, 8))) {
            AttackResult fixed = run(c, List.of(c.eps()));
            AttackResult minimal = run(c.withMinimal(true), List.of());
            int both = 0;
            for (int i = 0; i < IMAGES; i++) {
                AttackResult.Example f = fixed.examples().get(i);
                AttackResult.Example m = minimal.examples().get(i);
                if (f.success() && m.success() && f.cleanLabel() == f.label()) {
                    both++;
                    assertEquals(c.eps(), f.parameter(), 0.0);
                    assertTrue(m.parameter() < f.parameter(), c + " example " + i + ": " + m.parameter());
                    assertTrue(size(minimal, i, c.norm()) <= m.parameter() * (1 + 1e-5), c + " example " + i);
                }
            }
            assertTrue(both > IMAGES / 2, c + ": " + both + " examples succeeded both ways");
        }
    }
}
