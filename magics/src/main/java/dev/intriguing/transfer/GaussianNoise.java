package dev.intriguing.transfer;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.intriguing.adversarial.PerturbedSet;
import dev.intriguing.datasets.api.ImageSet;
import dev.intriguing.models.Classifier;
import java.util.Random;

/**
 * Gaussian noise added to clean images, seeded and clipped to the [0, 1] box: the paper's baseline rows ("Gaussian
 * noise, stddev=0.1") and noise curves.
 *
 * <p>The draw is fixed so anyone can recompute it: one {@link Random} seeded with {@code seed} gives
 * {@link Random#nextGaussian()} for every pixel, image after image, row-major; the noisy pixel is
 * {@code (float) clip(x + stddev * z, 0, 1)}. The same seed gives the same unit field {@code z} whatever the stddev,
 * so rows of different stddev differ only in scale. Clipping removes part of the noise (MNIST's background is 0, so
 * half its negative draws vanish), which is why {@link PerturbedSet#meanDistortion()} reports the RMS actually added.
 *
 * <pre>{@code
 * GaussianNoise.add(adv.clean(), 0.1, 0).meanDistortion()   // about 0.073 on MNIST: clipping removes a quarter
 * }</pre>
 */
public final class GaussianNoise {
    private GaussianNoise() {
    }

    /** The unit field {@code z} for {@code images}: one standard normal draw per pixel from {@code Random(seed)}. */
    public static double[] field(ImageSet images, long seed) {
        Random rnd = new Random(seed);
        double[] z = new double[images.size() * images.pixelsPerImage()];
        for (int i = 0; i < z.length; i++) {
            z[i] = rnd.nextGaussian();
        }
        return z;
    }

    /** {@code clean} plus {@code stddev} times the unit field {@code z}, clipped, as a {@link PerturbedSet}. */
    public static PerturbedSet apply(ImageSet clean, int[] indices, double[] z, double stddev, String name) {
        checkStddev(stddev);
        int n = clean.pixelsPerImage();
        if (z.length != clean.size() * n) {
            throw new IllegalArgumentException("a noise field of " + z.length + " values does not fit " + clean);
        }
        float[] pixels = new float[z.length];
        for (int i = 0; i < clean.size(); i++) {
            float[] x = clean.image(i);
            for (int j = 0; j < n; j++) {
                pixels[i * n + j] = (float) Math.min(1.0, Math.max(0.0, x[j] + stddev * z[i * n + j]));
            }
        }
        ImageSet noisy = ImageSet.of(clean.name() + "-noise", clean.height(), clean.width(), clean.numClasses(), pixels,
                clean.labels());
        return PerturbedSet.of(name, clean, noisy, indices, stddev);
    }

    /**
     * Noise of {@code stddev} on every image of {@code clean} (indexed from 0), drawn from {@code seed}.
     *
     * @throws IllegalArgumentException when {@code stddev} is negative or not finite
     */
    public static PerturbedSet add(ImageSet clean, double stddev, long seed) {
        checkStddev(stddev);
        int[] indices = java.util.stream.IntStream.range(0, clean.size()).toArray();
        return apply(clean, indices, field(clean, seed), stddev, "Gaussian noise, stddev=" + Format.number(stddev));
    }

    /**
     * The error rate of {@code model} on {@code clean} plus noise of {@code stddev}, the same draw as
     * {@link #add(ImageSet, double, long)} but <b>not clipped</b>: pixels leave [0, 1], so the noisy images cannot be an
     * {@link ImageSet} and go to the model as arrays, a thousand at a time.
     *
     * <p>For comparison with the paper only: its noise rows (Tables 2 and 4) match this reading. Clipped noise on
     * MNIST's black background keeps only its positive half, a mean brightening of about 0.4 stddev, which fools the
     * sigmoid networks far more often.
     *
     * <pre>{@code
     * GaussianNoise.unclippedErrorRate(fc100, train.slice(0, 1000), 0.3, 0)   // 0.044, where clipped noise gives 0.45
     * }</pre>
     */
    public static double unclippedErrorRate(Classifier model, ImageSet clean, double stddev, long seed) {
        checkStddev(stddev);
        if (clean.pixelsPerImage() != model.inputSize()) {
            throw new IllegalArgumentException("model " + model.name() + " takes " + model.inputSize()
                    + " pixels per image, the images have " + clean.pixelsPerImage());
        }
        if (clean.size() == 0) {
            return Double.NaN;
        }
        double[] z = field(clean, seed);
        int n = clean.pixelsPerImage();
        int wrong = 0;
        try (NDManager manager = NDManager.newBaseManager()) {
            for (int from = 0; from < clean.size(); from += Classifier.PREDICT_BATCH) {
                int to = Math.min(clean.size(), from + Classifier.PREDICT_BATCH);
                float[] x = clean.pixels(from, to);
                for (int i = 0; i < x.length; i++) {
                    x[i] = (float) (x[i] + stddev * z[from * n + i]);
                }
                try (NDManager batch = manager.newSubManager()) {
                    int[] pred = model.logits(batch.create(x, new Shape(to - from, n))).argMax(1)
                            .toType(DataType.INT32, false).toIntArray();
                    for (int i = 0; i < pred.length; i++) {
                        wrong += pred[i] != clean.label(from + i) ? 1 : 0;
                    }
                }
            }
        }
        return wrong / (double) clean.size();
    }

    static void checkStddev(double stddev) {
        if (!(stddev >= 0 && stddev < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("a noise stddev is a finite number at least 0; got " + stddev);
        }
    }
}
