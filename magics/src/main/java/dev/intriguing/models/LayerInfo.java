package dev.intriguing.models;

import java.util.Arrays;
import java.util.Locale;

/**
 * One addressable layer of a model: a weight layer followed by its nonlinearity (and pooling, for conv layers).
 *
 * <p>{@link TrainedModel#activations} at a layer is that layer's output after its nonlinearity; the last layer's
 * output is the logits. A conv layer carries its {@link ConvGeometry}, which operator-norm bounds and unit analyses
 * need beside the weight.
 *
 * <pre>{@code
 * m.layer("conv2")   // 1:conv2 conv W[32, 16, 5, 5] -> [32, 4, 4] relu+maxpool2
 * m.layer("conv2").geometry()   // ConvGeometry[kernel=5, stride=1, padding=0, pool=2]
 * }</pre>
 *
 * @param index       0-based position
 * @param name        {@code fc1}, {@code enc}, {@code conv1} ...
 * @param kind        {@link Kind#DENSE} or {@link Kind#CONV}
 * @param activation  the nonlinearity after the weight layer ({@link Activation#NONE} for the logits)
 * @param geometry    kernel, stride, padding and pooling of a conv layer; {@code null} for a dense layer
 * @param inputShape  shape of one example's input to the layer, e.g. [784], [1, 28, 28] or [16, 12, 12]
 * @param weightShape shape of the weight: (out, in) for dense, (filters, channels, kernel, kernel) for conv
 * @param outputShape shape of one example's output, e.g. [100] or [16, 12, 12] (after pooling)
 */
public record LayerInfo(int index, String name, Kind kind, Activation activation, ConvGeometry geometry,
                        long[] inputShape, long[] weightShape, long[] outputShape) {
    /** What the weight layer computes. */
    public enum Kind {
        /** A fully connected layer, {@code W x + b}. */
        DENSE,
        /** A 2-D convolution over (channels, height, width) inputs. */
        CONV;

        /** {@code dense} or {@code conv}, as tables show it. */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        @Override
        public String toString() {
            return label();
        }
    }

    /** The elementwise nonlinearity after the weight layer. */
    public enum Activation {
        SIGMOID,
        RELU,
        /** None: the layer's output is linear (the logits). */
        NONE;

        /** {@code sigmoid}, {@code relu} or {@code none}. */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        @Override
        public String toString() {
            return label();
        }
    }

    /**
     * The geometry of a conv layer: a square {@code kernel × kernel} filter moved by {@code stride} over an input
     * zero-padded by {@code padding} on each side, then (after the activation) {@code pool × pool} max-pooling with
     * stride {@code pool}; {@code pool} 1 means no pooling.
     */
    public record ConvGeometry(int kernel, int stride, int padding, int pool) {
        public ConvGeometry {
            if (kernel < 1 || stride < 1 || padding < 0 || pool < 1) {
                throw new IllegalArgumentException("conv geometry needs kernel, stride, pool >= 1 and padding >= 0; got "
                        + kernel + ", " + stride + ", " + padding + ", " + pool);
            }
        }

        /** The side of the convolution's output (before pooling) for an input of side {@code in}. */
        public long convolvedSide(long in) {
            return (in + 2L * padding - kernel) / stride + 1;
        }
    }

    public LayerInfo {
        if ((kind == Kind.CONV) != (geometry != null)) {
            throw new IllegalArgumentException("a conv layer has a geometry and a dense layer none; got " + kind + " with "
                    + geometry);
        }
    }

    /** Number of values in one example's output. */
    public long outputSize() {
        return Arrays.stream(outputShape).reduce(1, (a, b) -> a * b);
    }

    /** The activation as tables show it, with the pooling of a conv layer: {@code sigmoid}, {@code relu+maxpool2}. */
    public String activationLabel() {
        return activation.label() + (geometry != null && geometry.pool() > 1 ? "+maxpool" + geometry.pool() : "");
    }

    @Override
    public String toString() {
        return index + ":" + name + " " + kind + " W" + Arrays.toString(weightShape) + " -> " + Arrays.toString(outputShape)
                + " " + activationLabel();
    }
}
