package dev.intriguing.datasets.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxReaderTests {
    private static byte[] idx(int magic, int... dimsThenData) {
        ByteBuffer b = ByteBuffer.allocate(4 + 4 * dimsThenData.length);
        b.putInt(magic);
        for (int d : dimsThenData) {
            b.putInt(d);
        }
        return b.array();
    }

    @Test
    void readsAValidImageFile(@TempDir Path dir) throws Exception {
        byte[] header = idx(0x0803, 2, 1, 2);
        byte[] file = Arrays.copyOf(header, header.length + 4);
        file[header.length] = (byte) 255;
        Path p = dir.resolve("x-idx3-ubyte");
        Files.write(p, file);
        IdxReader.Idx idx = IdxReader.read(p, 3);
        assertArrayEquals(new int[] {2, 1, 2}, idx.dims());
        assertArrayEquals(new byte[] {(byte) 255, 0, 0, 0}, idx.data());
    }

    @Test
    void truncatedFileNamesExpectedAndFoundLength(@TempDir Path dir) throws Exception {
        byte[] header = idx(0x0803, 2, 28, 28);
        Path p = dir.resolve("short-idx3-ubyte");
        Files.write(p, Arrays.copyOf(header, header.length + 100));
        DatasetException e = assertThrows(DatasetException.class, () -> IdxReader.read(p, 3));
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
        assertTrue(e.getMessage().contains(String.valueOf(16 + 2 * 28 * 28)), e.getMessage());
        assertTrue(e.getMessage().contains(String.valueOf(header.length + 100)), e.getMessage());
        assertTrue(e.getMessage().contains(p.toString()), e.getMessage());
    }

    @Test
    void wrongMagicNumberIsNamed(@TempDir Path dir) throws Exception {
        Path p = dir.resolve("labels-idx1-ubyte");
        Files.write(p, idx(0x0803, 1, 1, 1));
        DatasetException e = assertThrows(DatasetException.class, () -> IdxReader.read(p, 1));
        assertTrue(e.getMessage().contains("wrong magic number"), e.getMessage());
        assertTrue(e.getMessage().contains("0x00000801") && e.getMessage().contains("0x00000803"), e.getMessage());
    }
}
