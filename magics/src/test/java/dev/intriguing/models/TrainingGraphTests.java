package dev.intriguing.models;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.mxnet.engine.MxNDManager;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TrainingGraphTests {

    @ParameterizedTest
    @ValueSource(strings = {"fc30-20-10", "fc10@1e-2", "conv"})
    void theCachedGraphComputesTheObjectiveAndCorrectCountOfTheEagerOperators(String spec) {
        try (TrainedModel m = Fixtures.quick(spec, 3); NDManager mm = m.manager().newSubManager()) {
            NDArray x = Fixtures.smallTest().toFlat(mm, 0, 50);
            float[] labels = new float[50];
            for (int i = 0; i < 50; i++) {
                labels[i] = Fixtures.smallTest().label(i);
            }
            NDArray y = mm.create(labels);
            NDArray logits = m.logits(x);
            double eager = ModelTrainer.crossEntropy(logits, y).add(Regularization.penalty(m.layerBlocks(), m.spec().decays()))
                    .getFloat();
            long eagerCorrect = logits.argMax(1).toType(DataType.FLOAT32, false).eq(y).sum().getLong();
            List<String> names = new ArrayList<>();
            m.block().getParameters().values().forEach(p -> names.add(p.getArray().getName()));

            TrainingGraph graph = TrainingGraph.of(m.spec(), m.layerBlocks(), (MxNDManager) m.manager());
            x.setName("data");
            y.setName("label");
            NDList out = graph.block().forward(new ParameterStore(mm, false), new NDList(x, y), false);
            graph.unbind();

            assertEquals(eager, out.get(0).toFloatArray()[0], 1e-5 * Math.max(1, Math.abs(eager)), "objective");
            assertEquals(eagerCorrect, (long) out.get(1).toFloatArray()[0], "correct predictions");
            List<String> after = new ArrayList<>();
            m.block().getParameters().values().forEach(p -> after.add(p.getArray().getName()));
            assertEquals(names, after, "the shared arrays get their names back");
        }
    }
}
