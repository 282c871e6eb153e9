package dev.intriguing.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.intriguing.datasets.api.Datasets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Table;

class EnvironmentTests {
    @Test
    void recordsVersionsEveryDataFileAndTheSeeds(@TempDir Path cache) throws Exception {
        Datasets datasets = new Datasets(cache, cache.resolve("no-fashion"));
        Path images = datasets.cachedFile("mnist", "t10k-labels-idx1-ubyte");
        Files.createDirectories(images.getParent());
        Files.writeString(images, "abc");
        Environment env = Environment.capture(datasets);
        assertEquals(System.getProperty("java.version"), env.java().split(" ")[0]);
        assertTrue(env.djl().startsWith("0."), env.djl());
        // SHA-256 of "abc", the FIPS 180-2 test vector; files not in the cache say so.
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
                env.data().get("mnist/t10k-labels-idx1-ubyte"));
        assertEquals("not fetched", env.data().get("mnist/train-images-idx3-ubyte"));
        assertEquals("2013", env.seeds().get("training (default of %model train)"));
        Table t = env.table();
        List<String> items = t.stringColumn("item").asList();
        assertTrue(items.containsAll(List.of("project", "git commit", "Java", "DJL", "MXNet",
                "SHA-256 mnist/t10k-labels-idx1-ubyte")), items.toString());
    }

    @Test
    void aDirectoryOutsideGitHasNoCommit(@TempDir Path dir) {
        assertTrue(Environment.gitCommit(dir).startsWith("none"), Environment.gitCommit(dir));
    }
}
