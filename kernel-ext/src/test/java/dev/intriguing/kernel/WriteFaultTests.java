package dev.intriguing.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.intriguing.datasets.api.DatasetException;
import dev.intriguing.datasets.api.Datasets;
import dev.intriguing.datasets.api.WriteFailedException;
import dev.intriguing.models.ModelCache;
import dev.intriguing.models.ModelSpec;
import dev.intriguing.models.TrainOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A full disk and a read-only directory under every writer a user reaches (model save and export, a result's
 * {@code toCsv}, the model cache, the data fetch, the kernelspec install): one paragraph naming the path, the previous
 * file intact, nothing half-written, and the session goes on. Tiny tmpfs mounts stand in for the faults, since root
 * ignores permissions.
 */
class WriteFaultTests {
    private static CellRunner cells;

    @BeforeAll
    static void start() throws Exception {
        cells = new CellRunner();
        cells.exec("%model train fc10@1e-2 --epochs 1 --as a");
    }

    @AfterAll
    static void stop() {
        cells.close();
    }

    /** One paragraph: no line break, no stack frame, and it names {@code path} and what went wrong. */
    private static void assertParagraph(String error, Path path, String why) {
        assertFalse(error.contains("\n"), "one paragraph:\n" + error);
        assertFalse(error.contains("Exception"), "no exception class names or traces:\n" + error);
        assertTrue(error.contains(path.toString()), "names " + path + ": " + error);
        assertTrue(error.contains(why), "says '" + why + "': " + error);
    }

    private static void assertSessionGoesOn() throws Exception {
        assertEquals(2, cells.exec("1 + 1"));
        assertTrue(cells.exec("a") instanceof dev.intriguing.models.TrainedModel, "the model a is still bound");
    }

    @Test
    void savingAModelOnAFullDiskIsOneParagraphAndKeepsThePreviousCopy(@TempDir Path tmp) throws Exception {
        try (TinyMount full = TinyMount.sized(tmp.resolve("full"), 64)) {
            Path dir = full.dir().resolve("a");
            cells.exec("%model save a " + dir);
            byte[] manifest = Files.readAllBytes(dir.resolve("manifest.json"));
            full.fill();
            String error = cells.execError("%model save a " + dir);
            assertParagraph(error, dir, "the disk is full");
            assertTrue(error.contains("unchanged"), error);
            assertEquals(List.of("a", "filler"), names(full.dir()), "no temporary copy is left");
            cells.exec("%model load " + dir + " --as reloaded");
            assertTrue(java.util.Arrays.equals(manifest, Files.readAllBytes(dir.resolve("manifest.json"))));
            assertSessionGoesOn();
        }
    }

    @Test
    void exportingAndSavingIntoAReadOnlyDirectoryNameThePath(@TempDir Path tmp) throws Exception {
        try (TinyMount ro = TinyMount.readOnly(tmp.resolve("ro"))) {
            Path npz = ro.dir().resolve("a.npz");
            assertParagraph(cells.execError("%model export a " + npz), npz, "read-only");
            Path dir = ro.dir().resolve("models").resolve("a");
            assertParagraph(cells.execError("%model save a " + dir), dir, "read-only");
            assertEquals(List.of(), names(ro.dir()));
            assertSessionGoesOn();
        }
    }

    @Test
    void aResultsCsvOnAFullDiskIsOneParagraphAndThePreviousFileStays(@TempDir Path tmp) throws Exception {
        cells.exec("%adversarial --model a --images 3 --as adv");
        try (TinyMount full = TinyMount.sized(tmp.resolve("full"), 64)) {
            Path csv = full.dir().resolve("adv.csv");
            cells.exec("adv.toCsv(java.nio.file.Path.of(\"" + csv + "\"))");
            String before = Files.readString(csv);
            full.fill();
            String error = cells.execError("adv.toCsv(java.nio.file.Path.of(\"" + csv + "\"))");
            assertParagraph(error, csv, "the disk is full");
            assertEquals(before, Files.readString(csv));
            assertEquals(List.of("adv.csv", "filler"), names(full.dir()));
            assertSessionGoesOn();
        }
    }

    @Test
    void aReadOnlyModelCacheFailsBeforeTrainingAndNamesTheCache(@TempDir Path tmp) throws Exception {
        try (TinyMount ro = TinyMount.readOnly(tmp.resolve("cache"))) {
            ModelCache cache = new ModelCache(ro.dir(), Datasets.standard());
            ModelSpec spec = ModelSpec.parse("fc10@1e-2");
            WriteFailedException e = assertThrows(WriteFailedException.class,
                    () -> cache.trained(spec, TrainOptions.defaults(spec).withEpochs(1), (m, f) -> {
                        throw new AssertionError("no training into a cache that cannot keep it");
                    }));
            assertParagraph(e.getMessage(), ro.dir(), "read-only");
            assertTrue(e.getMessage().contains("INTRIGUING_CACHE"), e.getMessage());
        }
    }

    @Test
    void fetchingDataOntoAFullDiskNamesTheCacheAndLeavesNoPartialFile(@TempDir Path tmp) throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(Datasets.FASHION_DEBIAN_DIR), "needs the Debian Fashion-MNIST");
        try (TinyMount full = TinyMount.sized(tmp.resolve("data"), 256)) {
            Datasets data = new Datasets(full.dir(), Datasets.FASHION_DEBIAN_DIR);
            DatasetException e = assertThrows(DatasetException.class, () -> data.fetch("fashion-mnist"));
            assertParagraph(e.getMessage(), full.dir().resolve("fashion-mnist"), "the disk is full");
            assertTrue(e.getMessage().contains("INTRIGUING_CACHE"), e.getMessage());
            try (Stream<Path> s = Files.list(full.dir().resolve("fashion-mnist"))) {
                // only whole, verified files under their names (the small label files fit, the images do not)
                for (Path p : s.toList()) {
                    assertFalse(p.getFileName().toString().startsWith("."), "a temporary file was left: " + p);
                    assertFalse(p.getFileName().toString().startsWith("train-images"), "a partial image file: " + p);
                }
            }
        }
    }

    @Test
    void installingTheKernelspecIntoAReadOnlyDirectoryNamesTheFile(@TempDir Path tmp) throws Exception {
        try (TinyMount ro = TinyMount.readOnly(tmp.resolve("kernels"))) {
            WriteFailedException e = assertThrows(WriteFailedException.class, () -> KernelSpec.write(ro.dir(), "lib/*"));
            assertParagraph(e.getMessage(), ro.dir().resolve(KernelSpec.NAME).resolve("kernel.json"), "read-only");
            assertTrue(e.getMessage().contains("--prefix"), e.getMessage());
        }
    }

    private static List<String> names(Path dir) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
