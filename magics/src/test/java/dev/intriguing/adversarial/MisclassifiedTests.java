package dev.intriguing.adversarial;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.intriguing.core.Progress;
import dev.intriguing.datasets.api.ImageSet;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Images the model already misclassifies: skipped by default and counted; when included, an image already classified
 * as its target is flagged and never counts as a distortion of 0.
 */
class MisclassifiedTests {
    /** The first test images, far enough to hold a few that the small model gets wrong. */
    private static final int IMAGES = 120;

    private static int[] wrong(ImageSet images) {
        int[] pred = SmallMlp.trained().predict(images);
        return IntStream.range(0, images.size()).filter(i -> pred[i] != images.label(i)).toArray();
    }

    @Test
    void misclassifiedImagesAreSkippedAndCounted() {
        ImageSet images = SmallMlp.mnistTest().slice(0, IMAGES);
        int[] wrong = wrong(images);
        assertTrue(wrong.length >= 1, "the small model gets some of the first " + IMAGES + " wrong");
        // the wrong ones and two right ones, so the attack stays short
        int[] right = IntStream.range(0, IMAGES).filter(i -> IntStream.of(wrong).noneMatch(w -> w == i)).limit(2)
                .toArray();
        int last = Math.max(wrong[0], right[1]) + 1;
        ImageSet range = images.slice(0, last);
        int wrongInRange = wrong(range).length;
        AttackResult r = LbfgsAttack.builder().optBatchSize(64).build().run(SmallMlp.trained(), range, 0,
                Criterion.untargeted(), List.of(), false, Progress.NONE);
        assertEquals(wrongInRange, r.skipped());
        assertEquals(last - wrongInRange, r.size());
        assertTrue(r.examples().stream().allMatch(e -> e.cleanLabel() == e.label()));
        assertTrue(r.examples().stream().noneMatch(e -> e.index() == wrong[0]), "image " + wrong[0] + " is skipped");
        assertEquals(0.0, r.cleanErrorRate());
        assertTrue(r.toString().contains("(" + wrongInRange + " skipped: misclassified)"), r.toString());
    }

    @Test
    void anImageAlreadyClassifiedAsItsTargetIsFlaggedAndLeftOutOfTheDistortion() {
        ImageSet images = SmallMlp.mnistTest().slice(0, IMAGES);
        int i = wrong(images)[0];
        int predicted = SmallMlp.trained().predict(images.slice(i, i + 1))[0];
        ImageSet two = images.slice(i, i + 1);
        AttackResult r = LbfgsAttack.builder().optBatchSize(8).build().run(SmallMlp.trained(), two, i,
                Criterion.targeted(Targets.fixed(predicted)), List.of(), true, Progress.NONE);
        AttackResult.Example e = r.examples().get(0);
        assertTrue(e.alreadyAdversarial(), e.toString());
        assertTrue(e.success());
        assertEquals(0.0, e.distortion());
        assertEquals(1, r.alreadyAdversarial());
        assertEquals(0, r.skipped());
        assertTrue(Double.isNaN(r.meanDistortion()), "not averaged in as 0: " + r);
        assertTrue(r.toString().contains("1 already adversarial"), r.toString());
    }

    @Test
    void theOldEntryPointStillAttacksEveryImage() {
        ImageSet images = SmallMlp.mnistTest().slice(0, IMAGES);
        int i = wrong(images)[0];
        AttackResult r = LbfgsAttack.builder().optBatchSize(8).build().run(SmallMlp.trained(), images.slice(i, i + 1), i,
                Criterion.targeted(Targets.random(0)), List.of(), Progress.NONE);
        assertEquals(1, r.size());
        assertEquals(0, r.skipped());
        assertEquals(1.0, r.cleanErrorRate());
    }
}
