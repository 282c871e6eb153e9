package dev.intriguing.adversarial;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDManager;
import dev.intriguing.datasets.api.ImageSet;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class CrossEntropyPassTests {
    @Test
    void eachRowGetsTheCrossEntropyGradientTowardsItsTargetAndItsPredictedClass() {
        SmallMlp model = SmallMlp.trained();
        ImageSet five = SmallMlp.mnistTest().slice(0, 5);
        float[] expected = InputGradients.crossEntropy(model, five);
        int[] predicted = model.predict(five);
        try (NDManager manager = NDManager.newBaseManager(); CrossEntropyPass pass = new CrossEntropyPass(model, 8)) {
            for (int j = 0; j < 5; j++) {
                pass.putRow(j, five.image(j), 0, five.label(j));
            }
            pass.run(manager, 5);
            for (int p = 0; p < 5 * 784; p++) {
                assertEquals(expected[p], pass.gradients[p], 1e-6 + 1e-4 * Math.abs(expected[p]));
            }
            assertArrayEquals(predicted, Arrays.copyOf(pass.pred, 5));
            for (int j = 0; j < 5; j++) {
                double max = Double.NEGATIVE_INFINITY;
                for (int i = 0; i < 10; i++) {
                    max = Math.max(max, pass.logits[j * 10 + i]);
                }
                double sum = 0;
                for (int i = 0; i < 10; i++) {
                    sum += Math.exp(pass.logits[j * 10 + i] - max);
                }
                assertEquals(max + Math.log(sum) - pass.logits[j * 10 + five.label(j)], pass.ce[j], 1e-9);
            }
        }
    }

    @Test
    void aRoundWithFewerRowsGivesTheSameRowsAsAFullOne() {
        SmallMlp model = SmallMlp.trained();
        ImageSet six = SmallMlp.mnistTest().slice(10, 16);
        try (NDManager manager = NDManager.newBaseManager(); CrossEntropyPass pass = new CrossEntropyPass(model, 6)) {
            for (int j = 0; j < 6; j++) {
                pass.putRow(j, six.image(j), 0, (six.label(j) + 1) % 10);
            }
            pass.run(manager, 6);
            float[] full = Arrays.copyOf(pass.gradients, 2 * 784);
            double[] ceFull = Arrays.copyOf(pass.ce, 2);
            pass.run(manager, 2);
            for (int p = 0; p < full.length; p++) {
                assertEquals(full[p], pass.gradients[p], 1e-6 + 1e-4 * Math.abs(full[p]));
            }
            assertArrayEquals(ceFull, Arrays.copyOf(pass.ce, 2), 1e-5);
        }
    }
}
