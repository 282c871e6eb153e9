package dev.intriguing.datasets.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.api.Test;

class EngineOfflineTests {

    @Test
    void mxnetEngineStartsOfflineAndComputesAnAnalyticGradient() {
        assertEquals("true", System.getProperty("ai.djl.offline"), "tests must run with DJL offline");
        Engine engine = Engine.getEngine("MXNet");
        assertEquals("MXNet", engine.getEngineName());
        try (NDManager manager = engine.newBaseManager()) {
            NDArray x = manager.create(new float[] {0.5f, -1f, 2f});
            x.setRequiresGradient(true);
            try (GradientCollector gc = engine.newGradientCollector()) {
                // f(x) = sum(x^3 + 2x), so df/dx = 3x^2 + 2
                NDArray y = x.pow(3).add(x.mul(2)).sum();
                gc.backward(y);
            }
            float[] grad = x.getGradient().toFloatArray();
            float[] expected = {3 * 0.25f + 2, 3 * 1f + 2, 3 * 4f + 2};
            for (int i = 0; i < grad.length; i++) {
                assertEquals(expected[i], grad[i], 1e-5, "gradient component " + i);
            }
            assertTrue(engine.getVersion().startsWith("1.9"), "MXNet native 1.9.x, got " + engine.getVersion());
        }
    }
}
