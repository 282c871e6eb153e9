package dev.intriguing.spectral;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import dev.intriguing.adversarial.AttackResult;
import dev.intriguing.core.Progress;
import dev.intriguing.datasets.api.ImageSet;
import dev.intriguing.models.TrainedModel;
import java.util.Random;

/**
 * What the network actually does, measured with DJL: every number here is a ratio of an output change to an input
 * change, so it is a lower bound on the Lipschitz constant that the spectral product bounds from above.
 */
final class Empirical {
    /** Images per forward pass. */
    private static final int BATCH = 250;
    /** Step of the difference that steers the iteration: small against pre-activations, large against float32 rounding. */
    private static final float STEP = 1e-2f;

    private Empirical() {
    }

    /**
     * For each layer, the largest local gain ‖J_l(x)‖ of its output with respect to the input over {@code images}.
     *
     * <p>Per image, power iteration on J_lᵀJ_l: a unit direction v is mapped to u ≈ J_l v by a forward difference,
     * and u back to g = J_lᵀu exactly by one backward pass. ‖g‖ / ‖u‖ never exceeds ‖J_l(x)‖ whatever u is, so the
     * difference only steers the iteration and every reported value is a true lower bound on the layer's Lipschitz
     * constant. Only the maximum over images is reported, so after {@link #WARM} steps on every image the iteration
     * continues on the {@link #FOCUS} images with the largest estimates, until their maximum moves by less than 1e-4
     * of itself or {@code iterations} steps were taken. Each layer starts from the directions the layer before ended
     * with: J_l = D_l W_l J_{l−1}, so its top input direction is usually close.
     *
     * @return [layer] the maximum over images
     */
    static double[] maxJacobianNorms(TrainedModel model, ImageSet images, int iterations, Progress progress) {
        int layers = model.layers().size();
        int n = model.inputSize();
        double[] best = new double[layers];
        Random rnd = new Random(2013);
        int steps = layers * ((images.size() + BATCH - 1) / BATCH);
        int done = 0;
        for (int from = 0; from < images.size(); from += BATCH) {
            int to = Math.min(images.size(), from + BATCH);
            int b = to - from;
            float[] x = images.pixels(from, to);
            float[] v = new float[b * n];
            for (int i = 0; i < v.length; i++) {
                v[i] = (float) rnd.nextGaussian();
            }
            normalizeRows(v, b, n);
            for (int l = 0; l < layers; l++) {
                if (Progress.interrupted()) {
                    throw new IllegalStateException("interrupted while measuring gradient norms");
                }
                double[] est = new double[b];
                for (int it = 0; it < Math.min(WARM, iterations); it++) {
                    max(est, step(model, l, x, v, b, n));
                }
                if (iterations > WARM) {
                    int[] top = top(est, Math.min(FOCUS, b));
                    float[] xk = rows(x, top, n);
                    float[] vk = rows(v, top, n);
                    double[] ek = new double[top.length];
                    for (int j = 0; j < top.length; j++) {
                        ek[j] = est[top[j]];
                    }
                    double before = max(ek);
                    for (int it = WARM; it < iterations; it++) {
                        max(ek, step(model, l, xk, vk, top.length, n));
                        double now = max(ek);
                        boolean settled = now <= before * (1 + 1e-4);
                        before = now;
                        if (settled) {
                            break;
                        }
                    }
                    for (int j = 0; j < top.length; j++) {
                        est[top[j]] = ek[j];
                        System.arraycopy(vk, j * n, v, top[j] * n, n);
                    }
                }
                best[l] = Math.max(best[l], max(est));
                progress.update("gradient norms: layer " + model.layers().get(l).name() + ", images " + to + "/"
                        + images.size(), ++done / (double) steps);
            }
        }
        return best;
    }

    /** Steps of the power iteration on every image before it narrows to the largest estimates. */
    static final int WARM = 3;
    /** Images the power iteration continues on. */
    static final int FOCUS = 8;

    private static void max(double[] into, double[] next) {
        for (int i = 0; i < into.length; i++) {
            into[i] = Math.max(into[i], next[i]);
        }
    }

    private static double max(double[] a) {
        double m = 0;
        for (double v : a) {
            m = Math.max(m, v);
        }
        return m;
    }

    /** Indices of the k largest values. */
    private static int[] top(double[] a, int k) {
        return java.util.stream.IntStream.range(0, a.length).boxed()
                .sorted((i, j) -> Double.compare(a[j], a[i])).limit(k).mapToInt(Integer::intValue).toArray();
    }

    private static float[] rows(float[] a, int[] which, int n) {
        float[] out = new float[which.length * n];
        for (int j = 0; j < which.length; j++) {
            System.arraycopy(a, which[j] * n, out, j * n, n);
        }
        return out;
    }

