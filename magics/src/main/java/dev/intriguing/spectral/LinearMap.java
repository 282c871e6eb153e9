package dev.intriguing.spectral;

/**
 * A real linear map R^n → R^m given by what it does to vectors: enough for power iteration, whether the map is a
 * stored matrix or a convolution that is never written down as one.
 */
public interface LinearMap {
    /** n, the length of an input vector. */
    int inputSize();

    /** m, the length of an output vector. */
    int outputSize();

    /** y = A x; {@code y} has length m and is overwritten. */
    void apply(double[] x, double[] y);

    /** x = Aᵀ y; {@code x} has length n and is overwritten. */
    void applyTranspose(double[] y, double[] x);

    /** A dense row-major matrix with {@code rows × cols} entries as a map R^cols → R^rows. */
    static LinearMap matrix(double[] a, int rows, int cols) {
        if (a.length != (long) rows * cols) {
            throw new IllegalArgumentException("a " + rows + " x " + cols + " matrix needs " + (long) rows * cols
                    + " entries; got " + a.length);
        }
        return new LinearMap() {
            @Override
            public int inputSize() {
                return cols;
            }

            @Override
            public int outputSize() {
                return rows;
            }

            @Override
            public void apply(double[] x, double[] y) {
                for (int i = 0; i < rows; i++) {
                    double s = 0;
                    int off = i * cols;
                    for (int j = 0; j < cols; j++) {
                        s += a[off + j] * x[j];
                    }
                    y[i] = s;
                }
            }

            @Override
            public void applyTranspose(double[] y, double[] x) {
                java.util.Arrays.fill(x, 0);
                for (int i = 0; i < rows; i++) {
                    double yi = y[i];
                    int off = i * cols;
                    for (int j = 0; j < cols; j++) {
                        x[j] += a[off + j] * yi;
                    }
                }
            }
        };
    }
}
