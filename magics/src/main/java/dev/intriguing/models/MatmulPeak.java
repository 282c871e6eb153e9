package dev.intriguing.models;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * The matrix-multiply speed of this machine through DJL, the yardstick every benchmark's {@code share_of_peak} divides
 * by: one measurement for all of them, so their shares compare.
 */
public final class MatmulPeak {
    private MatmulPeak() {
    }

    /** GFLOP/s of a 1024 x 1024 x 1024 float32 product, best of five trials of 20: the machine's practical peak. */
    public static double gflops() {
        return gflops(1024, 1024, 1024, 20);
    }

    /** GFLOP/s of a {@code rows x inner} times {@code inner x cols} float32 product, best of five trials of {@code reps}. */
    public static double gflops(int rows, int inner, int cols, int reps) {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray a = m.randomUniform(0, 1, new Shape(rows, inner), DataType.FLOAT32);
            NDArray b = m.randomUniform(0, 1, new Shape(inner, cols), DataType.FLOAT32);
            a.dot(b).toFloatArray(); // warm-up
            double best = 0;
            for (int trial = 0; trial < 5; trial++) {
                long t0 = System.nanoTime();
                NDArray last = null;
                for (int r = 0; r < reps; r++) {
                    if (last != null) {
                        last.close();
                    }
                    last = a.dot(b);
                }
                last.toFloatArray(); // waits for the engine
                last.close();
                double s = (System.nanoTime() - t0) / 1e9;
                best = Math.max(best, 2.0 * rows * inner * cols * reps / s / 1e9);
            }
            return best;
        }
    }
}
