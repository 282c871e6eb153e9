package dev.intriguing.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelStoreTests {
    private static TrainedModel a;
    private static TrainedModel b;

    @BeforeAll
    static void train() {
        a = Fixtures.quick("fc30-10", 1);
        b = Fixtures.quick("fc30-10", 2);
    }

    @AfterAll
    static void close() {
        a.close();
        b.close();
    }

    @Test
    void aLoadedModelGivesIdenticalPredictionsAndManifest(@TempDir Path tmp) {
        Path dir = tmp.resolve("a");
        ModelStore.save(a, dir);
        try (TrainedModel loaded = ModelStore.load(dir)) {
            assertArrayEquals(a.predict(Fixtures.smallTest()), loaded.predict(Fixtures.smallTest()));
            assertEquals(Npz.arrays(a).keySet(), Npz.arrays(loaded).keySet());
            Npz.arrays(a).forEach((k, v) -> assertArrayEquals(v.data(), Npz.arrays(loaded).get(k).data(), k));
            assertEquals(a.spec(), loaded.spec());
            assertEquals(a.manifest().options(), loaded.manifest().options());
            assertEquals(a.manifest().testError(), loaded.manifest().testError());
            assertEquals(a.manifest().dataSha256(), loaded.manifest().dataSha256());
            assertEquals("a", loaded.name());
        }
    }

    @Test
    void aSaveThatFailsBeforeCommittingLeavesThePreviousCopyIntact(@TempDir Path tmp) throws IOException {
        Path dir = tmp.resolve("m");
        ModelStore.save(a, dir);
        RuntimeException crash = new RuntimeException("simulated crash");
        assertThrows(RuntimeException.class, () -> ModelStore.save(b, dir, () -> {
            throw crash;
        }));
        try (TrainedModel loaded = ModelStore.load(dir)) {
            assertArrayEquals(a.predict(Fixtures.smallTest()), loaded.predict(Fixtures.smallTest()));
        }
        assertEquals(List.of("m"), listNames(tmp), "no temporary directory is left behind");
        ModelStore.save(b, dir);
        try (TrainedModel loaded = ModelStore.load(dir)) {
            assertArrayEquals(b.predict(Fixtures.smallTest()), loaded.predict(Fixtures.smallTest()));
        }
        assertEquals(List.of("m"), listNames(tmp));
    }

    @Test
    void aTruncatedParameterFileGivesAClearErrorAndChangesNothing(@TempDir Path tmp) throws IOException {
        Path dir = tmp.resolve("m");
        ModelStore.save(a, dir);
        Path params = dir.resolve(ModelStore.PARAMS);
        byte[] full = Files.readAllBytes(params);
        Files.write(params, java.util.Arrays.copyOf(full, full.length / 2));
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> ModelStore.load(dir));
        assertTrue(e.getMessage().contains("truncated or corrupt") && e.getMessage().contains(dir.toString()) && e.getMessage().contains("params.djl"), e.getMessage());
        assertEquals(full.length / 2, Files.size(params), "loading never writes");
        assertEquals(List.of("m"), listNames(tmp));
    }

    @Test
    void aCorruptOrMissingManifestGivesAClearError(@TempDir Path tmp) throws IOException {
        Path dir = tmp.resolve("m");
        ModelStore.save(a, dir);
        Files.writeString(dir.resolve(ModelStore.MANIFEST), "{\"format\": 1, \"spec\": ");
        assertTrue(assertThrows(ModelFormatException.class, () -> ModelStore.load(dir)).getMessage().contains("truncated or corrupt"));
        Files.delete(dir.resolve(ModelStore.MANIFEST));
        assertTrue(assertThrows(ModelFormatException.class, () -> ModelStore.load(dir)).getMessage().contains("is missing"));
        assertTrue(assertThrows(ModelFormatException.class, () -> ModelStore.load(tmp.resolve("nope"))).getMessage()
                .contains("does not exist"));
    }

    @Test
    void refusesToReplaceADirectoryThatIsNotASavedModel(@TempDir Path tmp) throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("notes"));
        Files.writeString(dir.resolve("thesis.txt"), "precious");
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> ModelStore.save(a, dir));
        assertTrue(e.getMessage().contains("not a saved model"), e.getMessage());
        assertEquals("precious", Files.readString(dir.resolve("thesis.txt")));
        assertFalse(Files.exists(dir.resolve(ModelStore.MANIFEST)));
    }

    private static List<String> listNames(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
