package dev.intriguing.models;

import dev.intriguing.datasets.api.AtomicFiles;
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
            throw new ModelFormatException("Could not write " + target + " (" + e + "); no file was left half-written.", e);
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

    /** Reads every float32 member of an {@code .npz} file, in file order, by name without {@code .npy}. */
    public static Map<String, Array> read(Path file) {
        Map<String, Array> out = new LinkedHashMap<>();
        try (InputStream raw = Files.newInputStream(file); ZipInputStream zip = new ZipInputStream(raw)) {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                String name = e.getName().endsWith(".npy") ? e.getName().substring(0, e.getName().length() - 4) : e.getName();
                out.put(name, readNpy(zip.readAllBytes(), file + ":" + e.getName()));
            }
        } catch (IOException e) {
            throw new ModelFormatException("Could not read " + file + " as .npz (" + e.getMessage() + ").", e);
        }
        return out;
    }

    private static Array readNpy(byte[] b, String where) {
        if (b.length < 10 || !Arrays.equals(Arrays.copyOf(b, 6), MAGIC)) {
            throw new ModelFormatException(where + " is not a .npy array.");
        }
        int major = b[6];
        int hlen = major == 1 ? (b[8] & 0xFF) | (b[9] & 0xFF) << 8
                : ByteBuffer.wrap(b, 8, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
        int start = major == 1 ? 10 : 12;
        String header = new String(b, start, hlen, StandardCharsets.US_ASCII);
        Matcher d = DESCR.matcher(header);
        Matcher f = FORTRAN.matcher(header);
        Matcher s = SHAPE.matcher(header);
        if (!d.find() || !d.group(1).equals("<f4") || !f.find() || f.group(1).equals("True") || !s.find()) {
            throw new ModelFormatException(where + " is not a C-ordered little-endian float32 array: " + header.strip());
        }
        long[] shape = Arrays.stream(s.group(1).split(",")).map(String::strip).filter(x -> !x.isEmpty())
                .mapToLong(Long::parseLong).toArray();
        long n = Arrays.stream(shape).reduce(1, (x, y) -> x * y);
        int dataStart = start + hlen;
        if (b.length - dataStart != n * 4) {
            throw new ModelFormatException(where + " is truncated: its shape " + Arrays.toString(shape) + " needs " + n * 4
                    + " bytes, found " + (b.length - dataStart) + ".");
        }
        float[] data = new float[(int) n];
        ByteBuffer.wrap(b, dataStart, (int) n * 4).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(data);
        return new Array(shape, data);
    }
}
