package dev.intriguing.datasets.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.intriguing.datasets.internal.Checksums;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real child JVM killed with SIGKILL at random moments while it fetches a data set into the cache: every file under
 * its cache name is whole (its SHA-256 is the expected one), only hidden temporary files are left besides, and the next
 * fetch and load work.
 */
class FetchKillTests {
    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void killingAFetchMidCopyNeverLeavesAPartialFileUnderItsName(@TempDir Path cache) throws Exception {
        assumeTrue(Files.isDirectory(Datasets.FASHION_DEBIAN_DIR), "needs the Debian package " + Datasets.FASHION_DEBIAN_PACKAGE);
        Random random = new Random(11);
        Path dir = cache.resolve("fashion-mnist");
        int partialSeen = 0;
        for (int round = 0; round < 10; round++) {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                    FetcherChild.class.getName(), cache.toString()).redirectErrorStream(true).start();
            try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                String line = out.readLine();
                assertTrue(line != null && line.startsWith("fetched "), "the child fetched once: " + line);
                // somewhere inside the next round, which takes about as long as the first (copy ~30 MB, hash it)
                Thread.sleep(random.nextInt(Math.max(1, Integer.parseInt(line.split(" ")[2]))));
                child.destroyForcibly();
                assertTrue(child.waitFor(30, TimeUnit.SECONDS));
            }
            assertEquals(137, child.exitValue(), "killed by SIGKILL");
            int whole = 0;
            try (Stream<Path> s = Files.list(dir)) {
                for (Path p : s.toList()) {
                    String name = p.getFileName().toString();
                    if (name.startsWith(".")) {
                        assertTrue(name.contains(".tmp-"), "only temporary files are hidden: " + name);
                        partialSeen++;
                        continue;
                    }
                    assertEquals(Checksums.expected("fashion-mnist/" + name), Checksums.sha256(p), "a whole file under " + p);
                    whole++;
                }
            }
            assertTrue(whole <= 4, "round " + round);
        }
        Datasets data = new Datasets(cache, Datasets.FASHION_DEBIAN_DIR);
        data.fetch("fashion-mnist");
        assertEquals(10000, data.load("fashion-mnist", Part.TEST).size());
        System.out.println("FetchKillTests: hidden temporary files seen after kills: " + partialSeen);
    }
}
