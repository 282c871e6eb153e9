package dev.intriguing.datasets.api;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import java.util.Objects;

/**
 * An immutable set of {@code n} grey-scale images of {@code height × width} pixels in [0, 1], each with an int label.
 *
 * <p>Pixels are stored row-major, image after image. Accessors return copies, so an image set can be shared between
 * notebook cells, models and attacks without anyone changing it.
 *
 * <pre>{@code
 * ImageSet test = Datasets.standard().load("mnist", Split.TEST);
 * test.size()            // 10000
 * test.labelCounts()     // [980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009]
 * }</pre>
 */
public final class ImageSet {
    private final String name;
    private final int height;
    private final int width;
    private final int numClasses;
    private final float[] pixels;
    private final int[] labels;

    private ImageSet(String name, int height, int width, int numClasses, float[] pixels, int[] labels) {
        this.name = name;
        this.height = height;
        this.width = width;
        this.numClasses = numClasses;
        this.pixels = pixels;
        this.labels = labels;
    }

    /**
     * Creates an image set from copies of {@code pixels} (n·h·w values in [0, 1]) and {@code labels} (n values in
     * [0, numClasses)).
     */
    public static ImageSet of(String name, int height, int width, int numClasses, float[] pixels, int[] labels) {
        Objects.requireNonNull(name, "name");
        if (height <= 0 || width <= 0) {
            throw new IllegalArgumentException("image size must be positive, got " + height + "x" + width);
        }
        if (pixels.length != (long) labels.length * height * width) {
            throw new IllegalArgumentException("shape mismatch: " + labels.length + " labels of " + height + "x" + width
                    + " images need " + ((long) labels.length * height * width) + " pixels, got " + pixels.length);
        }
        for (float p : pixels) {
            if (!(p >= 0f && p <= 1f)) {
                throw new IllegalArgumentException("pixel values must lie in [0, 1], found " + p);
            }
        }
        for (int l : labels) {
            if (l < 0 || l >= numClasses) {
                throw new IllegalArgumentException("labels must lie in [0, " + numClasses + "), found " + l);
            }
        }
        return new ImageSet(name, height, width, numClasses, pixels.clone(), labels.clone());
    }

    /** Builds an image set from parsed IDX image and label files; pixels are scaled from 0..255 to [0, 1]. */
    public static ImageSet fromIdx(String name, IdxReader.Idx images, IdxReader.Idx labels, int numClasses) {
        if (images.dims().length != 3 || labels.dims().length != 1) {
            throw new DatasetException("data set " + name + ": expected 3-dimensional images and 1-dimensional labels.");
        }
        if (images.count() != labels.count()) {
            throw new DatasetException("data set " + name + ": the image file holds " + images.count()
                    + " images but the label file holds " + labels.count() + " labels.");
        }
        byte[] raw = images.data();
        float[] px = new float[raw.length];
        for (int i = 0; i < raw.length; i++) {
            px[i] = (raw[i] & 0xFF) / 255f;
        }
        byte[] rawLabels = labels.data();
        int[] lab = new int[rawLabels.length];
        for (int i = 0; i < lab.length; i++) {
            lab[i] = rawLabels[i] & 0xFF;
            if (lab[i] >= numClasses) {
                throw new DatasetException("data set " + name + ": label " + lab[i] + " at index " + i
                        + " is outside the expected range 0.." + (numClasses - 1) + ".");
            }
        }
        return new ImageSet(name, images.dims()[1], images.dims()[2], numClasses, px, lab);
    }

    public String name() {
        return name;
    }

    public int size() {
        return labels.length;
    }

    public int height() {
        return height;
    }

    public int width() {
        return width;
    }

    /** Pixels per image, {@code height × width}. */
    public int pixelsPerImage() {
        return height * width;
    }

    public int numClasses() {
        return numClasses;
    }

    public int label(int i) {
        return labels[i];
    }

    /** A copy of all labels. */
    public int[] labels() {
        return labels.clone();
    }

    /** A copy of image {@code i} as {@code height × width} floats, row-major. */
    public float[] image(int i) {
        int n = pixelsPerImage();
        return Arrays.copyOfRange(pixels, i * n, (i + 1) * n);
    }

