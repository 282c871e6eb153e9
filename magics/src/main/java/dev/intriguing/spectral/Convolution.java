package dev.intriguing.spectral;

import java.util.Arrays;

/**
 * A multi-channel convolution (cross-correlation, as deep learning computes it) written out as a linear map on
 * flattened (channels, height, width) vectors, with zero padding and stride, or with wrap-around boundaries.
 *
 * <p>It is the reference for {@link ConvSpectrum}: power iteration on this map must give the DFT's norm for the
 * circular case and stay below it for zero padding. Inputs and outputs are flattened channel-major, as DJL lays out
 * (C, H, W).
 */
final class Convolution implements LinearMap {
    private final double[] w;
    private final ConvGeometry g;
    private final boolean circular;
    private final int outH;
    private final int outW;

    private Convolution(double[] weights, ConvGeometry g, boolean circular) {
        if (weights.length != (long) g.filters() * g.channels() * g.kernelHeight() * g.kernelWidth()) {
            throw new IllegalArgumentException("kernel weights do not match " + g);
        }
        this.w = weights.clone();
        this.g = g;
        this.circular = circular;
        this.outH = circular ? g.inputHeight() : g.outputHeight();
        this.outW = circular ? g.inputWidth() : g.outputWidth();
    }

    /** The layer as it computes: zero padding, stride. */
    static Convolution zeroPadded(double[] weights, ConvGeometry g) {
        return new Convolution(weights, g, false);
    }

    /** The circular convolution on the input grid itself (stride 1; padding is ignored): what Eq. 1 diagonalises. */
    static Convolution circular(double[] weights, ConvGeometry g) {
        if (g.stride() != 1 || g.padding() != 0) {
            throw new IllegalArgumentException("the circular map is defined here for stride 1 and no padding");
        }
        return new Convolution(weights, g, true);
    }

    @Override
    public int inputSize() {
        return g.channels() * g.inputHeight() * g.inputWidth();
    }

    @Override
    public int outputSize() {
        return g.filters() * outH * outW;
    }

    /** The input index that output (i, j) reads at kernel tap (a, b), or −1 where it reads a padding zero. */
    private int source(int c, int i, int j, int a, int b) {
        int h = g.inputHeight();
        int wd = g.inputWidth();
        int r;
        int t;
        if (circular) {
            r = (i + a) % h;
            t = (j + b) % wd;
        } else {
            r = i * g.stride() + a - g.padding();
            t = j * g.stride() + b - g.padding();
            if (r < 0 || r >= h || t < 0 || t >= wd) {
                return -1;
            }
        }
        return (c * h + r) * wd + t;
    }

    @Override
    public void apply(double[] x, double[] y) {
        int kh = g.kernelHeight();
        int kw = g.kernelWidth();
        int cs = g.channels();
        for (int d = 0; d < g.filters(); d++) {
            for (int i = 0; i < outH; i++) {
                for (int j = 0; j < outW; j++) {
                    double s = 0;
                    for (int c = 0; c < cs; c++) {
                        int base = (d * cs + c) * kh * kw;
                        for (int a = 0; a < kh; a++) {
                            for (int b = 0; b < kw; b++) {
                                int src = source(c, i, j, a, b);
                                if (src >= 0) {
                                    s += w[base + a * kw + b] * x[src];
                                }
                            }
                        }
                    }
                    y[(d * outH + i) * outW + j] = s;
                }
            }
        }
    }

    @Override
    public void applyTranspose(double[] y, double[] x) {
        Arrays.fill(x, 0);
        int kh = g.kernelHeight();
        int kw = g.kernelWidth();
        int cs = g.channels();
        for (int d = 0; d < g.filters(); d++) {
            for (int i = 0; i < outH; i++) {
                for (int j = 0; j < outW; j++) {
                    double yv = y[(d * outH + i) * outW + j];
                    for (int c = 0; c < cs; c++) {
                        int base = (d * cs + c) * kh * kw;
                        for (int a = 0; a < kh; a++) {
                            for (int b = 0; b < kw; b++) {
                                int src = source(c, i, j, a, b);
                                if (src >= 0) {
                                    x[src] += w[base + a * kw + b] * yv;
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}
