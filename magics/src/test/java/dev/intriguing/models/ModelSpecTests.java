package dev.intriguing.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ModelSpecTests {

    @Test
    void fullyConnectedSpecsGetThePapersPerLayerDecay() {
        ModelSpec s = ModelSpec.parse("fc100-100-10");
        assertEquals(ModelSpec.Kind.FC, s.kind());
        assertArrayEquals(new int[] {100, 100, 10}, s.units());
        assertArrayEquals(new double[] {1e-5, 1e-5, 1e-6}, s.decays());
        assertEquals(List.of("fc1", "fc2", "fc3"), s.layerNames());
        assertEquals("fc100-100-10", s.toString());
    }

    @Test
    void fc10TakesItsWeightDecayAfterAnAt() {
        assertArrayEquals(new double[] {1e-2}, ModelSpec.parse("fc10@1e-2").decays());
        assertArrayEquals(new double[] {1.0}, ModelSpec.parse("FC10@1").decays());
        assertEquals(ModelSpec.parse("fc10@1e-4"), ModelSpec.parse("fc10"));
        assertEquals(ModelSpec.parse("fc10@0.01"), ModelSpec.fc10(1e-2));
    }

    @Test
    void anyFullyConnectedDepthParses() {
        ModelSpec s = ModelSpec.parse("fc123-456-78-10");
        assertEquals(4, s.numLayers());
        assertEquals(10, s.numClasses());
        assertArrayEquals(new double[] {1e-5, 1e-5, 1e-5, 1e-6}, s.decays());
    }

    @Test
    void autoencoderAndConvHaveNamedLayers() {
        assertEquals(List.of("enc", "fc1"), ModelSpec.parse("ae400-10").layerNames());
        assertArrayEquals(new double[] {1e-5, 1e-6}, ModelSpec.parse("ae400-10").decays());
        assertEquals(List.of("conv1", "conv2", "fc1", "fc2"), ModelSpec.parse("conv").layerNames());
    }

    @Test
    void everyKnownSpecReadsBackFromItsCanonicalString() {
        for (String k : ModelSpec.KNOWN) {
            ModelSpec s = ModelSpec.parse(k);
            assertEquals(s, ModelSpec.parse(s.toString()), k);
        }
        ModelSpec custom = ModelSpec.parse("ae400-10").withDecay(0.5);
        assertEquals(custom, ModelSpec.parse(custom.toString()));
    }

    @Test
    void withDecayPutsLambdaOnEveryFullyConnectedLayer() {
        ModelSpec s = ModelSpec.parse("fc100-100-10").withDecay(1e-3);
        assertArrayEquals(new double[] {1e-3, 1e-3, 1e-3}, s.decays());
        assertEquals("fc100-100-10@1e-3", s.toString());
    }

    @Test
    void aSpecOneHiddenLayerShortOfAPaperNetPointsToIt() {
        assertEquals("fc100-100-10", ModelSpec.parse("fc100").paperSpecExtending(10).orElseThrow().toString());
        assertEquals("fc100-100-10", ModelSpec.parse("fc100-100").paperSpecExtending(10).orElseThrow().toString());
        assertEquals("fc200-200-10", ModelSpec.parse("fc200").paperSpecExtending(10).orElseThrow().toString());
        assertEquals("fc123-456-10", ModelSpec.parse("fc123").paperSpecExtending(10).orElseThrow().toString());
        assertTrue(ModelSpec.parse("fc100-5").paperSpecExtending(10).isEmpty());
        assertTrue(ModelSpec.parse("fc456").paperSpecExtending(10).isEmpty());
        assertTrue(ModelSpec.parse("fc100").paperSpecExtending(7).isEmpty(), "no paper net has 7 outputs");
        assertTrue(ModelSpec.parse("ae400-10").paperSpecExtending(10).isEmpty());
    }

    @Test
    void unknownSpecListsTheKnownOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ModelSpec.parse("resnet50"));
        assertTrue(e.getMessage().contains("'resnet50'"), e.getMessage());
        for (String k : ModelSpec.KNOWN) {
            assertTrue(e.getMessage().contains(k), e.getMessage());
        }
    }

    @Test
    void badSizesAndDecaysAreRejectedWithTheReason() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ModelSpec.parse("fc0-10")).getMessage().contains("layer sizes"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ModelSpec.parse("fc10@-1")).getMessage().contains("weight decay"));
        assertThrows(IllegalArgumentException.class, () -> ModelSpec.parse("fc10@abc"));
        assertThrows(IllegalArgumentException.class, () -> ModelSpec.parse(""));
    }
}
