package dev.intriguing.models;

import java.util.Arrays;

/**
 * One addressable layer of a model: a weight layer followed by its nonlinearity (and pooling, for conv layers).
 *
 * <p>{@link TrainedModel#activations} at a layer is that layer's output after its nonlinearity; the last layer's
 * output is the logits.
 *
 * @param index       0-based position
 * @param name        {@code fc1}, {@code enc}, {@code conv1} ...
 * @param kind        {@code dense} or {@code conv}
 * @param activation  {@code sigmoid}, {@code relu+maxpool2}, {@code relu} or {@code none} (logits)
 * @param weightShape shape of the weight: (out, in) for dense, (filters, channels, 5, 5) for conv
 * @param outputShape shape of one example's output, e.g. [100] or [16, 12, 12]
 */
public record LayerInfo(int index, String name, String kind, String activation, long[] weightShape, long[] outputShape) {
    /** Number of values in one example's output. */
    public long outputSize() {
        return Arrays.stream(outputShape).reduce(1, (a, b) -> a * b);
    }

    @Override
    public String toString() {
        return index + ":" + name + " " + kind + " W" + Arrays.toString(weightShape) + " -> " + Arrays.toString(outputShape)
                + " " + activation;
    }
}
