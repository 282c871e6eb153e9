package dev.intriguing.spectral;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.intriguing.adversarial.AttackResult;
import dev.intriguing.adversarial.LbfgsAttack;
import dev.intriguing.adversarial.Targets;
import dev.intriguing.core.Progress;
import dev.intriguing.datasets.api.Datasets;
import dev.intriguing.models.ModelCache;
import dev.intriguing.models.ModelSpec;
import dev.intriguing.models.TrainedModel;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The certificates against the paper's attack: no adversarial example may lie inside its certified radius. */
class CertifiedRadiusTests {
    @ParameterizedTest(name = "{0}, quickly trained")
    @ValueSource(strings = {"fc10@1e-4", "fc100-100-10", "conv"})
    void noAdversarialExampleLiesInsideItsCertifiedRadius(String spec) {
        check(SpectralFixtures.quick(spec), 8);
    }

    @Tag("slow")
    @ParameterizedTest(name = "{0}, trained as in the paper")
    @ValueSource(strings = {"fc10@1e-4", "fc10@1", "fc100-100-10", "fc200-200-10", "ae400-10", "conv"})
    void noAdversarialExampleLiesInsideItsCertifiedRadiusOnTheRealModels(String spec) {
        try (TrainedModel model = new ModelCache(Datasets.standard()).trained(ModelSpec.parse(spec))) {
            check(model, 100);
        }
    }

    private static void check(TrainedModel model, int images) {
        AttackResult adv = LbfgsAttack.paper().run(model, SpectralFixtures.test().slice(0, images), Targets.random(0),
                Progress.NONE);
        LipschitzResult r = Lipschitz.builder().optImages(0).optAttack(adv).optCertify(true).build()
                .analyse(model, SpectralFixtures.test(), Progress.NONE);
        assertEquals(images, r.certificates().size());
        long compared = 0;
        for (Certificate c : r.certificates()) {
            assertTrue(c.radius() >= 0, c.toString());
            if (c.target() >= 0) {
                compared++;
                assertTrue(c.adversarialNorm() >= c.radius(), "an adversarial example inside its certified radius: " + c);
            }
        }
        assertTrue(compared >= images / 2, compared + " of " + images + " images had an adversarial example");
        assertEquals(0, r.certifiedViolations());
    }
}
