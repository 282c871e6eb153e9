package dev.intriguing.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonParser;
import dev.intriguing.core.Progress;
import dev.intriguing.datasets.api.DatasetException;
import dev.intriguing.datasets.api.Datasets;
import dev.intriguing.datasets.api.Split;
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
        ModelCache cache = new ModelCache(root, Datasets.standard());
        AtomicInteger updates = new AtomicInteger();
        Progress counting = (m, f) -> updates.incrementAndGet();
        float[] first;
        try (TrainedModel a = cache.trained(spec, o, counting)) {
            first = a.weight(0).toFloatArray();
            assertTrue(updates.get() > 0, "the first call trains");
            assertEquals(60000, a.manifest().trainExamples());
        }
        Path entry = cache.directory(spec, o);
        assertEquals(root, entry.getParent());
        assertTrue(Files.exists(entry.resolve(ModelStore.MANIFEST)));
        assertEquals("train", JsonParser.parseString(Files.readString(entry.resolve(ModelStore.MANIFEST)))
                .getAsJsonObject().getAsJsonObject("options").get("split").getAsString(),
                "the manifest keeps the split as the string it always held");
        updates.set(0);
        try (TrainedModel b = cache.trained(spec, o, counting)) {
            assertEquals(0, updates.get(), "the second call loads");
            assertArrayEquals(first, b.weight(0).toFloatArray());
            assertEquals("fc10@1e-2", b.name());
        }
        Files.write(entry.resolve(ModelStore.PARAMS), new byte[] {1, 2, 3});
        try (TrainedModel c = cache.trained(spec, o, counting)) {
            assertTrue(updates.get() > 0, "a damaged entry is retrained");
            assertArrayEquals(first, c.weight(0).toFloatArray(), "and training is deterministic");
        }
        try (TrainedModel d = ModelStore.load(entry)) {
            assertArrayEquals(first, d.weight(0).toFloatArray(), "the damaged entry was replaced");
        }
    }

    @Test
    void cacheKeysOfModelsAlreadyOnDiskStayTheSame(@TempDir Path root) {
        ModelCache cache = new ModelCache(root, Datasets.standard());
        ModelSpec fc100 = ModelSpec.fc100x100x10();
        assertEquals("fc100-100-10-mnist-p1-bb1edfeb48",
                cache.directory(fc100, TrainOptions.defaults(fc100).withSplit(Split.P1)).getFileName().toString());
        ModelSpec fc10 = ModelSpec.fc10(1e-2);
        assertEquals("fc10_1e-2-mnist-train-4686eb0176",
                cache.directory(fc10, TrainOptions.defaults(fc10)).getFileName().toString());
        assertEquals(Datasets.defaultCacheRoot().resolve("models"), new ModelCache(Datasets.standard()).root());
    }

    @Test
    void trainsOnTheDataSetsItWasGivenNotTheStandardOnes(@TempDir Path root) {
        Datasets empty = new Datasets(root.resolve("data"), root.resolve("no-fashion-mnist-here"));
        ModelSpec spec = ModelSpec.fc10(1e-2);
        ModelCache cache = new ModelCache(root.resolve("models"), empty);
        DatasetException e = assertThrows(DatasetException.class,
                () -> cache.trained(spec, TrainOptions.defaults(spec).withData("fashion-mnist").withEpochs(1)));
        assertTrue(e.getMessage().contains(root.resolve("no-fashion-mnist-here").toString()), e.getMessage());
    }
}
