package dev.intriguing.spectral;

/**
 * The shape of a convolution layer: its input, its kernels, stride and zero padding, and the pooling after it.
 *
 * <p>The models package does not record this yet, so {@link SpectralLayer#of} derives it from the weights and the
 * layer's output shape (stride 1, no padding, as {@code Networks} builds the conv net, and checked against the
 * shapes); when {@code LayerInfo} carries the geometry, that one method reads it instead.
 *
 * @param channels     input channels C
 * @param inputHeight  input height, before padding
 * @param inputWidth   input width, before padding
 * @param filters      output channels D
 * @param kernelHeight kernel height
 * @param kernelWidth  kernel width
 * @param stride       stride of the convolution (both directions)
 * @param padding      zeros added on every side of the input
 * @param pool         window and stride of the max-pooling after the nonlinearity, 1 for none
 */
public record ConvGeometry(int channels, int inputHeight, int inputWidth, int filters, int kernelHeight,
                           int kernelWidth, int stride, int padding, int pool) {
    public ConvGeometry {
        if (channels < 1 || inputHeight < 1 || inputWidth < 1 || filters < 1 || kernelHeight < 1 || kernelWidth < 1
                || stride < 1 || padding < 0 || pool < 1) {
            throw new IllegalArgumentException("not a convolution geometry: " + channels + "x" + inputHeight + "x"
                    + inputWidth + " input, " + filters + " filters " + kernelHeight + "x" + kernelWidth + ", stride "
                    + stride + ", padding " + padding + ", pool " + pool);
        }
        if (kernelHeight > inputHeight + 2 * padding || kernelWidth > inputWidth + 2 * padding) {
            throw new IllegalArgumentException("a " + kernelHeight + "x" + kernelWidth + " kernel does not fit a "
                    + inputHeight + "x" + inputWidth + " input with padding " + padding);
        }
    }

    /** Height of the padded input: the size of the DFT grid of the paper's Eq. 1. */
    public int gridHeight() {
        return inputHeight + 2 * padding;
    }

    /** Width of the padded input. */
    public int gridWidth() {
        return inputWidth + 2 * padding;
    }

    /** Output height of the convolution, before pooling. */
    public int outputHeight() {
        return (gridHeight() - kernelHeight) / stride + 1;
    }

    /** Output width of the convolution, before pooling. */
    public int outputWidth() {
        return (gridWidth() - kernelWidth) / stride + 1;
    }

    /** The size as the paper's Table 5 writes it: channels × kernel × kernel × filters. */
    public String size() {
        return channels + "x" + kernelHeight + "x" + kernelWidth + "x" + filters;
    }
}
