package dev.intriguing.adversarial;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import dev.intriguing.models.Classifier;

/**
 * An independent single-example reference for the attack: the same problem ({@code ||r||^2/n + c CE}, box [0, 1],
 * c grown by 10 from 1e-3 then bisected geometrically six times, success judged at each minimiser) solved with a
 * different method, the spectral projected gradient of Birgin, Martinez and Raydan with a non-monotone line search,
 * run to a tight tolerance, one example and one engine call at a time. Written apart from {@link BoxLbfgs}.
 */
final class ReferenceAttack {
    private final Classifier model;
    private final int n;
    /** Evaluations of the last {@link #distortion} call. */
    long evaluations;

    ReferenceAttack(Classifier model) {
        this.model = model;
        this.n = model.inputSize();
    }

    /** Smallest distortion found for {@code clean} towards {@code target}, or NaN when no c succeeds. */
    double distortion(float[] clean, int target) {
        evaluations = 0;
        double lo = 0;
        double hi = Double.POSITIVE_INFINITY;
        double c = 1e-3;
        double best = Double.NaN;
        int grown = 0;
        int halved = 0;
        while (true) {
            double[] x = new double[n];
            int label = minimise(clean, target, c, x);
            if (label == target) {
                double s = 0;
                for (int i = 0; i < n; i++) {
                    s += (x[i] - clean[i]) * (x[i] - clean[i]);
                }
                double d = Math.sqrt(s / n);
                best = Double.isNaN(best) ? d : Math.min(best, d);
                hi = Math.min(hi, c);
            } else {
                lo = Math.max(lo, c);
            }
            if (hi == Double.POSITIVE_INFINITY) {
                if (grown++ >= 6) {
                    return best;
                }
                c *= 10;
            } else {
                if (halved++ >= 6) {
                    return best;
                }
                c = lo > 0 ? Math.sqrt(lo * hi) : hi / 10;
            }
        }
    }

    /** SPG from the clean image; leaves the minimiser in x and returns its predicted class. */
    private int minimise(float[] clean, int target, double c, double[] x) {
        for (int i = 0; i < n; i++) {
            x[i] = clean[i];
        }
        double[] g = new double[n];
        int[] label = new int[1];
        double f = objective(clean, target, c, x, g, label);
        double[] recent = new double[10];
        java.util.Arrays.fill(recent, f);
        double alpha = 1;
        double[] d = new double[n];
        double[] xn = new double[n];
        double[] gn = new double[n];
        int[] labeln = new int[1];
        for (int it = 0; it < 3000; it++) {
            double pg = 0;
            for (int i = 0; i < n; i++) {
                pg = Math.max(pg, Math.abs(Math.min(1, Math.max(0, x[i] - g[i])) - x[i]));
            }
            if (pg < 1e-7) {
                break;
            }
            double gd = 0;
            for (int i = 0; i < n; i++) {
                d[i] = Math.min(1, Math.max(0, x[i] - alpha * g[i])) - x[i];
                gd += g[i] * d[i];
            }
            double fmax = recent[0];
            for (double r : recent) {
                fmax = Math.max(fmax, r);
            }
            double lambda = 1;
            double fn;
            while (true) {
                for (int i = 0; i < n; i++) {
                    xn[i] = x[i] + lambda * d[i];
                }
                fn = objective(clean, target, c, xn, gn, labeln);
                if (fn <= fmax + 1e-4 * lambda * gd || lambda < 1e-12) {
                    break;
                }
                lambda *= 0.5;
            }
            double ss = 0;
            double sy = 0;
            for (int i = 0; i < n; i++) {
                double s = xn[i] - x[i];
                ss += s * s;
                sy += s * (gn[i] - g[i]);
            }
            alpha = sy > 0 ? Math.min(1e10, Math.max(1e-10, ss / sy)) : 1e10;
            System.arraycopy(recent, 1, recent, 0, recent.length - 1);
            recent[recent.length - 1] = fn;
            double fOld = f;
            System.arraycopy(xn, 0, x, 0, n);
            System.arraycopy(gn, 0, g, 0, n);
            f = fn;
            label[0] = labeln[0];
            if (Math.abs(fOld - f) < 1e-14 * Math.max(1, Math.abs(f)) && lambda < 1e-12) {
                break;
            }
        }
        return label[0];
    }

    private double objective(float[] clean, int target, double c, double[] x, double[] g, int[] label) {
        evaluations++;
        float[] xf = new float[n];
        for (int i = 0; i < n; i++) {
            xf[i] = (float) x[i];
        }
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray in = m.create(xf, new Shape(1, n));
            in.setRequiresGradient(true);
            NDArray logits;
            NDArray ce;
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                logits = model.logits(in);
                ce = logits.logSoftmax(1).get(0, target).neg();
                gc.backward(ce);
            }
            float[] gce = in.getGradient().toFloatArray();
            float[] z = logits.toFloatArray();
            int arg = 0;
            for (int k = 1; k < z.length; k++) {
                if (z[k] > z[arg]) {
                    arg = k;
                }
            }
            label[0] = arg;
            double sq = 0;
            for (int i = 0; i < n; i++) {
                double r = x[i] - clean[i];
                sq += r * r;
                g[i] = 2 * r / n + c * gce[i];
            }
            return sq / n + c * ce.getFloat();
        }
    }
}
