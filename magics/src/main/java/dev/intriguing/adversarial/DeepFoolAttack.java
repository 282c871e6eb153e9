package dev.intriguing.adversarial;

import java.util.Locale;

/**
 * DeepFool in L2 (Moosavi-Dezfooli et al. 2016): at each step, linearise the network around the current point and move
 * to the nearest linearised decision boundary (plus 1e-4), accumulating the steps; the image shown is
 * {@code x + (1 + overshoot) * r}, clipped into the box. Untargeted, every wrong class is a candidate and the step goes
 * to the closest boundary; targeted (our extension), the step goes to the boundary between the target and the
 * strongest other class.
 *
 * <p>Published defaults, which ours follow: overshoot 0.02, at most 50 steps, all classes as candidates. One step
 * needs the gradient of every logit difference: untargeted, k - 1 rows of the batch per example, so a step counts k - 1
 * model evaluations (a targeted step counts one).
 */
public final class DeepFoolAttack extends GradientAttack {
    /** The published overshoot. */
    public static final double OVERSHOOT = 0.02;
    /** The published step limit. */
    public static final int DEFAULT_STEPS = 50;

    private final int steps;

    public DeepFoolAttack(int steps, int batchSize) {
        super(batchSize);
        this.steps = checkedSteps(steps);
    }

    @Override
    public String name() {
        return "deepfool";
    }

    /** The overshoot applied to the returned image (constant). */
    @Override
    public String parameterName() {
        return "overshoot";
    }

    @Override
    Job newJob(int id, Task task, int numClasses, double budget) {
        return new DeepFoolJob(id, task, numClasses);
    }

    private final class DeepFoolJob extends Job {
        final double[] r;
        final double[] shown;
        float[] best;
        float[] last;

        DeepFoolJob(int id, Task task, int numClasses) {
            super(id, task, numClasses);
            r = new double[n];
            shown = new double[n];
        }

        @Override
        int rows() {
            return task.untargeted() ? k - 1 : 1;
        }

        @Override
        void point(float[] dst, int off) {
            for (int i = 0; i < n; i++) {
                shown[i] = (1 + OVERSHOOT) * r[i];
            }
            clipToBox(x0, shown);
            for (int i = 0; i < n; i++) {
                dst[off + i] = (float) (x0[i] + shown[i]);
            }
        }

        /** Row j's logit difference: (candidate - true class) untargeted, (target - strongest other) targeted. */
        @Override
        void lossGradient(int row, float[] z, int zoff, float[] w, int woff) {
            int[] pair = pair(row, z, zoff);
            w[woff + pair[0]] = 1;
            w[woff + pair[1]] = -1;
        }

        private int[] pair(int row, float[] z, int zoff) {
            if (task.untargeted()) {
                int y = task.label();
                return new int[] {row < y ? row : row + 1, y};
            }
            return new int[] {task.target(), argMaxExcept(z, zoff, k, task.target())};
        }

        @Override
        boolean absorb(float[] z, int zoff, float[] g, int goff) {
            if (task.reached(argMax(z, zoff, k))) {
                best = image(x0, shown);
                return true;
            }
            if (iterations >= steps) {
                last = image(x0, shown);
                return true;
            }
            int bestRow = -1;
            double bestRatio = Double.POSITIVE_INFINITY;
            double bestF = 0;
            double bestNorm = 0;
            for (int row = 0; row < rows(); row++) {
                int[] pair = pair(row, z, zoff + row * k);
                double f = z[zoff + row * k + pair[0]] - z[zoff + row * k + pair[1]];
                double norm = norm2(g, goff + row * n, n);
                double ratio = Math.abs(f) / (norm + 1e-12);
                if (norm > 0 && ratio < bestRatio) {
                    bestRatio = ratio;
                    bestRow = row;
                    bestF = f;
                    bestNorm = norm;
                }
            }
            if (bestRow < 0) {
                last = image(x0, shown);
                return true; // a flat gradient: nowhere to go
            }
            double scale = (Math.abs(bestF) + 1e-4) / (bestNorm * bestNorm);
            int off = goff + bestRow * n;
            for (int i = 0; i < n; i++) {
                r[i] += scale * g[off + i];
            }
            iterations++;
            return false;
        }

        @Override
        Outcome outcome() {
            return new Outcome(best != null ? best : last, OVERSHOOT, iterations, evaluations);
        }
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "deepfool(overshoot=%g, steps=%d, batch=%d)", OVERSHOOT, steps, batchSize());
    }
}
