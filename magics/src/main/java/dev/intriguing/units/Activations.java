package dev.intriguing.units;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.intriguing.datasets.api.ImageSet;
import dev.intriguing.models.LayerInfo;
import dev.intriguing.models.TrainedModel;
import java.util.Arrays;
import java.util.Objects;

/**
 * φ(x) for every image x of a held-out set I: one layer's output after its nonlinearity, as an n × d matrix of units.
 *
 * <p>A dense layer's output is its units. A conv layer's output (channels × height × width) is flattened, so every
 * position of every channel is a unit, unless a {@link Pooling} reduces each channel to one unit. A unit that takes
 * the same value on every image of I is dead: it ranks nothing, so the analyses leave it out and report it.
 *
 * <pre>{@code
 * Activations a = Activations.of(c, c.layer("conv2"), test, Pooling.NONE);
 * a.units()        // 512 (32 channels × 4 × 4 positions)
 * a.describe()     // conv2 of c on mnist-test (10000 images): 512 units, 32 channels x 4 x 4 positions flattened
 * }</pre>
 */
public final class Activations {
    /** Images per forward pass: large enough to keep the engine busy, small enough for a conv layer's output. */
    static final int BATCH = 500;

    private final String model;
    private final String layer;
    private final String data;
    private final Pooling pooling;
    private final long[] layerShape;
    private final int size;
    private final int units;
    private final float[] values;
    private final boolean[] dead;
    private final int[] live;

    private Activations(String model, String layer, String data, Pooling pooling, long[] layerShape, int size,
                        int units, float[] values) {
        this.model = model;
        this.layer = layer;
        this.data = data;
        this.pooling = pooling;
        this.layerShape = layerShape.clone();
        this.size = size;
        this.units = units;
        this.values = values;
        this.dead = findDead(values, size, units);
        this.live = java.util.stream.IntStream.range(0, units).filter(j -> !dead[j]).toArray();
    }

    /**
     * The output of {@code layer} of {@code model} for every image of {@code images}, computed in batches of
     * {@value #BATCH}, each in its own sub-manager.
     *
     * @throws IllegalArgumentException when a dense layer is given a pooling, or the images do not fit the model
     */
    public static Activations of(TrainedModel model, LayerInfo layer, ImageSet images, Pooling pooling) {
        Objects.requireNonNull(pooling, "pooling");
        boolean conv = layer.outputShape().length == 3;
        if (!conv && pooling != Pooling.NONE) {
            throw new IllegalArgumentException("layer " + layer.name() + " is dense (" + layer.outputSize()
                    + " units); pooling applies to conv layers only");
        }
        if (images.pixelsPerImage() != model.inputSize()) {
            throw new IllegalArgumentException("model " + model.name() + " takes " + model.inputSize()
                    + " pixels per image; " + images.name() + " has " + images.pixelsPerImage());
        }
        long[] shape = layer.outputShape();
        int d = (int) (conv && pooling != Pooling.NONE ? shape[0] : layer.outputSize());
        int n = images.size();
        float[] out = new float[Math.multiplyExact(n, d)];
        try (NDManager m = model.manager().newSubManager()) {
            for (int from = 0; from < n; from += BATCH) {
                int to = Math.min(n, from + BATCH);
                try (NDManager batch = m.newSubManager()) {
                    NDArray h = model.activations(images.toFlat(batch, from, to), layer.index());
                    NDArray u = switch (pooling) {
                        case MAX -> h.max(new int[] {2, 3});
                        case MEAN -> h.mean(new int[] {2, 3});
                        case NONE -> h.reshape(to - from, d);
                    };
                    System.arraycopy(u.toFloatArray(), 0, out, from * d, (to - from) * d);
                }
            }
        }
        return new Activations(model.name(), layer.name(), images.name(), pooling, shape, n, d, out);
    }

