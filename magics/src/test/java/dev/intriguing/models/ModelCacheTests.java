package dev.intriguing.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.intriguing.core.Progress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelCacheTests {

    @Test
    void trainsOnceThenLoadsTheSavedCopyAndRetrainsADamagedOne(@TempDir Path root) throws Exception {
        ModelSpec spec = ModelSpec.parse("fc10@1e-2");
        TrainOptions o = TrainOptions.defaults(spec).withEpochs(1);
        AtomicInteger updates = new AtomicInteger();
        Progress counting = (m, f) -> updates.incrementAndGet();
        float[] first;
        try (TrainedModel a = ModelCache.trained(root, spec, o, counting)) {
            first = a.weight(0).toFloatArray();
            assertTrue(updates.get() > 0, "the first call trains");
            assertEquals(60000, a.manifest().trainExamples());
        }
        Path dir = ModelCache.directory(spec, o);
        Path entry = root.resolve(dir.getFileName());
        assertTrue(Files.exists(entry.resolve(ModelStore.MANIFEST)));
        updates.set(0);
        try (TrainedModel b = ModelCache.trained(root, spec, o, counting)) {
            assertEquals(0, updates.get(), "the second call loads");
            assertArrayEquals(first, b.weight(0).toFloatArray());
            assertEquals("fc10@1e-2", b.name());
        }
        Files.write(entry.resolve(ModelStore.PARAMS), new byte[] {1, 2, 3});
        try (TrainedModel c = ModelCache.trained(root, spec, o, counting)) {
            assertTrue(updates.get() > 0, "a damaged entry is retrained");
            assertArrayEquals(first, c.weight(0).toFloatArray(), "and training is deterministic");
        }
        try (TrainedModel d = ModelStore.load(entry)) {
            assertArrayEquals(first, d.weight(0).toFloatArray(), "the damaged entry was replaced");
        }
    }
}
