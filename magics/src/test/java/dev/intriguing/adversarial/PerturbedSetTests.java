package dev.intriguing.adversarial;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.intriguing.datasets.api.ImageSet;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PerturbedSetTests {
    /** Real MNIST images with structured perturbations of many sizes, some pushing far outside the box. */
    private static PerturbedSet perturbed() {
        ImageSet clean = SmallMlp.mnistTest().slice(0, 12);
        int n = clean.pixelsPerImage();
        float[] px = clean.pixels(0, 12);
        Random rnd = new Random(3);
        for (int i = 0; i < 12; i++) {
            double size = 0.005 * (i + 1) * (i + 1);
            for (int j = 0; j < n; j++) {
                px[i * n + j] = (float) Math.min(1, Math.max(0, px[i * n + j] + size * rnd.nextGaussian()));
            }
        }
        ImageSet adv = ImageSet.of("adv", 28, 28, 10, px, clean.labels());
        return PerturbedSet.of("synthetic", clean, adv, IntStream.range(0, 12).toArray(), Double.NaN);
    }

    @Test
    void amplifiedPerturbationsHaveTheAskedRmsBeforeClippingAndNeverLeaveTheBox() {
        PerturbedSet p = perturbed();
        for (int i = 0; i < p.size(); i++) {
            double[] r = PerturbedSet.scaledPerturbation(p.clean().image(i), p.perturbed().image(i), 0.1);
            double s = 0;
            for (double v : r) {
                s += v * v;
            }
            assertEquals(0.1, Math.sqrt(s / r.length), 1e-6, "image " + i);
        }
        PerturbedSet a = p.amplified(0.1);
        for (float v : a.perturbed().pixels(0, a.size())) {
            assertTrue(v >= 0f && v <= 1f, "inside the box: " + v);
        }
        for (double d : a.distortions()) {
            assertTrue(d <= 0.1 + 1e-6 && d > 0.05, "clipping can only shrink it: " + d);
        }
        assertEquals(0.1, a.nominal());
        assertEquals("synthetic amplified to 0.1", a.name());
        assertArrayEquals(p.indices(), a.indices());
        assertArrayEquals(p.clean().labels(), a.perturbed().labels());
    }

    @Test
    void amplifiedKeepsEachPerturbationsDirection() {
        PerturbedSet p = perturbed();
        float[] x = p.clean().image(4);
        float[] adv = p.perturbed().image(4);
        double[] r = PerturbedSet.scaledPerturbation(x, adv, 0.05);
        double scale = Double.NaN;
        for (int j = 0; j < x.length; j++) {
            double d = adv[j] - x[j];
            if (Math.abs(d) > 1e-3) {
                scale = Double.isNaN(scale) ? r[j] / d : scale;
                assertEquals(scale, r[j] / d, 1e-3 * Math.abs(scale), "one factor per image, pixel " + j);
            }
        }
    }

    @Test
    void anImageWithoutPerturbationStaysCleanAndBadSizesAreRejected() {
        ImageSet clean = SmallMlp.mnistTest().slice(0, 2);
        PerturbedSet same = PerturbedSet.of("same", clean, clean, new int[] {0, 1}, Double.NaN);
        assertArrayEquals(clean.pixels(0, 2), same.amplified(0.1).perturbed().pixels(0, 2));
        assertEquals(0.0, same.amplified(0.1).meanDistortion());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> same.amplified(-0.1));
        assertEquals("an amplified RMS is a finite number at least 0; got -0.1", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> PerturbedSet.of("bad", clean, clean.slice(0, 1),
                new int[] {0, 1}, Double.NaN));
    }

    @Test
    void anAttacksAmplifiedExamplesAreItsPerturbationsRescaled() {
        AttackResult adv = LbfgsAttack.builder().optBatchSize(8).build().run(SmallMlp.trained(),
                SmallMlp.mnistTest().slice(0, 5), 0, Criterion.targeted(Targets.random(0)), java.util.List.of(), false,
                dev.intriguing.core.Progress.NONE);
        PerturbedSet a = adv.amplified(0.1);
        assertEquals(adv.size(), a.size());
        assertEquals("lbfgs on mlp64 amplified to 0.1", a.name());
        assertEquals(adv.meanDistortion(), adv.perturbed().meanDistortion(), 1e-12);
        assertTrue(a.meanDistortion() > adv.meanDistortion() && a.meanDistortion() <= 0.1 + 1e-6, a.toString());
    }
}
