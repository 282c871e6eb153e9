package dev.intriguing.models;

import dev.intriguing.datasets.api.AtomicFiles;
import dev.intriguing.datasets.api.WriteFailedException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * NumPy {@code .npz} files of float32 arrays: a zip of {@code .npy} (format 1.0) members, written and read without
 * NumPy.
 *
 * <p>{@link #export} writes a model's parameters as {@code <layer>.weight} and {@code <layer>.bias}, in layer order.
 * Weights keep DJL's layout, which is PyTorch's: dense (out, in), so a layer computes {@code x @ W.T + b}; conv
 * (filters, channels, 5, 5), stride 1, no padding, each followed by ReLU and 2x2 max-pooling. For
 * {@code fc100-100-10}: {@code fc1.weight (100, 784)}, {@code fc1.bias (100,)}, {@code fc2.weight (100, 100)},
 * {@code fc2.bias (100,)}, {@code fc3.weight (10, 100)}, {@code fc3.bias (10,)}; hidden layers apply the sigmoid and
 * the last layer gives logits. In Python: {@code p = np.load("a.npz"); h = 1/(1+np.exp(-(x @ p["fc1.weight"].T + p["fc1.bias"])))}.
 */
public final class Npz {
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern SHAPE = Pattern.compile("'shape':\\s*\\(([^)]*)\\)");
    private static final Pattern DESCR = Pattern.compile("'descr':\\s*'([^']*)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order':\\s*(True|False)");

    private Npz() {
    }

    /** One float32 array: its shape and values in row-major order. */
    public record Array(long[] shape, float[] data) {
        @Override
        public String toString() {
            return "float32" + Arrays.toString(shape);
        }
    }

    /** The arrays {@link #export} writes for {@code model}, in file order. */
    public static Map<String, Array> arrays(TrainedModel model) {
        Map<String, Array> out = new LinkedHashMap<>();
        for (LayerInfo l : model.layers()) {
            out.put(l.name() + ".weight", new Array(model.weight(l.index()).getShape().getShape(), model.weight(l.index()).toFloatArray()));
            out.put(l.name() + ".bias", new Array(model.bias(l.index()).getShape().getShape(), model.bias(l.index()).toFloatArray()));
        }
        return out;
    }

    /** Writes {@code model}'s weights and biases to {@code file} (atomically: temporary file, then rename). */
    public static void export(TrainedModel model, Path file) {
        write(arrays(model), file);
    }

    /** Writes {@code arrays} as an {@code .npz} file, atomically ({@link AtomicFiles}). */
    public static void write(Map<String, Array> arrays, Path file) {
        Path target = file.toAbsolutePath().normalize();
        try {
            AtomicFiles.write(target, out -> {
                ZipOutputStream zip = new ZipOutputStream(out);
                for (Map.Entry<String, Array> e : arrays.entrySet()) {
                    zip.putNextEntry(new ZipEntry(e.getKey() + ".npy"));
                    writeNpy(zip, e.getValue());
                    zip.closeEntry();
                }
                // finish writes the zip's central directory; AtomicFiles closes the stream itself
                zip.finish();
            });
        } catch (IOException e) {
            throw new ModelFormatException(WriteFailedException.message(target, e, null), e);
        }
    }

    private static void writeNpy(OutputStream out, Array a) throws IOException {
        StringBuilder shape = new StringBuilder();
        for (long d : a.shape()) {
            shape.append(d).append(", ");
        }
        String dims = a.shape().length == 1 ? shape.toString().strip() : shape.toString().replaceAll(", $", "");
        String dict = "{'descr': '<f4', 'fortran_order': False, 'shape': (" + dims + "), }";
        int unpadded = MAGIC.length + 2 + 2 + dict.length() + 1;
        int pad = (64 - unpadded % 64) % 64;
        String header = dict + " ".repeat(pad) + "\n";
        out.write(MAGIC);
        out.write(new byte[] {1, 0});
        out.write(new byte[] {(byte) (header.length() & 0xFF), (byte) (header.length() >> 8)});
        out.write(header.getBytes(StandardCharsets.US_ASCII));
        ByteBuffer bb = ByteBuffer.allocate(a.data().length * 4).order(ByteOrder.LITTLE_ENDIAN);
        bb.asFloatBuffer().put(a.data());
        out.write(bb.array());
    }

    /** The largest array {@link #read} accepts: 256 MiB of float32, far beyond the paper's largest layer (0.7 MB). */
    public static final long MAX_ARRAY_BYTES = 1L << 28;
    /** The most data all arrays of one file may hold together. */
    public static final long MAX_TOTAL_BYTES = 1L << 30;
    /** The most members one file may have. */
    public static final int MAX_MEMBERS = 4096;
    /** A {@code .npy} header is a short Python dict; NumPy itself writes a few hundred bytes. */
    private static final int MAX_HEADER = 1 << 16;

    /**
     * Reads every float32 member of an {@code .npz} file, in file order, by name without {@code .npy}.
     *
     * <p>A file handed over by someone else is checked before anything large is allocated: member names must be plain
     * (no {@code ..}, no leading {@code /}, no backslash or control character), each header must announce a float32
     * shape of at most {@link #MAX_ARRAY_BYTES}, and data is read only as far as the header announces, so a zip bomb
     * or a header declaring an enormous shape is refused with a {@link ModelFormatException}. Nothing is written.
     */
    public static Map<String, Array> read(Path file) {
        Map<String, Array> out = new LinkedHashMap<>();
        long total = 0;
        try (InputStream raw = Files.newInputStream(file); ZipInputStream zip = new ZipInputStream(raw)) {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                String entry = e.getName();
                checkMemberName(entry, file);
                if (out.size() >= MAX_MEMBERS) {
                    throw new ModelFormatException(file + " has more than " + MAX_MEMBERS + " members; it is not a model's"
                            + " weights. Export the model again with %model export.");
                }
                String name = entry.endsWith(".npy") ? entry.substring(0, entry.length() - 4) : entry;
                Array a = readNpy(zip, file + ":" + entry, MAX_TOTAL_BYTES - total);
                total += 4L * a.data().length;
                out.put(name, a);
            }
        } catch (IOException e) {
            throw new ModelFormatException("Could not read " + file + " as .npz (" + e.getMessage() + ").", e);
        }
        return out;
    }

    private static void checkMemberName(String entry, Path file) {
        boolean bad = entry.isEmpty() || entry.startsWith("/") || entry.contains("\\")
                || Arrays.asList(entry.split("/")).contains("..") || entry.chars().anyMatch(c -> c < 0x20 || c == 0x7f);
        if (bad) {
            throw new ModelFormatException(file + " has a member named '" + entry.replaceAll("\\p{Cntrl}", "?")
                    + "', which points outside the archive or is not a plain name; the file is refused. An .npz of a"
                    + " model holds members such as fc1.weight.npy.");
        }
    }

    private static Array readNpy(InputStream in, String where, long budget) throws IOException {
        byte[] pre = in.readNBytes(10);
        if (pre.length < 10 || !Arrays.equals(Arrays.copyOf(pre, 6), MAGIC)) {
            throw new ModelFormatException(where + " is not a .npy array.");
        }
        int major = pre[6];
        if (major < 1 || major > 3) {
            throw new ModelFormatException(where + " has .npy format version " + major + "; versions 1 to 3 are read.");
        }
        long hlen;
        if (major == 1) {
            hlen = (pre[8] & 0xFF) | (pre[9] & 0xFF) << 8;
        } else {
            byte[] more = in.readNBytes(2);
            if (more.length < 2) {
                throw new ModelFormatException(where + " is truncated inside its header.");
            }
            byte[] len = {pre[8], pre[9], more[0], more[1]};
            hlen = Integer.toUnsignedLong(ByteBuffer.wrap(len).order(ByteOrder.LITTLE_ENDIAN).getInt());
        }
        if (hlen > MAX_HEADER) {
            throw new ModelFormatException(where + " announces a header of " + hlen + " bytes; a .npy header is a short"
                    + " dict of at most " + MAX_HEADER + " bytes.");
        }
        byte[] hb = in.readNBytes((int) hlen);
        if (hb.length < hlen) {
            throw new ModelFormatException(where + " is truncated inside its header.");
        }
        String header = new String(hb, StandardCharsets.ISO_8859_1);
        Matcher d = DESCR.matcher(header);
        Matcher f = FORTRAN.matcher(header);
        Matcher s = SHAPE.matcher(header);
        if (!d.find() || !d.group(1).equals("<f4") || !f.find() || f.group(1).equals("True") || !s.find()) {
            throw new ModelFormatException(where + " is not a C-ordered little-endian float32 array: "
                    + header.strip().replaceAll("\\p{Cntrl}", "?"));
        }
        long[] shape = parseShape(s.group(1), where);
        long limit = Math.min(MAX_ARRAY_BYTES, budget) / 4;
        long n = 1;
        for (long dim : shape) {
            // Compared by division first, so that a shape of huge sizes cannot overflow into a small product.
            boolean tooBig = dim != 0 && n > limit / dim;
            n *= dim;
            if (tooBig) {
                throw new ModelFormatException(where + " declares the shape " + Arrays.toString(shape) + ", more than the "
                        + limit * 4 + " bytes an array may hold here; the file is refused before"
                        + " reading its data.");
            }
        }
        byte[] data = in.readNBytes((int) (n * 4));
        if (data.length != n * 4 || in.read() >= 0) {
            throw new ModelFormatException(where + " is truncated: its shape " + Arrays.toString(shape) + " needs " + n * 4
                    + " bytes, found " + (data.length < n * 4 ? Integer.toString(data.length) : "more") + ".");
        }
        float[] values = new float[(int) n];
        ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(values);
        return new Array(shape, values);
    }

    private static long[] parseShape(String text, String where) {
        try {
            long[] shape = Arrays.stream(text.split(",")).map(String::strip).filter(x -> !x.isEmpty())
                    .mapToLong(Long::parseLong).toArray();
            if (shape.length > 32 || Arrays.stream(shape).anyMatch(x -> x < 0)) {
                throw new NumberFormatException("negative or too many dimensions");
            }
            return shape;
        } catch (NumberFormatException e) {
            throw new ModelFormatException(where + " has a shape that is not a tuple of sizes: (" + text
                    + "); the file is damaged.", e);
        }
    }
}