    /**
     * Activations given as a row-major n × d matrix (one row per image), for analyses of other networks and tests.
     *
     * @param layerShape the shape of one image's output before pooling; {@code [d]} for a dense layer
     */
    public static Activations of(String model, String layer, String data, Pooling pooling, long[] layerShape,
                                 int size, int units, float[] values) {
        if (values.length != (long) size * units) {
            throw new IllegalArgumentException(size + " images of " + units + " units need " + (long) size * units
                    + " values, got " + values.length);
        }
        return new Activations(model, layer, data, pooling, layerShape, size, units, values.clone());
    }

    private static boolean[] findDead(float[] v, int n, int d) {
        float[] lo = new float[d];
        float[] hi = new float[d];
        Arrays.fill(lo, Float.POSITIVE_INFINITY);
        Arrays.fill(hi, Float.NEGATIVE_INFINITY);
        for (int i = 0; i < n; i++) {
            int row = i * d;
            for (int j = 0; j < d; j++) {
                float x = v[row + j];
                if (x < lo[j]) {
                    lo[j] = x;
                }
                if (x > hi[j]) {
                    hi[j] = x;
                }
            }
        }
        boolean[] dead = new boolean[d];
        for (int j = 0; j < d; j++) {
            dead[j] = n == 0 || hi[j] == lo[j];
        }
        return dead;
    }

    public String model() {
        return model;
    }

    public String layer() {
        return layer;
    }

    /** The name of the image set I. */
    public String data() {
        return data;
    }

    public Pooling pooling() {
        return pooling;
    }

    /** Whether the layer is a conv layer (its output has channels and positions). */
    public boolean conv() {
        return layerShape.length == 3;
    }

    /** The shape of one image's layer output before pooling, e.g. {@code [100]} or {@code [32, 4, 4]}. */
    public long[] layerShape() {
        return layerShape.clone();
    }

    /** n, the number of images. */
    public int size() {
        return size;
    }

    /** d, the number of units. */
    public int units() {
        return units;
    }

    /** φ_j(x_i). */
    public float get(int image, int unit) {
        return values[image * units + unit];
    }

    /** A copy of the n × d matrix, row-major. */
    public float[] values() {
        return values.clone();
    }

    /** The matrix itself, for this package's engine uploads (never changed). */
    float[] raw() {
        return values;
    }

    /** Whether unit {@code j} is constant over I. */
    public boolean isDead(int j) {
        return dead[j];
    }

    /** The units that vary over I, in order. */
    public int[] liveUnits() {
        return live.clone();
    }

    /** Number of dead units. */
    public int deadCount() {
        return units - live.length;
    }

    /** Bytes of the matrix, for the session cache's budget. */
    public long bytes() {
        return 4L * values.length;
    }

    /**
     * Where unit {@code j} sits: empty for a dense layer or a pooled channel's index, {@code channel c, row r, col k}
     * for a flattened conv layer.
     */
    public String where(int j) {
        if (!conv()) {
            return "";
        }
        if (pooling != Pooling.NONE) {
            return "channel " + j;
        }
        int h = (int) layerShape[1];
        int w = (int) layerShape[2];
        return "channel " + j / (h * w) + ", row " + (j / w) % h + ", col " + j % w;
    }

    /** How the units were read off the layer, in words. */
    public String unitsInWords() {
        if (!conv()) {
            return units + " units (dense)";
        }
        String geometry = layerShape[0] + " channels x " + layerShape[1] + " x " + layerShape[2] + " positions";
        return switch (pooling) {
            case NONE -> units + " units: " + geometry + ", flattened (every position of every channel is a unit)";
            case MAX -> units + " units: " + geometry + ", max-pooled to one unit per channel";
            case MEAN -> units + " units: " + geometry + ", mean-pooled to one unit per channel";
        };
    }

    /** One line: the layer, the data and how the units were read. */
    public String describe() {
        return layer + " of " + model + " on " + data + " (" + size + " images): " + unitsInWords()
                + (deadCount() > 0 ? "; " + deadCount() + " dead" : "");
    }

    @Override
    public String toString() {
        return "Activations[" + describe() + "]";
    }
}
