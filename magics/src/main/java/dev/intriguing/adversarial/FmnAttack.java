package dev.intriguing.adversarial;

import java.util.Locale;

/**
 * Fast Minimum-Norm in L2 (Pintor et al. 2021), a recent minimal-norm attack: a perturbation δ and a radius ε adapted
 * together. Each step descends the logit margin along its normalised gradient (step α), then projects δ onto the
 * ε-ball and into the box. ε shrinks by (1 - γ) (never above the best adversarial norm) while the point is
 * adversarial, grows by (1 + γ) once an adversarial point has been seen and the point is not, and before any is seen
 * jumps to the linearised distance to the boundary, {@code ||δ|| + |margin| / ||grad||}. α and γ fall along a
 * cosine schedule. The least-norm adversarial point seen is returned. Ours uses the gradient's feasible part (pixels on
 * the box's edge that it would push outwards are dropped): on MNIST's black background the plain gradient stalls the
 * search below the boundary.
 *
 * <p>Published settings: 1,000 steps in the paper's experiments; α from 1 (in L2 units of [0, 1] pixels) down to
 * α / 100, γ from 0.05 down to 0.001. Ours take {@value #DEFAULT_STEPS} steps by default ({@code --steps} changes it);
 * one step is one model evaluation.
 */
public final class FmnAttack extends GradientAttack {
    public static final int DEFAULT_STEPS = 100;
    public static final double MAX_STEP = 1.0;
    public static final double MIN_STEP = MAX_STEP / 100;
    public static final double GAMMA = 0.05;
    public static final double MIN_GAMMA = 0.001;

    private final int steps;

    public FmnAttack(int steps, int batchSize) {
        super(batchSize);
        this.steps = checkedSteps(steps);
    }

    @Override
    public String name() {
        return "fmn";
    }

    /** The final radius ε of the search, in L2 units (not the RMS distortion). */
    @Override
    public String parameterName() {
        return "eps";
    }

    @Override
    Job newJob(int id, Task task, int numClasses, double budget) {
        return new FmnJob(id, task, numClasses);
    }

    private final class FmnJob extends Job {
        final double[] delta;
        double eps = Double.POSITIVE_INFINITY;
        boolean found;
        double bestNorm = Double.POSITIVE_INFINITY;
        float[] best;

        FmnJob(int id, Task task, int numClasses) {
            super(id, task, numClasses);
            delta = new double[n];
        }

        @Override
        void point(float[] dst, int off) {
            for (int i = 0; i < n; i++) {
                dst[off + i] = (float) Math.min(1, Math.max(0, x0[i] + delta[i]));
            }
        }

        @Override
        void lossGradient(int row, float[] z, int zoff, float[] w, int woff) {
            margin(task, z, zoff, k, w, woff);
        }

        @Override
        boolean absorb(float[] z, int zoff, float[] g, int goff) {
            double norm = norm2(delta);
            boolean adv = task.reached(argMax(z, zoff, k));
            if (adv && norm < bestNorm) {
                bestNorm = norm;
                best = image(x0, delta);
            }
            found |= adv;
            if (iterations >= steps || (adv && norm == 0)) {
                return true;
            }
            double cos = (1 + Math.cos(Math.PI * iterations / steps)) / 2;
            double alpha = MIN_STEP + (MAX_STEP - MIN_STEP) * cos;
            double gamma = MIN_GAMMA + (GAMMA - MIN_GAMMA) * cos;
            // the gradient's feasible part: a pixel on the box's edge cannot move outwards, and counting it would
            // underestimate the distance to the boundary (MNIST's many black pixels stall the search without this)
            for (int i = 0; i < n; i++) {
                double p = x0[i] + delta[i];
                float gi = g[goff + i];
                if ((p <= 0 && gi > 0) || (p >= 1 && gi < 0)) {
                    g[goff + i] = 0;
                }
            }
            double gnorm = norm2(g, goff, n);
            double margin = margin(task, z, zoff, k, null, 0);
            if (adv) {
                eps = Math.min(eps * (1 - gamma), bestNorm);
            } else if (found) {
                eps = eps * (1 + gamma);
            } else {
                eps = norm + Math.abs(margin) / (gnorm + 1e-12);
            }
            if (gnorm > 0) {
                for (int i = 0; i < n; i++) {
                    delta[i] -= alpha * g[goff + i] / gnorm;
                }
            }
            double after = norm2(delta);
            if (after > eps) {
                for (int i = 0; i < n; i++) {
                    delta[i] *= eps / after;
                }
            }
            clipToBox(x0, delta);
            iterations++;
            return false;
        }

        @Override
        Outcome outcome() {
            if (best != null) {
                return new Outcome(best, bestNorm, iterations, evaluations);
            }
            return new Outcome(image(x0, delta), eps, iterations, evaluations);
        }
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "fmn(norm=l2, steps=%d, step=%g..%g, gamma=%g..%g, batch=%d)", steps,
                MAX_STEP, MIN_STEP, GAMMA, MIN_GAMMA, batchSize());
    }
}
