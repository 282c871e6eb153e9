package dev.intriguing.datasets.api;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * Reads files in the IDX format used by MNIST and Fashion-MNIST (unsigned bytes only).
 *
 * <p>The header is checked before any data is used: two zero bytes, the type code {@code 0x08} (unsigned byte), the
 * number of dimensions, each dimension, and that the file holds exactly the bytes the dimensions announce. Files
 * whose name ends in {@code .gz} are decompressed first.
 */
public final class IdxReader {
    private static final int UNSIGNED_BYTE = 0x08;

    private IdxReader() {
    }

    /** A parsed IDX file: its dimensions and its raw unsigned bytes. */
    public record Idx(int[] dims, byte[] data) {
        /** Number of items along the first dimension. */
        public int count() {
            return dims[0];
        }
    }

    /** Reads and validates an IDX file with {@code expectedDims} dimensions (1 for labels, 3 for images). */
    public static Idx read(Path file, int expectedDims) {
        byte[] bytes = readBytes(file);
        return parse(bytes, file.toString(), expectedDims);
    }

    static byte[] readBytes(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new DatasetException("IDX file " + file + " does not exist.");
        }
        try (InputStream raw = Files.newInputStream(file)) {
            if (file.getFileName().toString().endsWith(".gz")) {
                try (InputStream in = new GZIPInputStream(raw, 1 << 16)) {
                    ByteArrayOutputStream out = new ByteArrayOutputStream(1 << 20);
                    in.transferTo(out);
                    return out.toByteArray();
                }
            }
            return raw.readAllBytes();
        } catch (IOException e) {
            throw new DatasetException("IDX file " + file + " could not be read (" + e.getMessage()
                    + "); it is damaged or not gzip data.", e);
        }
    }

    /** Parses IDX bytes; {@code source} names the file in error messages. */
    public static Idx parse(byte[] bytes, String source, int expectedDims) {
        if (bytes.length < 4) {
            throw new DatasetException("IDX file " + source + " is truncated: it has " + bytes.length
                    + " bytes, fewer than the 4-byte magic number.");
        }
        ByteBuffer buf = ByteBuffer.wrap(bytes);
        int magic = buf.getInt();
        int expectedMagic = (UNSIGNED_BYTE << 8) | expectedDims;
        if (magic != expectedMagic) {
            throw new DatasetException(String.format(
                    "IDX file %s has a wrong magic number: expected 0x%08X (unsigned bytes, %d dimension%s), found 0x%08X.",
                    source, expectedMagic, expectedDims, expectedDims == 1 ? "" : "s", magic));
        }
        int headerLength = 4 + 4 * expectedDims;
        if (bytes.length < headerLength) {
            throw new DatasetException("IDX file " + source + " is truncated: expected a header of " + headerLength
                    + " bytes, found " + bytes.length + " bytes in all.");
        }
        int[] dims = new int[expectedDims];
        long payload = 1;
        for (int d = 0; d < expectedDims; d++) {
            dims[d] = buf.getInt();
            if (dims[d] <= 0) {
                throw new DatasetException("IDX file " + source + " has a bad dimension " + d + ": expected a positive size, found "
                        + dims[d] + ".");
            }
            payload *= dims[d];
        }
        long expectedLength = headerLength + payload;
        if (bytes.length != expectedLength) {
            throw new DatasetException("IDX file " + source + " is " + (bytes.length < expectedLength ? "truncated" : "too long")
                    + ": its header announces " + expectedLength + " bytes, found " + bytes.length + " bytes.");
        }
        byte[] data = new byte[(int) payload];
        buf.get(data);
        return new Idx(dims, data);
    }
}
