package dev.intriguing.adversarial;

import java.util.Locale;

/**
 * Carlini–Wagner L2 (Carlini and Wagner 2017): in tanh space, {@code x' = (tanh(w) + 1) / 2} (always inside the box),
 * Adam minimises {@code ||x' - x||^2 + c * max(margin, -kappa)} where the margin is {@code max_{i != t} z_i - z_t}
 * targeted and {@code z_y - max_{i != y} z_i} untargeted; a binary search on c per example (c grows tenfold until an
 * iterate succeeds, then bisects) keeps the least distorted successful iterate over every c.
 *
 * <p>Published defaults: 9 binary-search steps, 10,000 Adam steps per c at learning rate 0.01, initial c 1e-3,
 * kappa 0, early abort when the loss stops falling. Ours keep the binary search, c, kappa and abort, but take
 * {@value #DEFAULT_STEPS} Adam steps per c at learning rate {@value #LEARNING_RATE} (10,000 steps per c would cost
 * 90,000 model evaluations per example); {@code --steps} raises it. Each c restarts from the clean image, as published.
 */
public final class CarliniWagnerAttack extends GradientAttack {
    public static final int DEFAULT_STEPS = 100;
    public static final double LEARNING_RATE = 0.05;
    public static final int BINARY_STEPS = 9;
    public static final double INITIAL_C = 1e-3;
    public static final double KAPPA = 0;

    private final int steps;

    public CarliniWagnerAttack(int steps, int batchSize) {
        super(batchSize);
        this.steps = checkedSteps(steps);
    }

    @Override
    public String name() {
        return "cw";
    }

    /** The constant c of the returned image. */
    @Override
    public String parameterName() {
        return "c";
    }

    @Override
    Job newJob(int id, Task task, int numClasses, double budget) {
        return new CwJob(id, task, numClasses);
    }

    private final class CwJob extends Job {
        final double[] w0;
        final double[] w;
        final double[] x;
        final double[] m;
        final double[] v;
        int t;
        int step;
        int binary;
        double c = INITIAL_C;
        double lo;
        double hi = Double.POSITIVE_INFINITY;
        boolean succeededAtC;
        double lastCheck = Double.POSITIVE_INFINITY;
        float[] best;
        double bestSq = Double.POSITIVE_INFINITY;
        double bestC = Double.NaN;
        double margin;

        CwJob(int id, Task task, int numClasses) {
            super(id, task, numClasses);
            w0 = new double[n];
            for (int i = 0; i < n; i++) {
                double s = (2.0 * x0[i] - 1) * 0.999999;
                w0[i] = 0.5 * Math.log((1 + s) / (1 - s));
            }
            w = w0.clone();
            x = new double[n];
            m = new double[n];
            v = new double[n];
            toImage();
        }

        private void toImage() {
            for (int i = 0; i < n; i++) {
                x[i] = (Math.tanh(w[i]) + 1) / 2;
            }
        }

        @Override
        void point(float[] dst, int off) {
            for (int i = 0; i < n; i++) {
                dst[off + i] = (float) Math.min(1, Math.max(0, x[i]));
            }
        }

        @Override
        void lossGradient(int row, float[] z, int zoff, float[] wOut, int woff) {
            double mg = margin(task, z, zoff, k, wOut, woff);
            for (int i = 0; i < k; i++) {
                wOut[woff + i] *= mg > -KAPPA ? (float) c : 0f;
            }
        }

        @Override
        boolean absorb(float[] z, int zoff, float[] g, int goff) {
            double sq = 0;
            for (int i = 0; i < n; i++) {
                double d = x[i] - x0[i];
                sq += d * d;
            }
            margin = margin(task, z, zoff, k, null, 0);
            if (task.reached(argMax(z, zoff, k))) {
                succeededAtC = true;
                if (sq < bestSq) {
                    bestSq = sq;
                    bestC = c;
                    best = new float[n];
                    point(best, 0);
                }
            }
            double loss = sq + c * Math.max(margin, -KAPPA);
            boolean abort = step > 0 && step % Math.max(1, steps / 10) == 0 && loss > 0.9999 * lastCheck;
            if (step > 0 && step % Math.max(1, steps / 10) == 0) {
                lastCheck = loss;
            }
            if (step >= steps || abort) {
                return !nextC();
            }
            adam(g, goff);
            step++;
            iterations++;
            return false;
        }

        /** One Adam step on w (beta1 0.9, beta2 0.999) along the chain rule through tanh. */
        private void adam(float[] g, int goff) {
            t++;
            double b1 = 0.9;
            double b2 = 0.999;
            double corr1 = 1 - Math.pow(b1, t);
            double corr2 = 1 - Math.pow(b2, t);
            for (int i = 0; i < n; i++) {
                double th = 2 * x[i] - 1;
                double gx = 2 * (x[i] - x0[i]) + g[goff + i];
                double gw = gx * (1 - th * th) / 2;
                m[i] = b1 * m[i] + (1 - b1) * gw;
                v[i] = b2 * v[i] + (1 - b2) * gw * gw;
                w[i] -= LEARNING_RATE * (m[i] / corr1) / (Math.sqrt(v[i] / corr2) + 1e-8);
            }
            toImage();
        }

        /** The binary search on c: the next c from the clean start, or false when the search is over. */
        private boolean nextC() {
            if (succeededAtC) {
                hi = Math.min(hi, c);
            } else {
                lo = Math.max(lo, c);
            }
            binary++;
            if (binary >= BINARY_STEPS) {
                return false;
            }
            c = hi < Double.POSITIVE_INFINITY ? (lo + hi) / 2 : c * 10;
            System.arraycopy(w0, 0, w, 0, n);
            java.util.Arrays.fill(m, 0);
            java.util.Arrays.fill(v, 0);
            t = 0;
            step = 0;
            succeededAtC = false;
            lastCheck = Double.POSITIVE_INFINITY;
            toImage();
            return true;
        }

        @Override
        Outcome outcome() {
            if (best != null) {
                return new Outcome(best, bestC, iterations, evaluations);
            }
            float[] last = new float[n];
            point(last, 0);
            return new Outcome(last, c, iterations, evaluations);
        }
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "cw(binarySteps=%d, steps=%d, lr=%g, initialC=%g, kappa=%g, batch=%d)",
                BINARY_STEPS, steps, LEARNING_RATE, INITIAL_C, KAPPA, batchSize());
    }
}
