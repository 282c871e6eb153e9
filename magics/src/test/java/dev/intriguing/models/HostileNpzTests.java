package dev.intriguing.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Model files a user may be handed, {@code .npz} files first: path-traversal names, zip bombs, enormous declared shapes, wrong dtypes,
 * truncated members. Each is refused with a {@link ModelFormatException} after allocating little, and nothing is
 * written anywhere.
 */
@Timeout(60)
class HostileNpzTests {
    @TempDir
    Path dir;

    /** A .npy member: {@code header} padded as NumPy pads it, then {@code data}. */
    private static byte[] npy(String dict, byte[] data) {
        String header = dict + " ".repeat((64 - (10 + dict.length() + 1) % 64) % 64) + "\n";
        ByteBuffer b = ByteBuffer.allocate(10 + header.length() + data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0});
        b.putShort((short) header.length());
        b.put(header.getBytes(StandardCharsets.US_ASCII));
        b.put(data);
        return b.array();
    }

    private static String f4(String shape) {
        return "{'descr': '<f4', 'fortran_order': False, 'shape': (" + shape + "), }";
    }

    private Path zip(String name, Map<String, byte[]> members) throws IOException {
        Files.createDirectories(dir.resolve("in/box"));
        Path p = dir.resolve("in/box").resolve(name);
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(p))) {
            for (Map.Entry<String, byte[]> m : members.entrySet()) {
                z.putNextEntry(new ZipEntry(m.getKey()));
                z.write(m.getValue());
                z.closeEntry();
            }
        }
        return p;
    }

    private static ModelFormatException refused(Path p) {
        com.sun.management.ThreadMXBean t = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long id = Thread.currentThread().getId();
        long before = t.getThreadAllocatedBytes(id);
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> Npz.read(p));
        long bytes = t.getThreadAllocatedBytes(id) - before;
        assertTrue(bytes < 16L << 20, "allocated " + bytes + " bytes to refuse " + p.getFileName());
        assertTrue(e.getMessage().contains(p.toString()), e.getMessage());
        return e;
    }

    private List<Path> filesUnder(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(Files::isRegularFile).toList();
        }
    }

    @Test
    void aValidFileStillReads() throws IOException {
        Path p = zip("ok.npz", Map.of("fc1.bias.npy", npy(f4("2,"), new byte[8])));
        assertEquals(List.of("fc1.bias"), List.copyOf(Npz.read(p).keySet()));
    }

    @Test
    void pathTraversalMemberNamesAreRefusedAndNothingIsWritten() throws IOException {
        for (String name : List.of("../../evil.npy", "/etc/evil.npy", "a/../../evil.npy", "..\\evil.npy", "a\u0000b.npy")) {
            Path p = zip("trav.npz", Map.of(name, npy(f4("2,"), new byte[8])));
            List<Path> before = filesUnder(dir);
            assertTrue(refused(p).getMessage().contains("points outside the archive"), name);
            assertEquals(before, filesUnder(dir), "nothing written for " + name);
            assertFalse(Files.exists(dir.resolve("evil.npy")) || Files.exists(dir.resolve("in/evil.npy")));
        }
    }

    @Test
    void anEnormousDeclaredShapeIsRefusedBeforeReadingData() throws IOException {
        for (String shape : List.of("100000, 100000", "9223372036854775807, 9223372036854775807, 4", "4611686018427387904, 4")) {
            Path p = zip("shape.npz", Map.of("w.npy", npy(f4(shape), new byte[16])));
            assertTrue(refused(p).getMessage().contains("declares the shape"), shape);
        }
    }

    @Test
    void aZipBombMemberIsRefusedWithoutInflatingIt() throws IOException {
        Path p = dir.resolve("bomb.npz");
        // Written by hand: a member whose data runs on for 300 MB of zeros after its header's 16 bytes.
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(p))) {
            z.putNextEntry(new ZipEntry("w.npy"));
            z.write(npy(f4("4,"), new byte[16]));
            OutputStream o = z;
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i < 300; i++) {
                o.write(zeros);
            }
            z.closeEntry();
        }
        assertTrue(Files.size(p) < 2 << 20);
        assertTrue(refused(p).getMessage().contains("found more"));
    }

    @Test
    void wrongDtypeHugeHeaderBadShapeAndTruncationAreEachNamed() throws IOException {
        Path dtype = zip("dtype.npz", Map.of("w.npy", npy("{'descr': '<f8', 'fortran_order': False, 'shape': (2,), }", new byte[16])));
        assertTrue(refused(dtype).getMessage().contains("not a C-ordered little-endian float32"));
        Path shape = zip("garbage.npz", Map.of("w.npy", npy(f4("two, three"), new byte[16])));
        assertTrue(refused(shape).getMessage().contains("not a tuple of sizes"));
        Path negative = zip("neg.npz", Map.of("w.npy", npy(f4("-1, 4"), new byte[16])));
        assertTrue(refused(negative).getMessage().contains("not a tuple of sizes"));
        Path truncated = zip("trunc.npz", Map.of("w.npy", npy(f4("100, 100"), new byte[400])));
        assertTrue(refused(truncated).getMessage().contains("truncated"));
        byte[] v2 = npy(f4("2,"), new byte[8]);
        v2[6] = 2;
        v2[8] = (byte) 0xFF;
        v2[9] = (byte) 0xFF;
        Path hugeHeader = zip("hdr.npz", Map.of("w.npy", v2));
        assertTrue(refused(hugeHeader).getMessage().contains("announces a header of"));
        byte[] noise = new byte[4000];
        new java.util.Random(1).nextBytes(noise);
        Files.write(dir.resolve("cut.npz"), Arrays.copyOf(Files.readAllBytes(zip("whole.npz",
                Map.of("w.npy", npy(f4("1000,"), noise)))), 500));
        refused(dir.resolve("cut.npz"));
    }

    @Test
    void aSavedModelWithAHugeManifestIsRefusedWithoutReadingIt() throws IOException {
        Path model = dir.resolve("model");
        Files.createDirectories(model);
        Files.write(model.resolve(ModelStore.MANIFEST), new byte[(int) ModelStore.MAX_MANIFEST_BYTES + 1]);
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> ModelStore.readManifest(model));
        assertTrue(e.getMessage().contains("a manifest has at most") && e.getMessage().contains(model.toString()), e.getMessage());
    }
}
