package dev.intriguing.models;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import dev.intriguing.datasets.api.ImageSet;

/**
 * A trained network seen as a differentiable function from flat images to class scores: what attacks, transfer
 * experiments and unit analyses need of a model.
 *
 * <p>The contract between {@code models} and {@code adversarial}: {@link #logits} takes a float32 batch of shape
 * (B, {@link #inputSize()}) with pixels in [0, 1] and returns (B, {@link #numClasses()}) logits (pre-softmax), and it
 * is differentiable with respect to its input inside a DJL {@code GradientCollector}. It never changes the model's
 * parameters.
 */
public interface Classifier {
    /** The name the model is known by in the session (or its spec when unnamed). */
    String name();

    /** Pixels per input image, 784 for MNIST. */
    int inputSize();

    /** Number of classes, 10 for MNIST. */
    int numClasses();

    /**
     * The data set the model was trained on, and whose images it should be attacked and evaluated on: a name from
     * {@code Datasets.names()}, {@code mnist} unless the model knows otherwise.
     */
    default String dataSet() {
        return "mnist";
    }

    /** Logits (B, numClasses) for a batch x of shape (B, inputSize); differentiable with respect to x. */
    NDArray logits(NDArray x);

    /** Images per forward pass in {@link #predict} (large enough to keep the engine busy, small enough for memory). */
    int PREDICT_BATCH = 1000;

    /**
     * The predicted class of every image: forward passes of {@value #PREDICT_BATCH} images, each in its own
     * sub-manager, so nothing native outlives the call.
     *
     * <pre>{@code
     * a.predict(test.slice(0, 3))   // [7, 2, 1]
     * }</pre>
     */
    default int[] predict(ImageSet images) {
        int[] out = new int[images.size()];
        try (NDManager manager = NDManager.newBaseManager()) {
            for (int from = 0; from < images.size(); from += PREDICT_BATCH) {
                int to = Math.min(images.size(), from + PREDICT_BATCH);
                try (NDManager batch = manager.newSubManager()) {
                    int[] pred = logits(images.toFlat(batch, from, to)).argMax(1).toType(DataType.INT32, false)
                            .toIntArray();
                    System.arraycopy(pred, 0, out, from, to - from);
                }
            }
        }
        return out;
    }

    /**
     * Share of {@code images} whose predicted class differs from their label, in [0, 1] (NaN for an empty set).
     *
     * <pre>{@code
     * a.errorRate(test)              // 0.0178
     * a.errorRate(adv.adversarial()) // 1.0 after a successful attack
     * }</pre>
     */
    default double errorRate(ImageSet images) {
        if (images.size() == 0) {
            return Double.NaN;
        }
        int[] pred = predict(images);
        int wrong = 0;
        for (int i = 0; i < pred.length; i++) {
            wrong += pred[i] != images.label(i) ? 1 : 0;
        }
        return wrong / (double) pred.length;
    }

    /**
     * Floating-point operations of one forward pass for one example (a multiply-add counts as 2), for benchmarks
     * that report achieved FLOP/s; a backward pass costs about twice this.
     */
    long forwardFlopsPerExample();
}
