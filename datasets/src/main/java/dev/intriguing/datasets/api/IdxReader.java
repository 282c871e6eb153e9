package dev.intriguing.datasets.api;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * Reads files in the IDX format used by MNIST and Fashion-MNIST (unsigned bytes only).
 *
 * <p>The header is checked before any data is used: two zero bytes, the type code {@code 0x08} (unsigned byte), the
 * number of dimensions, each dimension, and that the file holds exactly the bytes the dimensions announce. Files
 * whose name ends in {@code .gz} are decompressed as they are read. Memory
 * stays bounded by what the header announces, at most {@link #MAX_PAYLOAD}.
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

    /**
     * The most data bytes an IDX file may announce: 256 MiB, five times the largest data set read here (MNIST's 60,000
     * training images, 47 MB). A header that announces more is refused before anything is allocated.
     */
    public static final long MAX_PAYLOAD = 1L << 28;

    /** Reads and validates an IDX file with {@code expectedDims} dimensions (1 for labels, 3 for images). */
    public static Idx read(Path file, int expectedDims) {
        if (!Files.isRegularFile(file)) {
            throw new DatasetException("IDX file " + file + " does not exist.");
        }
        boolean gz = file.getFileName().toString().endsWith(".gz");
        try (InputStream raw = Files.newInputStream(file);
             InputStream in = gz ? new GZIPInputStream(raw, 1 << 16) : new BufferedInputStream(raw, 1 << 16)) {
            // The header is checked before the data is read, and the data is read only as far as the header says, so
            // neither a header announcing billions of images nor a gzip bomb can make this allocate more than that.
            return parse(in, gz ? -1 : Files.size(file), file.toString(), expectedDims);
        } catch (IOException e) {
            throw new DatasetException("IDX file " + file + " could not be read (" + e.getMessage()
                    + "); it is damaged or not gzip data.", e);
        }
    }

    /** Parses IDX bytes; {@code source} names the file in error messages. */
    public static Idx parse(byte[] bytes, String source, int expectedDims) {
        try {
            return parse(new ByteArrayInputStream(bytes), bytes.length, source, expectedDims);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Parses an IDX stream of {@code size} bytes ({@code -1}: unknown, as for gzip). */
    private static Idx parse(InputStream in, long size, String source, int expectedDims) throws IOException {
        byte[] head = in.readNBytes(4);
        if (head.length < 4) {
            throw new DatasetException("IDX file " + source + " is truncated: it has " + head.length
                    + " bytes, fewer than the 4-byte magic number.");
        }
        int magic = ByteBuffer.wrap(head).getInt();
        int expectedMagic = (UNSIGNED_BYTE << 8) | expectedDims;
        if (magic != expectedMagic) {
            throw new DatasetException(String.format(
                    "IDX file %s has a wrong magic number: expected 0x%08X (unsigned bytes, %d dimension%s), found 0x%08X.",
                    source, expectedMagic, expectedDims, expectedDims == 1 ? "" : "s", magic));
        }
        int headerLength = 4 + 4 * expectedDims;
        byte[] dimBytes = in.readNBytes(4 * expectedDims);
        if (dimBytes.length < 4 * expectedDims) {
            throw new DatasetException("IDX file " + source + " is truncated: expected a header of " + headerLength
                    + " bytes, found " + (4 + dimBytes.length) + " bytes in all.");
        }
        ByteBuffer buf = ByteBuffer.wrap(dimBytes);
        int[] dims = new int[expectedDims];
        long payload = 1;
        for (int d = 0; d < expectedDims; d++) {
            dims[d] = buf.getInt();
            if (dims[d] <= 0) {
                throw new DatasetException("IDX file " + source + " has a bad dimension " + d + ": expected a positive size, found "
                        + dims[d] + ".");
            }
            // Each factor is below 2^31 and the product so far at most MAX_PAYLOAD, so this cannot overflow.
            payload *= dims[d];
            if (payload > MAX_PAYLOAD) {
                throw new DatasetException("IDX file " + source + " announces dimensions " + dimsText(dimBytes)
                        + ", more than the " + MAX_PAYLOAD + " bytes (256 MiB) an IDX file may hold here; it is damaged or not"
                        + " a data set of images. Nothing was read past its header.");
            }
        }
        long expectedLength = headerLength + payload;
        if (size >= 0 && size != expectedLength) {
            throw new DatasetException("IDX file " + source + " is " + (size < expectedLength ? "truncated" : "too long")
                    + ": its header announces " + expectedLength + " bytes, found " + size + " bytes.");
        }
        byte[] data = in.readNBytes((int) payload);
        if (data.length < payload) {
            throw new DatasetException("IDX file " + source + " is truncated: its header announces " + expectedLength
                    + " bytes, found " + (headerLength + data.length) + " bytes.");
        }
        if (in.read() >= 0) {
            throw new DatasetException("IDX file " + source + " is too long: its header announces " + expectedLength
                    + " bytes, found more.");
        }
        return new Idx(dims, data);
    }

    private static String dimsText(byte[] dimBytes) {
        ByteBuffer b = ByteBuffer.wrap(dimBytes);
        StringBuilder sb = new StringBuilder();
        while (b.hasRemaining()) {
            sb.append(sb.length() == 0 ? "" : " x ").append(Integer.toUnsignedString(b.getInt()));
        }
        return sb.toString();
    }
}
