package dev.intriguing.spectral;

/**
 * The operator norm of a multi-channel convolution from the 2-D DFT of its kernels (the paper's Eq. 1).
 *
 * <p>On an N_h × N_w grid with wrap-around (circular) boundaries, a convolution with D filters over C channels is
 * block-diagonalised by the 2-D DFT: at each frequency ξ it acts as the D × C complex matrix A(ξ) of the transformed
 * kernels, A(ξ)[d][c] = Σ_{a,b} w[d][c][a][b] e^{−2πi(a ξ_1 / N_h + b ξ_2 / N_w)}. Its singular values are those of all
 * the A(ξ) together, so its operator norm is max_ξ σ_max(A(ξ)), exactly. The same holds for cross-correlation, which
 * deep learning calls convolution: it conjugates A(ξ) and flips ξ, neither of which changes a singular value.
 *
 * <p>A layer that pads its input with p zeros (p = 0 for a "valid" convolution) is the circular convolution on the
 * padded grid N = n + 2p restricted to inputs that are zero on the border and read only at outputs that do not wrap
 * around; restricting a map never increases its norm, so the circular norm on the padded grid is an upper bound for
 * it. A stride s > 1 keeps every s-th output of the stride-1 map, again a restriction, so we use the stride-1 bound.
 *
 * <p>The kernels are transformed directly and separably (rows, then columns): for a k × k kernel that is k·N_w + k·N_h·N_w
 * complex multiply-adds per kernel, less than a radix-2 FFT of the padded kernel when k is much smaller than N, and
 * it works for any N (28 and 12 here, neither a power of two). A real kernel gives A(−ξ) = conj(A(ξ)), which has the
 * same singular values, so only half the frequencies are solved. Each A(ξ) is solved exactly: σ_max² is the largest
 * eigenvalue of the smaller of the Hermitian Gram matrices AᴴA and AAᴴ, found by {@link Jacobi} on its real
 * symmetric embedding [[Re G, −Im G], [Im G, Re G]] (whose eigenvalues are G's, each twice).
 *
 * <pre>{@code
 * SpectralLayer conv2 = SpectralLayer.of(c).get(1);     // 16x5x5x32 on a 12x12 input
 * ConvSpectrum.norm(conv2.weights(), conv2.geometry())
 * // Result[norm=10.65..., peakRow=0, peakCol=0, gridHeight=12, gridWidth=12]
 * }</pre>
 */
public final class ConvSpectrum {
    private ConvSpectrum() {
    }

    /**
     * The norm and where it is attained.
     *
     * @param norm       max over frequencies of σ_max(A(ξ))
     * @param peakRow    ξ_1 of the frequency that attains it
     * @param peakCol    ξ_2 of that frequency
     * @param gridHeight N_h
     * @param gridWidth  N_w
     */
    public record Result(double norm, int peakRow, int peakCol, int gridHeight, int gridWidth) {
    }

    /**
     * The operator norm bound of a convolution layer: its kernels {@code weights} in (filters, channels, kh, kw)
     * order, on the padded input grid of {@code g}.
     */
    public static Result norm(double[] weights, ConvGeometry g) {
        return circularNorm(weights, g.filters(), g.channels(), g.kernelHeight(), g.kernelWidth(), g.gridHeight(),
                g.gridWidth());
    }

