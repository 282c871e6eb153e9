package dev.intriguing.units;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.intriguing.models.KilledChild;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
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
        KilledChild.killWriterRounds(8, 23, List.of(), CsvWriterChild.class, csv, 150, round -> {
            List<String> lines = Files.readAllLines(csv);
            assertEquals(CsvWriterChild.HEADER, lines.get(0));
            assertEquals(1 + CsvWriterChild.ROWS, lines.size(), "round " + round + ": every line of one version");
            String version = lines.get(1).split(",")[0];
            assertTrue(lines.stream().skip(1).allMatch(l -> l.startsWith(version + ",") && l.split(",").length == 3),
                    "round " + round + ": all lines of " + version);
        });
    }
}
