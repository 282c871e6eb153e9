package dev.intriguing.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import dev.intriguing.datasets.api.Datasets;
import dev.intriguing.models.Classifier;
import dev.intriguing.models.TrainedModel;
import org.junit.jupiter.api.Test;

class SessionTests {
    /** A classifier that is not a trained model of the family, as a code cell might bind one. */
    private static final class Stub implements Classifier {
        @Override
        public String name() {
            return "stub";
        }

        @Override
        public int inputSize() {
            return 784;
        }

        @Override
        public int numClasses() {
            return 10;
        }

        @Override
        public NDArray logits(NDArray x) {
            throw new UnsupportedOperationException();
        }

        @Override
        public long forwardFlopsPerExample() {
            return 0;
        }
    }

    @Test
    void modelsAreLookedUpByNameAndAnUnknownNameListsTheKnownModels() {
        try (Session s = new Session(Datasets.standard())) {
            Stub m = new Stub();
            s.put("m", m);
            s.put("text", "not a model");
            assertSame(m, s.model("m"));
            assertEquals("mnist", s.model("m").dataSet(), "a classifier without a manifest is an MNIST model");
            Session.UnknownNameException e = assertThrows(Session.UnknownNameException.class, () -> s.model("b"));
            assertEquals("No model named 'b' in this session (nothing is bound to 'b'). Known models: m.", e.getMessage());
            e = assertThrows(Session.UnknownNameException.class, () -> s.model("text"));
            assertEquals("No model named 'text' in this session ('text' is a String). Known models: m.", e.getMessage());
            e = assertThrows(Session.UnknownNameException.class, () -> s.model("m", TrainedModel.class));
            assertEquals("No model named 'm' in this session ('m' is a Stub). Known models: none yet.", e.getMessage());
        }
    }
}
