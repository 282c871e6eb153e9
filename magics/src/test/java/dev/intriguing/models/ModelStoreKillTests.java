package dev.intriguing.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real child JVM killed with SIGKILL at random moments while it saves a real model with {@link ModelStore#save} and
 * exports it with {@link Npz#export}: the directory always loads (its checksum holds) as one of the two whole models,
 * never a mix, the {@code .npz} reads as one of them, and what the kill leaves besides is hidden; a damaged copy is
 * refused with a clear error, never loaded.
 */
class ModelStoreKillTests {
    @Test
    @Tag("slow") // child JVMs that each start the MXNet engine
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void killingASaveAtRandomMomentsLeavesOneWholeModelUnderTheName(@TempDir Path tmp) throws Exception {
        // big enough (200k parameters, 0.8 MB) that a save takes some milliseconds to kill inside
        float[][] weights = new float[2][];
        for (int i = 0; i < 2; i++) {
            try (TrainedModel m = Fixtures.quick("fc200-200-10", i + 1)) {
                ModelStore.save(m, tmp.resolve("src" + i));
                weights[i] = m.weight(1).toFloatArray();
            }
        }
        Path dir = tmp.resolve("out").resolve("a");
        Path npz = tmp.resolve("out").resolve("a.npz");
        Random random = new Random(17);
        for (int round = 0; round < 5; round++) {
            KilledChild.runAndKill(List.of("-Dai.djl.offline=true"), ModelSaverChild.class, List.of(tmp.resolve("src0").toString(),
                    tmp.resolve("src1").toString(), dir.toString(), npz.toString()), 60, random);
            try (TrainedModel loaded = ModelStore.load(dir)) {
                float[] w = loaded.weight(1).toFloatArray();
                assertTrue(Arrays.equals(w, weights[0]) || Arrays.equals(w, weights[1]),
                        "round " + round + ": the saved model is one of the two, whole");
            }
            float[] exported = Npz.read(npz).values().stream().skip(2).findFirst().orElseThrow().data();
            assertTrue(Arrays.equals(exported, weights[0]) || Arrays.equals(exported, weights[1]),
                    "round " + round + ": the exported file is one of the two, whole");
            try (Stream<Path> s = Files.list(dir.getParent())) {
                for (Path p : s.toList()) {
                    String name = p.getFileName().toString();
                    assertTrue(name.equals("a") || name.equals("a.npz") || name.startsWith(".a.") || name.startsWith(".a.npz."),
                            "only hidden leftovers: " + name);
                }
            }
        }
    }

    @Test
    void aCopyWithOneFlippedByteIsRefusedWithAClearError(@TempDir Path tmp) throws Exception {
        try (TrainedModel m = Fixtures.quick("fc30-10", 3)) {
            ModelStore.save(m, tmp.resolve("a"));
        }
        Path params = tmp.resolve("a").resolve(ModelStore.PARAMS);
        byte[] b = Files.readAllBytes(params);
        b[b.length / 2] ^= 1;
        Files.write(params, b);
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> ModelStore.load(tmp.resolve("a")));
        assertTrue(e.getMessage().contains("truncated or corrupt") && e.getMessage().contains(tmp.resolve("a").toString())
                && e.getMessage().contains(ModelStore.PARAMS), e.getMessage());
        assertTrue(e.getMessage().contains("SHA-256"), e.getMessage());
    }

    @Test
    void aSaveKilledBetweenItsTwoRenamesStillLoadsThePreviousCopy(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("a");
        float[] first;
        try (TrainedModel m = Fixtures.quick("fc30-10", 4)) {
            ModelStore.save(m, dir);
            first = m.weight(0).toFloatArray();
        }
        // the state a kill leaves after "move the old copy aside" and before "move the new one in"
        Files.move(dir, tmp.resolve(".a.old-0123456789ab"));
        try (TrainedModel loaded = ModelStore.load(dir)) {
            assertArrayEquals(first, loaded.weight(0).toFloatArray());
            assertEquals("a", loaded.name());
            ModelStore.save(loaded, dir);
        }
        try (Stream<Path> s = Files.list(tmp)) {
            assertEquals(List.of("a"), s.map(p -> p.getFileName().toString()).toList(), "the stale copy is gone after the next save");
        }
    }
}
