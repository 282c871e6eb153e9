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
    void unclippedNoiseIsTheSameDrawWithoutTheBox() {
        ImageSet clean = Models.test(300);
        assertEquals(Models.mlp().errorRate(clean), GaussianNoise.unclippedErrorRate(Models.mlp(), clean, 0, 3));
        double unclipped = GaussianNoise.unclippedErrorRate(Models.mlp(), clean, 0.4, 3);
        assertEquals(unclipped, GaussianNoise.unclippedErrorRate(Models.mlp(), clean, 0.4, 3), "seeded");
        double clipped = Models.mlp().errorRate(GaussianNoise.add(clean, 0.4, 3).perturbed());
        assertTrue(unclipped != clipped, "clipping changes what the model sees: " + unclipped + " vs " + clipped);
        // an independent recomputation of one image's noisy pixels, unclipped
        java.util.Random rnd = new java.util.Random(3);
        float[] x = clean.image(0);
        float[] noisy = new float[x.length];
        for (int j = 0; j < x.length; j++) {
            noisy[j] = (float) (x[j] + 0.4 * rnd.nextGaussian());
        }
        try (ai.djl.ndarray.NDManager m = ai.djl.ndarray.NDManager.newBaseManager()) {
            int pred = (int) Models.mlp().logits(m.create(noisy, new ai.djl.ndarray.types.Shape(1, 784))).argMax(1)
                    .toType(ai.djl.ndarray.types.DataType.INT32, false).toIntArray()[0];
            double one = GaussianNoise.unclippedErrorRate(Models.mlp(), clean.slice(0, 1), 0.4, 3);
            assertEquals(pred != clean.label(0) ? 1.0 : 0.0, one);
        }
    }

    @Test
    void zeroNoiseLeavesTheImagesAndNegativeNoiseIsRejected() {
        ImageSet clean = Models.test(3);
        assertArrayEquals(clean.pixels(0, 3), GaussianNoise.add(clean, 0, 1).perturbed().pixels(0, 3));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> GaussianNoise.add(clean, -1, 0));
        assertEquals("a noise stddev is a finite number at least 0; got -1.0", e.getMessage());
    }
}
