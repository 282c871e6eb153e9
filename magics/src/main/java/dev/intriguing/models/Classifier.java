package dev.intriguing.models;

import ai.djl.ndarray.NDArray;

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

    /**
     * Floating-point operations of one forward pass for one example (a multiply-add counts as 2), for benchmarks
     * that report achieved FLOP/s; a backward pass costs about twice this.
     */
    long forwardFlopsPerExample();
}