    /**
     * The exact operator norm of the circular convolution with {@code weights} (D, C, kh, kw) on an nh × nw grid.
     */
    public static Result circularNorm(double[] weights, int filters, int channels, int kh, int kw, int nh, int nw) {
        if (weights.length != (long) filters * channels * kh * kw) {
            throw new IllegalArgumentException("expected " + filters + "x" + channels + "x" + kh + "x" + kw
                    + " kernel weights; got " + weights.length + " values");
        }
        if (kh > nh || kw > nw) {
            throw new IllegalArgumentException("a " + kh + "x" + kw + " kernel does not fit a " + nh + "x" + nw + " grid");
        }
        int dc = filters * channels;
        // spectrum[(u * nw + v) * dc + d * channels + c], real and imaginary parts
        double[] re = new double[nh * nw * dc];
        double[] im = new double[nh * nw * dc];
        double[] cosW = twiddles(nw, kw, true);
        double[] sinW = twiddles(nw, kw, false);
        double[] cosH = twiddles(nh, kh, true);
        double[] sinH = twiddles(nh, kh, false);
        double[] rowRe = new double[kh * nw];
        double[] rowIm = new double[kh * nw];
        for (int k = 0; k < dc; k++) {
            int base = k * kh * kw;
            // along each kernel row: T[a][v] = Σ_b w[a][b] e^{−2πi b v / nw}
            for (int a = 0; a < kh; a++) {
                for (int v = 0; v < nw; v++) {
                    double sr = 0;
                    double si = 0;
                    for (int b = 0; b < kw; b++) {
                        double w = weights[base + a * kw + b];
                        sr += w * cosW[b * nw + v];
                        si -= w * sinW[b * nw + v];
                    }
                    rowRe[a * nw + v] = sr;
                    rowIm[a * nw + v] = si;
                }
            }
            // then down the columns: K[u][v] = Σ_a T[a][v] e^{−2πi a u / nh}
            for (int u = 0; u < nh; u++) {
                for (int v = 0; v < nw; v++) {
                    double sr = 0;
                    double si = 0;
                    for (int a = 0; a < kh; a++) {
                        double c = cosH[a * nh + u];
                        double s = sinH[a * nh + u];
                        double tr = rowRe[a * nw + v];
                        double ti = rowIm[a * nw + v];
                        // (tr + i ti)(c − i s)
                        sr += tr * c + ti * s;
                        si += ti * c - tr * s;
                    }
                    int at = (u * nw + v) * dc + k;
                    re[at] = sr;
                    im[at] = si;
                }
            }
        }
        double best = -1;
        int bestU = 0;
        int bestV = 0;
        for (int u = 0; u < nh; u++) {
            for (int v = 0; v < nw; v++) {
                int mu = (nh - u) % nh;
                int mv = (nw - v) % nw;
                if (mu * nw + mv < u * nw + v) {
                    continue; // the conjugate frequency, already solved
                }
                double s = largestSingularValue(re, im, (u * nw + v) * dc, filters, channels);
                if (s > best) {
                    best = s;
                    bestU = u;
                    bestV = v;
                }
            }
        }
        return new Result(best, bestU, bestV, nh, nw);
    }

    /** cos or sin of 2π j t / n for j < taps and t < n, as [j * n + t]; exact for multiples of a quarter turn. */
    private static double[] twiddles(int n, int taps, boolean cos) {
        double[] out = new double[taps * n];
        for (int j = 0; j < taps; j++) {
            for (int t = 0; t < n; t++) {
                long r = ((long) j * t) % n;
                double angle = 2 * Math.PI * r / n;
                out[j * n + t] = cos ? Math.cos(angle) : Math.sin(angle);
            }
        }
        return out;
    }

    /** σ_max of the D × C complex matrix at {@code off} (row-major), exactly. */
    static double largestSingularValue(double[] re, double[] im, int off, int rows, int cols) {
        boolean colsSide = cols <= rows;
        int m = colsSide ? cols : rows;
        // G = AᴴA (C × C) or AAᴴ (D × D), whichever is smaller; Hermitian
        double[] gr = new double[m * m];
        double[] gi = new double[m * m];
        for (int i = 0; i < m; i++) {
            for (int j = i; j < m; j++) {
                double sr = 0;
                double si = 0;
                if (colsSide) {
                    for (int d = 0; d < rows; d++) {
                        // conj(A[d][i]) A[d][j]
                        double ar = re[off + d * cols + i];
                        double ai = im[off + d * cols + i];
                        double br = re[off + d * cols + j];
                        double bi = im[off + d * cols + j];
                        sr += ar * br + ai * bi;
                        si += ar * bi - ai * br;
                    }
                } else {
                    for (int c = 0; c < cols; c++) {
                        // A[i][c] conj(A[j][c])
                        double ar = re[off + i * cols + c];
                        double ai = im[off + i * cols + c];
                        double br = re[off + j * cols + c];
                        double bi = im[off + j * cols + c];
                        sr += ar * br + ai * bi;
                        si += ai * br - ar * bi;
                    }
                }
                gr[i * m + j] = sr;
                gr[j * m + i] = sr;
                gi[i * m + j] = si;
                gi[j * m + i] = -si;
            }
        }
        if (m == 1) {
            return Math.sqrt(Math.max(0, gr[0]));
        }
        int n2 = 2 * m;
        double[] real = new double[n2 * n2];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < m; j++) {
                real[i * n2 + j] = gr[i * m + j];
                real[(i + m) * n2 + j + m] = gr[i * m + j];
                real[i * n2 + j + m] = -gi[i * m + j];
                real[(i + m) * n2 + j] = gi[i * m + j];
            }
        }
        return Math.sqrt(Math.max(0, Jacobi.symmetricEigenvalues(real, n2)[0]));
    }
}