    /** A copy of the pixels of images {@code from} (inclusive) to {@code to} (exclusive), row-major. */
    public float[] pixels(int from, int to) {
        checkRange(from, to);
        int n = pixelsPerImage();
        return Arrays.copyOfRange(pixels, from * n, to * n);
    }

    /** The number of images of each class, indexed by label. */
    public int[] labelCounts() {
        int[] counts = new int[numClasses];
        for (int l : labels) {
            counts[l]++;
        }
        return counts;
    }

    /** A new image set of the images at {@code indices}, in that order. */
    public ImageSet subset(int[] indices) {
        int n = pixelsPerImage();
        float[] px = new float[indices.length * n];
        int[] lab = new int[indices.length];
        for (int k = 0; k < indices.length; k++) {
            int i = indices[k];
            if (i < 0 || i >= size()) {
                throw new IndexOutOfBoundsException("index " + i + " is outside 0.." + (size() - 1) + " of " + name);
            }
            System.arraycopy(pixels, i * n, px, k * n, n);
            lab[k] = labels[i];
        }
        return new ImageSet(name, height, width, numClasses, px, lab);
    }

    /**
     * A new image set of {@code n} images drawn without replacement by {@code seed}, kept in their original order (all
     * of them when {@code n >= size()}). The same seed gives the same images on every run and machine.
     */
    public ImageSet sample(int n, long seed) {
        if (n < 0) {
            throw new IllegalArgumentException("a sample needs n >= 0, got " + n);
        }
        int size = size();
        int k = Math.min(n, size);
        int[] perm = new int[size];
        for (int i = 0; i < size; i++) {
            perm[i] = i;
        }
        // the first k steps of a Fisher-Yates shuffle choose k distinct images uniformly
        java.util.Random rnd = new java.util.Random(seed);
        for (int i = 0; i < k; i++) {
            int j = i + rnd.nextInt(size - i);
            int t = perm[i];
            perm[i] = perm[j];
            perm[j] = t;
        }
        int[] chosen = Arrays.copyOf(perm, k);
        Arrays.sort(chosen);
        return subset(chosen);
    }

    /** A new image set of images {@code from} (inclusive) to {@code to} (exclusive). */
    public ImageSet slice(int from, int to) {
        checkRange(from, to);
        int n = pixelsPerImage();
        return new ImageSet(name, height, width, numClasses, Arrays.copyOfRange(pixels, from * n, to * n),
                Arrays.copyOfRange(labels, from, to));
    }

    /** The same images under another name. */
    public ImageSet withName(String newName) {
        return new ImageSet(newName, height, width, numClasses, pixels, labels);
    }

    /** Images {@code from..to} as a float32 array of shape (B, height·width), owned by {@code manager}. */
    public NDArray toFlat(NDManager manager, int from, int to) {
        checkRange(from, to);
        int n = pixelsPerImage();
        return manager.create(java.nio.FloatBuffer.wrap(pixels, from * n, (to - from) * n).slice(),
                new Shape(to - from, n));
    }

    /** Images {@code from..to} as a float32 array of shape (B, 1, height, width), owned by {@code manager}. */
    public NDArray toImages(NDManager manager, int from, int to) {
        checkRange(from, to);
        int n = pixelsPerImage();
        return manager.create(java.nio.FloatBuffer.wrap(pixels, from * n, (to - from) * n).slice(),
                new Shape(to - from, 1, height, width));
    }

    /** Labels {@code from..to} as a float32 array of shape (B), the form DJL's losses take, owned by {@code manager}. */
    public NDArray toLabels(NDManager manager, int from, int to) {
        checkRange(from, to);
        float[] f = new float[to - from];
        for (int i = from; i < to; i++) {
            f[i - from] = labels[i];
        }
        return manager.create(f);
    }

    private void checkRange(int from, int to) {
        if (from < 0 || to > size() || from > to) {
            throw new IndexOutOfBoundsException("range " + from + ":" + to + " is outside 0:" + size() + " of " + name);
        }
    }

    @Override
    public String toString() {
        return name + ": " + size() + " images of " + height + "x" + width + ", " + numClasses + " classes";
    }
}
