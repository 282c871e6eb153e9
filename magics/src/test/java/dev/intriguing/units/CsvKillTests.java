package dev.intriguing.units;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real child JVM killed with SIGKILL at random moments while it writes a CSV through the streaming writer of the
 * units results' {@code toCsv}: the file
 * under the name always holds one whole version (every line, all of one version), and only hidden files are left.
 */
class CsvKillTests {
    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void killingAResultsCsvWriteLeavesOneWholeVersion(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("u.csv");
        Random random = new Random(23);
        for (int round = 0; round < 8; round++) {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                    CsvWriterChild.class.getName(), csv.toString()).redirectErrorStream(true).start();
            int committed = 0;
            StringBuilder log = new StringBuilder();
            try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = out.readLine(); line != null && committed < 2; line = out.readLine()) {
                    log.append(line).append('\n');
                    if (line.startsWith("committed ")) {
                        committed = Integer.parseInt(line.substring(10));
                    }
                }
                assertEquals(2, committed, "the child wrote twice before the kill: " + log);
                Thread.sleep(random.nextInt(150));
                child.destroyForcibly();
                assertTrue(child.waitFor(30, TimeUnit.SECONDS));
            }
            assertEquals(137, child.exitValue(), "killed by SIGKILL");
            List<String> lines = Files.readAllLines(csv);
            assertEquals(CsvWriterChild.HEADER, lines.get(0));
            assertEquals(1 + CsvWriterChild.ROWS, lines.size(), "round " + round + ": every line of one version");
            String version = lines.get(1).split(",")[0];
            assertTrue(lines.stream().skip(1).allMatch(l -> l.startsWith(version + ",") && l.split(",").length == 3),
                    "round " + round + ": all lines of " + version);
            try (Stream<Path> s = Files.list(dir)) {
                for (Path p : s.toList()) {
                    assertTrue(p.equals(csv) || p.getFileName().toString().startsWith(".u.csv.tmp-"), p.toString());
                }
            }
        }
    }
}
