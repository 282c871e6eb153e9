package dev.intriguing.adversarial;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.intriguing.core.Progress;
import dev.intriguing.datasets.api.ImageSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * DeepFool, Carlini–Wagner and FMN on the small test network: they succeed where they say so, and a minimal-norm
 * attack finds perturbations far smaller than a fixed-budget one needs.
 */
class MinimalNormAttackTests {
    private static final int IMAGES = 10;

    private static ImageSet images() {
        return SmallMlp.mnistTest().slice(20, 20 + IMAGES);
    }

    private static AttackResult run(String name, Criterion criterion) {
        return Attacks.get(name).create(new Attacks.Options(16)).run(SmallMlp.trained(), images(), 20, criterion,
                List.of(), Progress.NONE);
    }

    @Test
    void minimalNormAttacksFindSmallPerturbationsThatAFreshPassConfirms() {
        AttackResult fgsm = Attacks.get("fgsm").create(new Attacks.Options(16).withNorm(Norm.L2).withMinimal(true))
                .run(SmallMlp.trained(), images(), 20, Criterion.untargeted(), List.of(), Progress.NONE);
        for (String name : List.of("deepfool", "cw", "fmn")) {
            for (Criterion criterion : List.of(Criterion.untargeted(), Criterion.targeted(Targets.next()))) {
                AttackResult r = run(name, criterion);
                int[] fresh = SmallMlp.trained().predict(r.adversarial());
                for (int i = 0; i < r.size(); i++) {
                    AttackResult.Example e = r.examples().get(i);
                    assertEquals(fresh[i], e.finalLabel());
                    if (e.success()) {
                        assertTrue(criterion.isTargeted() ? fresh[i] == e.target() : fresh[i] != e.label(), name);
                    }
                    for (float v : r.adversarial().image(i)) {
                        assertTrue(v >= 0 && v <= 1, name + " pixel " + v);
                    }
                }
                assertTrue(r.successRate() >= 0.9, name + " " + criterion + ": " + r);
                if (!criterion.isTargeted()) {
                    assertTrue(r.medianDistortion() < fgsm.medianDistortion(), name + " " + r + " vs " + fgsm);
                }
            }
        }
    }
}
