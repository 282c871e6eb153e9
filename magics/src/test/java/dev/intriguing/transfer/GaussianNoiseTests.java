package dev.intriguing.transfer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.intriguing.adversarial.PerturbedSet;
import dev.intriguing.datasets.api.ImageSet;
import org.junit.jupiter.api.Test;

class GaussianNoiseTests {
    @Test
    void theSameSeedGivesTheSameNoiseAndNoiseStaysInTheBox() {
        ImageSet clean = Models.test(20);
        PerturbedSet a = GaussianNoise.add(clean, 0.3, 5);
        PerturbedSet b = GaussianNoise.add(clean, 0.3, 5);
        PerturbedSet c = GaussianNoise.add(clean, 0.3, 6);
        assertArrayEquals(a.perturbed().pixels(0, 20), b.perturbed().pixels(0, 20));
        assertTrue(!java.util.Arrays.equals(a.perturbed().pixels(0, 20), c.perturbed().pixels(0, 20)));
        for (float p : a.perturbed().pixels(0, 20)) {
            assertTrue(p >= 0f && p <= 1f);
        }
        assertEquals(0.3, a.nominal());
        assertTrue(a.meanDistortion() > 0.15 && a.meanDistortion() < 0.3, "after clipping: " + a.meanDistortion());
        assertEquals("Gaussian noise, stddev=0.3", a.name());
    }

    @Test
    void zeroNoiseLeavesTheImagesAndNegativeNoiseIsRejected() {
        ImageSet clean = Models.test(3);
        assertArrayEquals(clean.pixels(0, 3), GaussianNoise.add(clean, 0, 1).perturbed().pixels(0, 3));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> GaussianNoise.add(clean, -1, 0));
        assertEquals("a noise stddev is a finite number at least 0; got -1.0", e.getMessage());
    }
}
