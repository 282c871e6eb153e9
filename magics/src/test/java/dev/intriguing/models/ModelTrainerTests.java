package dev.intriguing.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import dev.intriguing.core.Progress;
import dev.intriguing.datasets.api.Split;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ModelTrainerTests {

    @Test
    void sameSpecDataAndSeedGiveIdenticalWeightsAndErrors() {
        try (TrainedModel a = Fixtures.quick("fc30-20-10", 5); TrainedModel b = Fixtures.quick("fc30-20-10", 5);
             TrainedModel c = Fixtures.quick("fc30-20-10", 6)) {
            Map<String, Npz.Array> wa = Npz.arrays(a);
            Map<String, Npz.Array> wb = Npz.arrays(b);
            assertEquals(wa.keySet(), wb.keySet());
            wa.forEach((k, v) -> assertArrayEquals(v.data(), wb.get(k).data(), k));
            assertEquals(a.manifest().trainError(), b.manifest().trainError());
            assertEquals(a.manifest().testError(), b.manifest().testError());
            assertEquals(withoutTimes(a), withoutTimes(b));
            assertFalse(java.util.Arrays.equals(wa.get("fc1.weight").data(), Npz.arrays(c).get("fc1.weight").data()),
                    "another seed gives other weights");
        }
    }

    private static List<String> withoutTimes(TrainedModel m) {
        return m.manifest().history().stream().map(e -> e.phase() + e.epoch() + " " + e.loss() + " " + e.trainAccuracy()).toList();
    }

    @Test
    void trainingLearnsSomethingAndRecordsItsSettings() {
        try (TrainedModel m = Fixtures.quick("fc10@1e-4", 1)) {
            assertTrue(m.manifest().testError() < 0.3, "softmax regression on 1500 images: " + m.manifest().testError());
            assertEquals("fc10@1e-4", m.manifest().spec());
            assertEquals(1500, m.manifest().trainExamples());
            assertEquals(2, m.manifest().epochsCompleted());
            assertEquals(64, m.manifest().dataSha256().length());
            assertEquals(7850, m.parameterCount());
            assertEquals("mnist", m.dataSet());
        }
    }

    @Test
    void everyLayerIsAddressableByIndexAndNameAndTheLastGivesLogits() {
        try (TrainedModel m = Fixtures.quick("conv", 1); NDManager mm = m.manager().newSubManager()) {
            NDArray x = Fixtures.smallTest().toFlat(mm, 0, 3);
            assertEquals(List.of("conv1", "conv2", "fc1", "fc2"), m.layers().stream().map(LayerInfo::name).toList());
            assertArrayEquals(new long[] {3, 16, 12, 12}, m.activations(x, "conv1").getShape().getShape());
            assertArrayEquals(new long[] {3, 32, 4, 4}, m.activations(x, 1).getShape().getShape());
            assertArrayEquals(new long[] {3, 100}, m.activations(x, "fc1").getShape().getShape());
            assertArrayEquals(m.logits(x).toFloatArray(), m.activations(x, 3).toFloatArray());
            assertArrayEquals(new long[] {32, 16, 5, 5}, m.layer("conv2").weightShape());
            LayerInfo conv2 = m.layer("conv2");
            assertEquals(LayerInfo.Kind.CONV, conv2.kind());
            assertEquals(LayerInfo.Activation.RELU, conv2.activation());
            assertEquals(new LayerInfo.ConvGeometry(5, 1, 0, 2), conv2.geometry());
            assertArrayEquals(new long[] {16, 12, 12}, conv2.inputShape());
            assertEquals(8, conv2.geometry().convolvedSide(12), "5x5 valid convolution of 12x12, then pooled to 4x4");
            assertArrayEquals(new long[] {1, 28, 28}, m.layer(0).inputShape());
            assertEquals(LayerInfo.Kind.DENSE, m.layer("fc1").kind());
            assertEquals(null, m.layer("fc1").geometry());
            assertEquals(LayerInfo.Activation.NONE, m.layer("fc2").activation());
            assertEquals("1:conv2 conv W[32, 16, 5, 5] -> [32, 4, 4] relu+maxpool2", conv2.toString(),
                    "the layer's text is what it always was");
            assertEquals(List.of("relu+maxpool2", "relu+maxpool2", "relu", "none"),
                    m.layersTable().stringColumn("activation").asList());
            assertEquals(List.of("conv", "conv", "dense", "dense"), m.layersTable().stringColumn("kind").asList());
            // conv1: 24*24 positions x 16 filters x 25; conv2: 8*8 x 32 x 16*25; fc1: 512x100; fc2: 100x10 (2 flops each)
            assertEquals(2L * (24 * 24 * 16 * 25 + 8 * 8 * 32 * 16 * 25 + 512 * 100 + 100 * 10), m.forwardFlopsPerExample());
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> m.layer("fc9"));
            assertTrue(e.getMessage().contains("conv1, conv2, fc1, fc2"), e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> m.layer(4));
        }
    }

    @Test
    void logitsAreDifferentiableWithRespectToTheInput() {
        try (TrainedModel m = Fixtures.quick("fc20-10", 1); NDManager mm = m.manager().newSubManager()) {
            NDArray x = Fixtures.smallTest().toFlat(mm, 0, 2);
            float[] before = m.weight(0).toFloatArray();
            x.setRequiresGradient(true);
            try (GradientCollector gc = Engine.getEngine("MXNet").newGradientCollector()) {
                gc.backward(m.logits(x).get(":, 3").sum());
            }
            float[] g = x.getGradient().toFloatArray();
            // the gradient of logit 3 for a one-hidden-layer sigmoid net, computed by hand
            float[] w1 = m.weight(0).toFloatArray();
            float[] b1 = m.bias(0).toFloatArray();
            float[] w2 = m.weight(1).toFloatArray();
            float[] px = Fixtures.smallTest().image(0);
            for (int i = 0; i < 784; i += 97) {
                double expected = 0;
                for (int h = 0; h < 20; h++) {
                    double z = b1[h];
                    for (int j = 0; j < 784; j++) {
                        z += w1[h * 784 + j] * px[j];
                    }
                    double s = 1 / (1 + Math.exp(-z));
                    expected += w2[3 * 20 + h] * s * (1 - s) * w1[h * 784 + i];
                }
                assertEquals(expected, g[i], 1e-4, "d logit3 / d x" + i);
            }
            assertArrayEquals(before, m.weight(0).toFloatArray(), "a forward pass leaves the weights alone");
        }
    }

    @Test
    void interruptKeepsTheLastCompletedEpoch() {
        ModelSpec s = ModelSpec.parse("fc20-10");
        List<String> seen = new ArrayList<>();
        Progress interruptInEpoch2 = (msg, f) -> {
            seen.add(msg);
            if (msg.contains("epoch 2/3")) {
                Thread.currentThread().interrupt();
            }
        };
        try (TrainedModel m = ModelTrainer.train(s, TrainOptions.defaults(s).withEpochs(3), Fixtures.smallTrain(),
                Fixtures.smallTest(), interruptInEpoch2);
             TrainedModel full = ModelTrainer.train(s, TrainOptions.defaults(s).withEpochs(3), Fixtures.smallTrain(),
                Fixtures.smallTest(), Progress.NONE)) {
            assertTrue(m.manifest().interrupted());
            assertEquals(1, m.manifest().epochsCompleted());
            assertEquals(1, m.manifest().history().size());
            assertFalse(Thread.currentThread().isInterrupted(), "the interrupt was consumed by stopping");
            assertTrue(seen.get(seen.size() - 1).contains("kept the model of epoch 1/3"), seen.toString());
            assertEquals(withoutTimes(full).get(0), withoutTimes(m).get(0), "the same first epoch as an uninterrupted run");
            assertEquals(m.evaluate(Fixtures.smallTest()).error(), m.manifest().testError(), "the kept model is the one measured");
            assertTrue(m.manifest().testError() > full.manifest().testError(), "one epoch is worse than three");
        }
    }

    @Test
    void splitsSelectThePapersHalvesOrTheWholeTrainingSet() {
        TrainOptions o = TrainOptions.defaults(ModelSpec.parse("fc100-100-10"));
        var data = dev.intriguing.datasets.api.Datasets.standard();
        var p1 = ModelTrainer.trainingSet(o.withSplit(Split.P1), data);
        var p2 = ModelTrainer.trainingSet(o.withSplit(Split.P2), data);
        assertEquals(30000, p1.size());
        assertEquals(30000, p2.size());
        assertEquals("mnist-train-p1", p1.name());
        assertEquals(60000, ModelTrainer.trainingSet(o, data).size());
        assertFalse(ModelTrainer.fingerprint(p1).equals(ModelTrainer.fingerprint(p2)), "the halves hold different images");
        assertEquals(ModelTrainer.fingerprint(p1), ModelTrainer.fingerprint(ModelTrainer.trainingSet(
                o.withSplit(Split.P1).withSeed(7), data)), "the training seed does not change the half");
    }

    @Test
    void aModelKnowsTheDataSetItsManifestRecords() {
        ModelSpec s = ModelSpec.parse("fc10@1e-2");
        try (TrainedModel m = ModelTrainer.train(s, TrainOptions.defaults(s).withEpochs(1).withData("fashion-mnist"),
                Fixtures.smallTrain(), Fixtures.smallTest(), Progress.NONE)) {
            assertEquals("fashion-mnist", m.dataSet());
        }
    }

    @Test
    void interruptBeforeTheFirstEpochKeepsNoModel() {
        ModelSpec s = ModelSpec.parse("fc20-10");
        Thread.currentThread().interrupt();
        var e = assertThrows(ModelTrainer.TrainingInterruptedException.class, () -> ModelTrainer.train(s,
                TrainOptions.defaults(s), Fixtures.smallTrain(), Fixtures.smallTest(), Progress.NONE));
        assertTrue(e.getMessage().contains("before its first epoch"), e.getMessage());
        assertFalse(Thread.interrupted());
    }
}
