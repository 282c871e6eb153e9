package dev.intriguing.units;

import ai.djl.ndarray.NDArray;
import dev.intriguing.core.Progress;
import dev.intriguing.datasets.api.ImageSet;
import dev.intriguing.models.ModelSpec;
import dev.intriguing.models.ModelTrainer;
import dev.intriguing.models.TrainOptions;
import dev.intriguing.models.TrainedModel;
import java.nio.FloatBuffer;
import java.util.Random;

/** Synthetic image sets and hand-built networks for the units tests. */
public final class UnitsFixtures {
    /** Classes of the synthetic set. */
    public static final int CLASSES = 10;
    /** Images per class of the synthetic set. */
    public static final int PER_CLASS = 20;
    /** Hidden units of the label network: unit j fires only for label j mod 10. */
    public static final int LABEL_UNITS = 40;

    private UnitsFixtures() {
    }

    /**
     * 200 images, 20 per label: pixel j (j < 40) of an image of label y is bright, with a random brightness in
     * [0.1, 1], exactly when j mod 10 = y; every other pixel is black.
     */
    public static ImageSet synthetic() {
        Random rnd = new Random(11);
        int n = CLASSES * PER_CLASS;
        float[] px = new float[n * 784];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            int y = i % CLASSES;
            labels[i] = y;
            for (int j = y; j < LABEL_UNITS; j += CLASSES) {
                px[i * 784 + j] = 0.1f + 0.9f * rnd.nextFloat();
            }
        }
        return ImageSet.of("synthetic", 28, 28, CLASSES, px, labels);
    }

    /** A network of spec {@code spec} briefly trained on {@code data}; its weights are then set by the caller. */
    public static TrainedModel untrained(String spec, ImageSet data) {
        ModelSpec s = ModelSpec.parse(spec);
        return ModelTrainer.train(s, TrainOptions.defaults(s).withEpochs(1).withSeed(1), data, data, Progress.NONE);
    }

    /**
     * fc40-10 whose layer-1 unit j fires only for label j mod 10: it reads pixel j alone with weight 12 and bias -6,
     * so it is sigmoid(-6) = 0.0025 on every other label and grows with the pixel's brightness on its own.
     */
    public static TrainedModel labelNetwork(ImageSet data) {
        TrainedModel m = untrained("fc" + LABEL_UNITS + "-10", data);
        float[] w = new float[LABEL_UNITS * 784];
        float[] b = new float[LABEL_UNITS];
        for (int j = 0; j < LABEL_UNITS; j++) {
            w[j * 784 + j] = 12f;
            b[j] = -6f;
        }
        set(m.weight(0), w);
        set(m.bias(0), b);
        return m;
    }

    /** fc{units}-10 with layer-1 weights drawn from N(0, 0.01²) and zero biases: a network with random weights. */
    public static TrainedModel randomNetwork(int units, ImageSet data, long seed) {
        TrainedModel m = untrained("fc" + units + "-10", data);
        Random rnd = new Random(seed);
        float[] w = new float[units * 784];
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) (0.01 * rnd.nextGaussian());
        }
        set(m.weight(0), w);
        set(m.bias(0), new float[units]);
        return m;
    }

    private static void set(NDArray array, float[] values) {
        array.set(FloatBuffer.wrap(values));
    }
}
