package dev.intriguing.datasets.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real child process killed with SIGKILL while it saves: the file under the target name is always one whole earlier
 * version (its checksum matches), and what the kill leaves behind is only a hidden temporary file.
 */
class AtomicFilesKillTests {
    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void killingAWriterMidSaveLeavesTheLastWholeVersion(@TempDir Path dir) throws Exception {
        Path target = dir.resolve("result.csv");
        Random random = new Random(42);
        for (int round = 0; round < 4; round++) {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                    AtomicWriterChild.class.getName(), target.toString()).redirectErrorStream(true).start();
            int committed = 0;
            try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = out.readLine(); line != null && committed < 2; line = out.readLine()) {
                    if (line.startsWith("committed ")) {
                        committed = Integer.parseInt(line.substring(10));
                    }
                }
                assertEquals(2, committed, "the child saved twice before the kill");
                // Somewhere inside the third save (about 70 ms of writing), or between saves.
                Thread.sleep(random.nextInt(80));
                child.destroyForcibly();
                assertTrue(child.waitFor(30, TimeUnit.SECONDS));
            }
            assertEquals(137, child.exitValue(), "killed by SIGKILL");
            int version = verify(target);
            assertTrue(version >= 2, "version " + version);
            try (Stream<Path> s = Files.list(dir)) {
                for (Path p : s.toList()) {
                    assertTrue(p.equals(target) || p.getFileName().toString().startsWith(".result.csv.tmp-"), p.toString());
                }
            }
        }
    }

    /** The version number of a whole file; fails when the file is cut or mixed. */
    private static int verify(Path file) throws Exception {
        byte[] all = Files.readAllBytes(file);
        String head = new String(all, 0, 20, StandardCharsets.US_ASCII);
        assertTrue(head.startsWith("version "), head);
        int nl = head.indexOf('\n');
        int version = Integer.parseInt(head.substring(8, nl));
        int dataStart = nl + 1;
        int dataLen = 32 * (64 << 10);
        assertEquals(dataStart + dataLen + "\nsha256 ".length() + 64 + 1, all.length, "a whole version");
        byte[] data = Arrays.copyOfRange(all, dataStart, dataStart + dataLen);
        String tail = new String(all, dataStart + dataLen, all.length - dataStart - dataLen, StandardCharsets.US_ASCII);
        assertEquals("\nsha256 " + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data)) + "\n", tail);
        return version;
    }
}
