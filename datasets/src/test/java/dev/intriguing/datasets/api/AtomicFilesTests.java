package dev.intriguing.datasets.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTests {
    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void writesAFileAndReplacesAnEarlierOne(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("sub").resolve("a.txt");
        AtomicFiles.writeString(f, "first");
        AtomicFiles.write(f, out -> out.write("second é".getBytes(StandardCharsets.UTF_8)));
        assertEquals("second é", Files.readString(f));
        AtomicFiles.writeText(f, w -> w.write("third"));
        assertEquals("third", Files.readString(f));
        assertEquals(List.of("a.txt"), names(f.getParent()), "no temporary file is left");
    }

    @Test
    void aFailingWriterLeavesThePreviousFileIntactAndNoTemporaryFile(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("a.csv");
        AtomicFiles.writeString(f, "old,complete\n");
        IOException io = new IOException("disk full");
        assertSame(io, assertThrows(IOException.class, () -> AtomicFiles.write(f, out -> {
            out.write("new,half".getBytes(StandardCharsets.UTF_8));
            throw io;
        })));
        IllegalStateException bad = new IllegalStateException("checksum mismatch");
        assertSame(bad, assertThrows(IllegalStateException.class, () -> AtomicFiles.writeFile(f, tmp -> {
            Files.writeString(tmp, "damaged");
            throw bad;
        })));
        assertEquals("old,complete\n", Files.readString(f));
        assertEquals(List.of("a.csv"), names(dir));
    }

    @Test
    void aFailingWriterOfANewFileLeavesNothing(@TempDir Path dir) throws Exception {
        assertThrows(ArithmeticException.class, () -> AtomicFiles.writeText(dir.resolve("x"), w -> {
            w.write("half");
            w.flush();
            w.write(1 / (w.hashCode() - w.hashCode()));
        }));
        assertThrows(IOException.class, () -> AtomicFiles.write(dir.resolve("y"), out -> {
            throw new IOException("no");
        }));
        assertEquals(List.of(), names(dir));
    }

    @Test
    void theTemporaryFileSitsBesideTheTargetHiddenAndTheTargetKeepsUsualPermissions(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("kernel.json");
        AtomicFiles.writeFile(f, tmp -> {
            assertEquals(dir, tmp.getParent(), "same directory, so the rename stays on one file system");
            assertTrue(tmp.getFileName().toString().startsWith(".kernel.json."), tmp.toString());
            Files.writeString(tmp, "{}");
        });
        assertEquals("{}", Files.readString(f));
        Set<PosixFilePermission> perms = Files.getPosixFilePermissions(f);
        assertTrue(perms.contains(PosixFilePermission.OWNER_WRITE) && perms.contains(PosixFilePermission.OWNER_READ));
        Files.writeString(dir.resolve("plain"), "");
        assertEquals(Files.getPosixFilePermissions(dir.resolve("plain")), perms,
                "the same permissions as a file written directly (createTempFile would make it owner-only)");
    }

    @Test
    void aDirectoryIsReplacedWholeAndAFailureKeepsTheOldOne(@TempDir Path dir) throws Exception {
        Path d = dir.resolve("model");
        AtomicFiles.writeDirectory(d, tmp -> {
            Files.writeString(tmp.resolve("params"), "v1");
            Files.writeString(tmp.resolve("extra"), "only in v1");
        });
        AtomicFiles.writeDirectory(d, tmp -> Files.writeString(tmp.resolve("params"), "v2"));
        assertEquals(List.of("params"), names(d), "the new copy replaces the old one whole");
        assertEquals("v2", Files.readString(d.resolve("params")));
        assertThrows(IOException.class, () -> AtomicFiles.writeDirectory(d, tmp -> {
            Files.writeString(tmp.resolve("params"), "v3 half");
            throw new IOException("interrupted");
        }));
        assertEquals("v2", Files.readString(d.resolve("params")));
        assertEquals(List.of("model"), names(dir), "no temporary or old copy is left");
        assertFalse(Files.exists(dir.resolve("params")));
    }
}