    /**
     * One step for every image: u = (f(x + hv) − f(x)) / h, g = Jᵀu by backward; returns ‖g‖ / ‖u‖ per image and
     * replaces v by g / ‖g‖.
     */
    private static double[] step(TrainedModel model, int layer, float[] x, float[] v, int b, int n) {
        try (NDManager m = model.manager().newSubManager()) {
            Shape shape = new Shape(b, n);
            NDArray xs = m.create(x, shape);
            NDArray ahead = model.activations(xs.add(m.create(v, shape).mul(STEP)), layer).reshape(b, -1);
            xs.setRequiresGradient(true);
            NDArray u;
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray y = model.activations(xs, layer).reshape(b, -1);
                u = ahead.sub(y.stopGradient()).div(STEP);
                gc.backward(y.mul(u).sum());
            }
            float[] g = xs.getGradient().toFloatArray();
            float[] uf = u.toFloatArray();
            int k = uf.length / b;
            double[] out = new double[b];
            for (int i = 0; i < b; i++) {
                double nu = 0;
                for (int j = 0; j < k; j++) {
                    nu += (double) uf[i * k + j] * uf[i * k + j];
                }
                double ng = 0;
                for (int j = 0; j < n; j++) {
                    ng += (double) g[i * n + j] * g[i * n + j];
                }
                nu = Math.sqrt(nu);
                ng = Math.sqrt(ng);
                out[i] = nu > 0 ? ng / nu : 0;
                if (ng > 0) {
                    for (int j = 0; j < n; j++) {
                        v[i * n + j] = (float) (g[i * n + j] / ng);
                    }
                }
            }
            return out;
        }
    }

    private static void normalizeRows(float[] v, int rows, int n) {
        for (int i = 0; i < rows; i++) {
            double s = 0;
            for (int j = 0; j < n; j++) {
                s += (double) v[i * n + j] * v[i * n + j];
            }
            double norm = Math.sqrt(s);
            for (int j = 0; j < n; j++) {
                v[i * n + j] = (float) (v[i * n + j] / norm);
            }
        }
    }

    /**
     * For each layer, the largest ‖f_l(x + r) − f_l(x)‖ / ‖r‖ over the successful examples of {@code attack} with
     * r ≠ 0; NaN for every layer when there is none.
     */
    static double[] maxAdversarialRatios(TrainedModel model, AttackResult attack) {
        int layers = model.layers().size();
        double[] best = new double[layers];
        java.util.Arrays.fill(best, Double.NaN);
        ImageSet clean = attack.clean();
        ImageSet adv = attack.adversarial();
        int n = clean.pixelsPerImage();
        for (int from = 0; from < clean.size(); from += BATCH) {
            int to = Math.min(clean.size(), from + BATCH);
            int b = to - from;
            float[] xc = clean.pixels(from, to);
            float[] xa = adv.pixels(from, to);
            double[] rnorm = new double[b];
            for (int i = 0; i < b; i++) {
                double s = 0;
                for (int j = 0; j < n; j++) {
                    double d = (double) xa[i * n + j] - xc[i * n + j];
                    s += d * d;
                }
                rnorm[i] = Math.sqrt(s);
            }
            try (NDManager m = model.manager().newSubManager()) {
                NDArray c = m.create(xc, new Shape(b, n));
                NDArray a = m.create(xa, new Shape(b, n));
                for (int l = 0; l < layers; l++) {
                    float[] diff = model.activations(a, l).sub(model.activations(c, l)).reshape(b, -1).toFloatArray();
                    int k = diff.length / b;
                    for (int i = 0; i < b; i++) {
                        if (!attack.examples().get(from + i).success() || rnorm[i] == 0) {
                            continue;
                        }
                        double s = 0;
                        for (int j = 0; j < k; j++) {
                            s += (double) diff[i * k + j] * diff[i * k + j];
                        }
                        double ratio = Math.sqrt(s) / rnorm[i];
                        best[l] = Double.isNaN(best[l]) ? ratio : Math.max(best[l], ratio);
                    }
                }
            }
        }
        return best;
    }

    /** The logits of {@code images}, (size × classes) row-major. */
    static float[] logits(TrainedModel model, ImageSet images) {
        int k = model.numClasses();
        float[] out = new float[images.size() * k];
        for (int from = 0; from < images.size(); from += BATCH) {
            int to = Math.min(images.size(), from + BATCH);
            try (NDManager m = model.manager().newSubManager()) {
                float[] f = model.logits(images.toFlat(m, from, to)).toFloatArray();
                System.arraycopy(f, 0, out, from * k, f.length);
            }
        }
        return out;
    }
}
