package dev.intriguing.adversarial;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.intriguing.datasets.api.ImageSet;
import org.junit.jupiter.api.Test;

class InputGradientsTests {
    @Test
    void gradientMatchesAFiniteDifferenceOfTheLoss() {
        SmallMlp model = SmallMlp.trained();
        ImageSet one = SmallMlp.mnistTest().slice(3, 4);
        float[] g = InputGradients.crossEntropy(model, one);
        int best = 0;
        for (int i = 1; i < g.length; i++) {
            best = Math.abs(g[i]) > Math.abs(g[best]) ? i : best;
        }
        float[] x = one.image(0);
        double h = 1e-2;
        float[] up = x.clone();
        float[] down = x.clone();
        up[best] += (float) h;
        down[best] -= (float) h;
        double slope = (loss(model, up, one.label(0)) - loss(model, down, one.label(0))) / (2 * h);
        assertEquals(g[best], slope, 0.05 * Math.abs(g[best]) + 1e-4);
    }

    @Test
    void eachImagesRowIsItsOwnGradientWhateverTheBatch() {
        SmallMlp model = SmallMlp.trained();
        ImageSet ten = SmallMlp.mnistTest().slice(0, 10);
        float[] all = InputGradients.crossEntropy(model, ten);
        float[] seventh = InputGradients.crossEntropy(model, ten.slice(7, 8));
        for (int p = 0; p < seventh.length; p++) {
            assertEquals(seventh[p], all[7 * 784 + p], 1e-5 + 1e-4 * Math.abs(seventh[p]));
        }
    }

    @Test
    void oneFgsmStepRaisesTheErrorAndStaysInTheBoxAndTheBudget() {
        SmallMlp model = SmallMlp.trained();
        ImageSet clean = SmallMlp.mnistTest().slice(0, 100);
        ImageSet stepped = InputGradients.fgsmStep(model, clean, 0.1);
        assertTrue(model.errorRate(stepped) > model.errorRate(clean) + 0.3,
                model.errorRate(clean) + " -> " + model.errorRate(stepped));
        float[] a = clean.pixels(0, 100);
        float[] b = stepped.pixels(0, 100);
        for (int i = 0; i < a.length; i++) {
            assertTrue(b[i] >= 0 && b[i] <= 1 && Math.abs(b[i] - a[i]) <= 0.1f + 1e-6f, "pixel " + i);
        }
        assertTrue(java.util.Arrays.equals(clean.labels(), stepped.labels()));
    }

    private static double loss(SmallMlp model, float[] x, int label) {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray logits = model.logits(m.create(x).reshape(1, x.length));
            return -logits.logSoftmax(1).toFloatArray()[label];
        }
    }
}
