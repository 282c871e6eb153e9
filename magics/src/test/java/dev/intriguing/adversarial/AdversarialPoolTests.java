package dev.intriguing.adversarial;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.intriguing.core.Progress;
import dev.intriguing.datasets.api.Datasets;
import dev.intriguing.datasets.api.ImageSet;
import dev.intriguing.datasets.api.Part;
import dev.intriguing.models.AdversarialSettings;
import dev.intriguing.models.BatchMixer;
import dev.intriguing.models.ModelCache;
import dev.intriguing.models.ModelSpec;
import dev.intriguing.models.ModelStore;
import dev.intriguing.models.ModelTrainer;
import dev.intriguing.models.Npz;
import dev.intriguing.models.TrainOptions;
import dev.intriguing.models.TrainedModel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AdversarialPoolTests {
    private static final ModelSpec SPEC = ModelSpec.parse("fc30-20-10");
    private static final AdversarialSettings FGSM = new AdversarialSettings("fgsm", 300, 1.0, 0.5, 0.1);

    private static ImageSet train() {
        return Datasets.standard().load("mnist", Part.TRAIN).slice(0, 1500).withName("mnist-train-1500");
    }

    private static ImageSet test() {
        return Datasets.standard().load("mnist", Part.TEST).slice(0, 500).withName("mnist-test-500");
    }

    private static TrainOptions plain() {
        return TrainOptions.defaults(SPEC).withEpochs(2).withSeed(11);
    }

    @Test
    void adversarialTrainingChangesTheModelAndRecordsItsSettings() {
        AdversarialPool pool = AdversarialPool.of(FGSM);
        TrainOptions robust = plain().withAdversarial(FGSM);
        try (TrainedModel a = ModelTrainer.train(SPEC, plain(), train(), test(), Progress.NONE);
             TrainedModel b = ModelTrainer.train(SPEC, robust, train(), test(), pool, Progress.NONE)) {
            float[] wa = Npz.arrays(a).get("fc1.weight").data();
            float[] wb = Npz.arrays(b).get("fc1.weight").data();
            assertFalse(java.util.Arrays.equals(wa, wb), "the pool's examples change the weights of the same seed");
            assertNull(a.manifest().options().adversarial(), "plain training records no adversarial settings");
            assertEquals(FGSM, b.manifest().options().adversarial());
            assertTrue(b.manifest().options().toString().endsWith("--adversarial fgsm --pool 300 --refresh 1.0 --mix 0.5 --eps 0.1"),
                    b.manifest().options().toString());
            assertEquals(300, pool.filled());
            // filled once against the initial network, then renewed once more in epoch 2 (refresh 1.0)
            assertTrue(pool.generated() >= 600, "generated " + pool.generated());
            assertTrue(b.manifest().history().get(1).loss() < b.manifest().history().get(0).loss(),
                    "the mixed batches still train: " + b.manifest().history());
        }
    }

    @Test
    void theRobustModelResistsItsOwnAttackBetterThanThePlainOne() {
        AdversarialSettings strong = new AdversarialSettings("fgsm", 1500, 1.0, 1.0, 0.1);
        TrainOptions plain4 = plain().withEpochs(4);
        ImageSet test = test();
        try (TrainedModel a = ModelTrainer.train(SPEC, plain4, train(), test, Progress.NONE);
             TrainedModel b = AdversarialPool.train(SPEC, plain4.withAdversarial(strong), train(), test, Progress.NONE)) {
            Attack fgsm = AdversarialPool.attack(strong);
            double onPlain = fgsm.run(a, test, 0, Criterion.untargeted(), List.of(), true, Progress.NONE).errorRate();
            double onRobust = fgsm.run(b, test, 0, Criterion.untargeted(), List.of(), true, Progress.NONE).errorRate();
            assertTrue(onRobust < onPlain, "FGSM(0.1) error: plain " + onPlain + ", robust " + onRobust);
        }
    }

    @Test
    void sameSeedGivesTheSameRobustModelTwice() {
        TrainOptions o = plain().withEpochs(1).withAdversarial(FGSM.withPool(200));
        try (TrainedModel a = AdversarialPool.train(SPEC, o, train(), test(), Progress.NONE);
             TrainedModel b = AdversarialPool.train(SPEC, o, train(), test(), Progress.NONE)) {
            Map<String, Npz.Array> wa = Npz.arrays(a);
            Map<String, Npz.Array> wb = Npz.arrays(b);
            wa.forEach((k, v) -> assertArrayEquals(v.data(), wb.get(k).data(), k));
            assertEquals(a.manifest().testError(), b.manifest().testError());
            assertEquals(a.manifest().history().get(0).loss(), b.manifest().history().get(0).loss());
        }
    }

    @Test
    void lbfgsAndPgdFillThePoolToo() {
        for (AdversarialSettings s : List.of(new AdversarialSettings("lbfgs", 40, 0.5, 0.25, Double.NaN),
                new AdversarialSettings("pgd", 60, 0.5, 0.25, 0.1))) {
            AdversarialPool pool = AdversarialPool.of(s);
            try (TrainedModel m = ModelTrainer.train(SPEC, plain().withEpochs(1).withAdversarial(s), train().slice(0, 600),
                    test(), pool, Progress.NONE)) {
                assertEquals(s.pool(), pool.filled(), s.toString());
                assertEquals(s, m.manifest().options().adversarial());
            }
        }
    }

    @Test
    void progressShowsThePoolAndAnInterruptKeepsTheLastEpoch() {
        List<String> seen = new ArrayList<>();
        Progress interruptInEpoch2 = (msg, f) -> {
            seen.add(msg);
            if (msg.contains("epoch 2/3")) {
                Thread.currentThread().interrupt();
            }
        };
        try (TrainedModel m = AdversarialPool.train(SPEC, plain().withEpochs(3).withAdversarial(FGSM), train(), test(),
                interruptInEpoch2)) {
            assertTrue(m.manifest().interrupted());
            assertEquals(1, m.manifest().epochsCompleted());
            assertFalse(Thread.currentThread().isInterrupted(), "the interrupt was consumed by stopping");
            assertTrue(seen.stream().anyMatch(s -> s.contains("adversarial pool 300 fgsm")), seen.toString());
            assertTrue(seen.get(seen.size() - 1).contains("kept the model of epoch 1/3"), seen.toString());
        }
    }

    @Test
    void theManifestKeepsTheSettingsThroughASaveAndLoad(@TempDir Path dir) {
        AdversarialSettings noEps = new AdversarialSettings("lbfgs", 30, 0.5, 0.25, Double.NaN);
        TrainOptions o = plain().withEpochs(1).withAdversarial(noEps);
        try (TrainedModel m = AdversarialPool.train(SPEC, o, train().slice(0, 300), test(), Progress.NONE)) {
            ModelStore.save(m, dir.resolve("m"));
            assertEquals(o, ModelStore.readManifest(dir.resolve("m")).options(), "what the cache compares to reuse a model");
        }
    }

    @Test
    void theCacheKeyOfARobustModelDiffersFromThePlainOnesAndFromOtherSettings(@TempDir Path root) {
        ModelCache cache = new ModelCache(root, Datasets.standard());
        ModelSpec fc100 = ModelSpec.fc100x100x10();
        TrainOptions d = TrainOptions.defaults(fc100);
        AdversarialSettings s = AdversarialSettings.defaults("fgsm");
        List<Path> dirs = List.of(cache.directory(fc100, d), cache.directory(fc100, d.withAdversarial(s)),
                cache.directory(fc100, d.withAdversarial(s.withPool(2000))),
                cache.directory(fc100, d.withAdversarial(s.withEps(0.1))),
                cache.directory(fc100, d.withAdversarial(AdversarialSettings.defaults("pgd"))));
        assertEquals(dirs.size(), dirs.stream().distinct().count(), dirs.toString());
        assertEquals("fc100-100-10-mnist-train-aedd969583", dirs.get(0).getFileName().toString(),
                "the plain model keeps its key");
    }

    @Test
    void trainingRejectsSettingsWithoutTheirPoolAndAPoolWithoutSettings() {
        TrainOptions robust = plain().withAdversarial(FGSM);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ModelTrainer.train(SPEC, robust, train(), test(), Progress.NONE));
        assertTrue(e.getMessage().contains("AdversarialPool"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> ModelTrainer.train(SPEC, plain(), train(), test(), AdversarialPool.of(FGSM), Progress.NONE));
        assertNotEquals(BatchMixer.NONE, AdversarialPool.forOptions(robust));
        assertEquals(BatchMixer.NONE, AdversarialPool.forOptions(plain()));
    }

    @Test
    void onlyTheAttacksThatFitAPoolAndTheirOwnOptionsAreAccepted() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AdversarialPool.of(AdversarialSettings.defaults("deepfool")));
        assertEquals("adversarial training takes one of lbfgs, fgsm, pgd; got 'deepfool'", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> AdversarialPool.of(AdversarialSettings.defaults("lbfgs").withEps(0.1)));
        assertThrows(IllegalArgumentException.class, () -> AdversarialSettings.defaults("fgsm").withRefresh(0));
        assertThrows(IllegalArgumentException.class, () -> AdversarialSettings.defaults("fgsm").withMix(1.5));
        assertThrows(IllegalArgumentException.class, () -> AdversarialSettings.defaults("fgsm").withPool(0));
        assertEquals(0.1, ((PgdAttack) AdversarialPool.attack(FGSM)).eps());
    }
}
