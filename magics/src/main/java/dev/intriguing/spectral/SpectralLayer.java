package dev.intriguing.spectral;

import dev.intriguing.models.LayerInfo;
import dev.intriguing.models.TrainedModel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntFunction;

/**
 * One layer as the bound sees it: a linear map (a dense matrix or a convolution, weights in double precision) and
 * the nonlinearity after it. Biases are left out: a translation does not change a Lipschitz constant.
 *
 * @param index        0-based position in the model
 * @param name         {@code fc1}, {@code conv2} ...
 * @param kind         dense or convolution
 * @param weights      the weights, row-major: (out, in) for dense, (filters, channels, kh, kw) for conv
 * @param rows         out (dense) or filters (conv)
 * @param cols         in (dense) or channels × kh × kw (conv)
 * @param geometry     the convolution's geometry, null for a dense layer
 * @param nonlinearity what follows the linear map
 */
public record SpectralLayer(int index, String name, Kind kind, double[] weights, int rows, int cols,
                            ConvGeometry geometry, Nonlinearity nonlinearity) {
    /** The linear part. */
    public enum Kind { DENSE, CONV }

    /** The layer kinds {@code LayerInfo.kind()} names that we can bound. */
    static final List<LayerInfo.Kind> KINDS = List.of(LayerInfo.Kind.DENSE, LayerInfo.Kind.CONV);

    /** The size as the paper's Table 5 writes it: in × out for a dense layer, C × k × k × D for a convolution. */
    public String size() {
        return kind == Kind.DENSE ? cols + "x" + rows : geometry.size();
    }

    /** The dense layer as a map R^in → R^out. */
    public LinearMap matrix() {
        if (kind != Kind.DENSE) {
            throw new IllegalStateException(name + " is a convolution");
        }
        return LinearMap.matrix(weights, rows, cols);
    }

    /** Row {@code r} of a dense layer's weights (output unit r). */
    public double[] row(int r) {
        return Arrays.copyOfRange(weights, r * cols, (r + 1) * cols);
    }

    /**
     * The layers of {@code model}, checked first and then read: a layer whose kind or nonlinearity cannot be bounded
     * gets an {@link IllegalArgumentException} that names it before any weight is copied.
     */
    public static List<SpectralLayer> of(TrainedModel model) {
        List<LayerInfo> infos = model.layers();
        check(model.name(), infos);
        int side = (int) Math.round(Math.sqrt(model.inputSize()));
        long[] input = side * side == model.inputSize() ? new long[] {1, side, side} : new long[] {model.inputSize()};
        return read(infos, input, i -> model.weight(i).toFloatArray());
    }

    /**
     * The layers described by {@code infos} with the weights {@code weights} gives for each index; {@code input} is one
     * example's input shape, (channels, height, width) when the first layer is a convolution.
     */
    static List<SpectralLayer> read(List<LayerInfo> infos, long[] input, IntFunction<float[]> weights) {
        List<SpectralLayer> out = new ArrayList<>();
        long[] in = input;
        for (LayerInfo info : infos) {
            Nonlinearity nl = Nonlinearity.of(info.activationLabel()).orElseThrow();
            float[] w = weights.apply(info.index());
            double[] wd = new double[w.length];
            for (int i = 0; i < w.length; i++) {
                wd[i] = w[i];
            }
            long[] ws = info.weightShape();
            if (info.kind() == LayerInfo.Kind.DENSE) {
                out.add(new SpectralLayer(info.index(), info.name(), Kind.DENSE, wd, (int) ws[0], (int) ws[1], null, nl));
            } else {
                ConvGeometry g = geometry(info, in, nl);
                out.add(new SpectralLayer(info.index(), info.name(), Kind.CONV, wd, (int) ws[0],
                        (int) (ws[1] * ws[2] * ws[3]), g, nl));
            }
            in = info.outputShape();
        }
        return List.copyOf(out);
    }

    /**
     * The convolution's geometry: kernels from the weight shape, stride and padding as {@code LayerInfo} declares them,
     * pooling from the nonlinearity, checked against the output shape.
     */
    static ConvGeometry geometry(LayerInfo info, long[] in, Nonlinearity nl) {
        long[] ws = info.weightShape();
        if (in.length != 3 || in[0] != ws[1]) {
            throw new IllegalArgumentException("layer " + info.name() + " convolves " + ws[1] + " channels, but its input"
                    + " has shape " + Arrays.toString(in));
        }
        LayerInfo.ConvGeometry declared = info.geometry();
        ConvGeometry g = new ConvGeometry((int) in[0], (int) in[1], (int) in[2], (int) ws[0], (int) ws[2], (int) ws[3],
                declared.stride(), declared.padding(), nl.pool());
        long[] expected = {g.filters(), g.outputHeight() / g.pool(), g.outputWidth() / g.pool()};
        if (!Arrays.equals(expected, info.outputShape())) {
            throw new IllegalArgumentException("layer " + info.name() + ": its output shape "
                    + Arrays.toString(info.outputShape()) + " is not what stride " + g.stride() + ", padding " + g.padding() + " and pool " + g.pool()
                    + " give (" + Arrays.toString(expected) + "); the convolution's geometry is not the one assumed");
        }
        return g;
    }

    /**
     * Checks that every layer can be bounded; the first that cannot is named with what is supported.
     *
     * @throws IllegalArgumentException naming the model, the layer, its kind and nonlinearity
     */
    static void check(String model, List<LayerInfo> infos) {
        if (infos.isEmpty()) {
            throw new IllegalArgumentException("Model " + model + " has no layers to bound.");
        }
        for (LayerInfo info : infos) {
            boolean kindOk = KINDS.contains(info.kind());
            boolean shapeOk = info.kind() == LayerInfo.Kind.DENSE ? info.weightShape().length == 2 : info.weightShape().length == 4;
            if (!kindOk || !shapeOk || Nonlinearity.of(info.activationLabel()).isEmpty()) {
                throw new IllegalArgumentException("Model " + model + " has a layer the Lipschitz bound does not cover: "
                        + info.name() + " (" + info.kind() + ", weight " + Arrays.toString(info.weightShape())
                        + ", activation " + info.activationLabel() + "). Supported: dense layers (weight out x in) and conv"
                        + " layers (weight filters x channels x kh x kw) followed by sigmoid, relu, relu+maxpool2 or"
                        + " none.");
            }
        }
    }

    /** Whether {@code info} is a dense layer without a nonlinearity: logits, whose margins can be certified. */
    static boolean givesLogits(LayerInfo info) {
        return info.kind() == LayerInfo.Kind.DENSE && Nonlinearity.of(info.activationLabel()).orElse(null) == Nonlinearity.NONE;
    }

    @Override
    public String toString() {
        return index + ":" + name + " " + kind + " " + size() + " " + nonlinearity.label();
    }
}
