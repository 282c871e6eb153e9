package dev.intriguing.adversarial;

import java.util.ArrayList;
import java.util.List;

/**
 * Projected limited-memory BFGS for {@code min f(x)} subject to {@code lo <= x <= hi} on every coordinate: the inner
 * solver of the adversarial search.
 *
 * <p>Each iteration fixes the active set (coordinates at a bound whose gradient pushes outwards), builds a quasi-Newton
 * direction on the free coordinates with the two-loop recursion over the last {@code history} pairs (s, y), and takes
 * a projected backtracking line search {@code x(a) = P(x + a d)} with the Armijo condition
 * {@code f(x(a)) <= f(x) + armijo * g.(x(a) - x)}. Pairs with non-positive curvature are skipped; a direction that is
 * not a descent direction, or a line search that fails, resets the memory to steepest descent once before giving up.
 *
 * <p>The solver talks by reverse communication: {@link #begin} returns a {@link Minimization} whose {@link
 * Minimization#point()} is the next point to evaluate, and {@link Minimization#tell} hands back f and its gradient
 * there. So any number of minimisations, each with its own history, step and stopping state, share one batched
 * evaluation of the objective per round ({@link #minimizeAll}), and none makes a native call of its own.
 *
 * <pre>{@code
 * BoxLbfgs solver = BoxLbfgs.builder().optHistory(10).build();
 * BoxLbfgs.Minimization m = solver.begin(start);
 * while (!m.done()) { double[] x = m.point(); m.tell(f(x), grad(x)); }
 * m.x();   // the minimiser, inside [lo, hi] to the last coordinate
 * }</pre>
 */
public final class BoxLbfgs {
    /** Why a minimisation stopped. */
    public enum Stop {
        /** Still running. */
        RUNNING,
        /** The projected gradient's largest entry fell below the gradient tolerance. */
        GRADIENT,
        /** The objective's relative decrease in one iteration fell below the function tolerance. */
        FUNCTION,
        /** The iteration cap was reached. */
        ITERATIONS,
        /** No step along steepest descent decreased the objective enough (at the limit of precision). */
        LINE_SEARCH
    }

    private final int history;
    private final int maxIterations;
    private final double gradientTolerance;
    private final double functionTolerance;
    private final int maxLineSearch;
    private final double armijo;
    private final double lo;
    private final double hi;

    private BoxLbfgs(Builder b) {
        this.history = b.history;
        this.maxIterations = b.maxIterations;
        this.gradientTolerance = b.gradientTolerance;
        this.functionTolerance = b.functionTolerance;
        this.maxLineSearch = b.maxLineSearch;
        this.armijo = b.armijo;
        this.lo = b.lo;
        this.hi = b.hi;
    }

    /** A builder with the defaults documented on each {@code opt} method. */
    public static Builder builder() {
        return new Builder();
    }

    /** Pairs (s, y) kept. */
    public int history() {
        return history;
    }

    /** Iteration cap per minimisation. */
    public int maxIterations() {
        return maxIterations;
    }

    /** Starts a minimisation at {@code start} (projected into the box; the array is copied). */
    public Minimization begin(double[] start) {
        return new Minimization(start);
    }

    /** A function of many independent problems, evaluated together. */
    @FunctionalInterface
    public interface BatchFunction {
        /**
         * Evaluates problem {@code ids[k]} at {@code points[k]} for k < count, writing f into {@code values[k]} and the
         * gradient into {@code gradients[k]} (arrays of the problem's dimension, to fill).
         */
        void evaluate(int count, int[] ids, double[][] points, double[] values, double[][] gradients);
    }

    /**
     * Minimises many problems at once, one batched evaluation per round, until all have stopped.
     *
     * @return the finished minimisations, in the order of {@code starts}
     */
    public List<Minimization> minimizeAll(double[][] starts, BatchFunction fn) {
        List<Minimization> all = new ArrayList<>();
        for (double[] s : starts) {
            all.add(begin(s));
        }
        int n = starts.length;
        int[] ids = new int[n];
        double[][] pts = new double[n][];
        double[] vals = new double[n];
        double[][] grads = new double[n][];
        while (true) {
            int count = 0;
            for (int i = 0; i < n; i++) {
                Minimization m = all.get(i);
                if (!m.done()) {
                    ids[count] = i;
                    pts[count] = m.point();
                    if (grads[count] == null || grads[count].length != pts[count].length) {
                        grads[count] = new double[pts[count].length];
                    }
                    count++;
                }
            }
            if (count == 0) {
                return all;
            }
            fn.evaluate(count, ids, pts, vals, grads);
            for (int k = 0; k < count; k++) {
                all.get(ids[k]).tell(vals[k], grads[k]);
            }
        }
    }

    /** One minimisation in progress: its point, history, line search and stopping state. */
    public final class Minimization {
        private final int n;
        private final double[] x;
        private final double[] g;
        private double f;
        private final double[] trial;
        private final double[] d;
        private final double[] q;
        // the pairs are kept in float: half the memory traffic of the two-loop recursion, which dominates the
        // solver's time; x, g and all sums stay in double
        private final float[][] s;
        private final float[][] y;
        private final double[] rho;
        private final double[] yyOf;
        private final boolean[] active;
        private float[] sSpare;
        private float[] ySpare;
        private final double[] alpha;
        private int stored;
        private int newest = -1;
        private boolean started;
        private double step;
        private double slope;
        private int lineSteps;
        private boolean steepest;
        private int iterations;
        private int evaluations;
        private Stop stop = Stop.RUNNING;

        private Minimization(double[] start) {
            n = start.length;
            x = new double[n];
            for (int i = 0; i < n; i++) {
                x[i] = clamp(start[i]);
            }
            g = new double[n];
            trial = x.clone();
            d = new double[n];
            q = new double[n];
            s = new float[history][n];
            y = new float[history][n];
            rho = new double[history];
            yyOf = new double[history];
            active = new boolean[n];
            sSpare = new float[n];
            ySpare = new float[n];
            alpha = new double[history];
        }

        /** Whether it has stopped; see {@link #stop()}. */
        public boolean done() {
            return stop != Stop.RUNNING;
        }

        /** Why it stopped, or {@link Stop#RUNNING}. */
        public Stop stop() {
            return stop;
        }

        /** The point to evaluate next (do not modify). */
        public double[] point() {
            return trial;
        }

        /** The best point so far (the minimiser once done), always inside the box. */
        public double[] x() {
            return x;
        }

        /** The objective at {@link #x()}. */
        public double f() {
            return f;
        }

        /** Accepted steps so far. */
        public int iterations() {
            return iterations;
        }

        /** Evaluations of the objective so far. */
        public int evaluations() {
            return evaluations;
        }

        /**
         * Hands back f and its gradient at {@link #point()}; afterwards {@link #point()} is the next point to evaluate
         * unless {@link #done()}.
         */
        public void tell(double value, double[] gradient) {
            if (done()) {
                throw new IllegalStateException("this minimisation has stopped (" + stop + ")");
            }
            evaluations++;
            if (!started) {
                started = true;
                if (stationaryAt(value, gradient)) {
                    return;
                }
                newDirection();
                return;
            }
            // the trial point lies in trial[]; Armijo on the projected step
            double decrease = 0;
            for (int i = 0; i < n; i++) {
                decrease += g[i] * (trial[i] - x[i]);
            }
            if (Double.isFinite(value) && value <= f + armijo * decrease) {
                accept(value, gradient);
                return;
            }
            lineSteps++;
            if (lineSteps < maxLineSearch) {
                step *= 0.5;
                project();
                return;
            }
            if (!steepest) {
                // the quasi-Newton model misled us: forget it and try steepest descent once
                stored = 0;
                newest = -1;
                newDirection();
                return;
            }
            stop = Stop.LINE_SEARCH;
            System.arraycopy(x, 0, trial, 0, n);
        }

        /**
         * Continues from {@link #x()} on a changed objective {@code f' = Q + lambda (f - Q)}, where Q is a quadratic
         * whose Hessian is {@code kappa} times the identity (the adversarial objective {@code ||r||^2/n + c CE} when c
         * becomes {@code lambda c}, with {@code kappa = 2/n}), given f' and its gradient at {@link #x()}. No evaluation
         * is needed, and the stored pairs carry over exactly: each y becomes {@code lambda y + (1 - lambda) kappa s},
         * so the next minimisation starts with the curvature the last one learnt. Counters restart at zero.
         */
        public void restart(double value, double[] gradient, double lambda, double kappa) {
            double mix = (1 - lambda) * kappa;
            int k = newest;
            boolean keep = true;
            for (int j = 0; j < stored; j++) {
                float[] sk = s[k];
                float[] yk = y[k];
                double sy = 0;
                double yy = 0;
                for (int i = 0; i < n; i++) {
                    float yi = (float) (lambda * yk[i] + mix * sk[i]);
                    yk[i] = yi;
                    sy += (double) sk[i] * yi;
                    yy += (double) yi * yi;
                }
                if (!(sy > 1e-10 * yy && sy > 0)) {
                    keep = false; // curvature lost along an old step: start the model afresh rather than patch it
                }
                rho[k] = 1.0 / sy;
                yyOf[k] = yy;
                k = (k - 1 + history) % history;
            }
            if (!keep) {
                stored = 0;
                newest = -1;
            }
            iterations = 0;
            evaluations = 0;
            started = true;
            stop = Stop.RUNNING;
            if (stationaryAt(value, gradient)) {
                System.arraycopy(x, 0, trial, 0, n);
                return;
            }
            newDirection();
        }

        /**
         * Takes {@code value} and {@code gradient} as those of the current point x (classifying each coordinate's
         * bound); {@code true}, with the minimisation stopped, when x is already stationary or the value is not
         * finite.
         */
        private boolean stationaryAt(double value, double[] gradient) {
            f = value;
            double pg = 0;
            for (int i = 0; i < n; i++) {
                g[i] = gradient[i];
                pg = Math.max(pg, classify(i));
            }
            if (!Double.isFinite(value) || pg <= gradientTolerance) {
                stop = Stop.GRADIENT;
                return true;
            }
            return false;
        }

        /**
         * Takes the step: one pass stores the pair (s, y), moves x and g, and refreshes the active set, q and the
         * projected gradient.
         */
        private void accept(double value, double[] gradient) {
            float[] sNew = sSpare;
            float[] yNew = ySpare;
            double sy = 0;
            double yy = 0;
            double pg = 0;
            for (int i = 0; i < n; i++) {
                float si = (float) (trial[i] - x[i]);
                float yi = (float) (gradient[i] - g[i]);
                sNew[i] = si;
                yNew[i] = yi;
                sy += (double) si * yi;
                yy += (double) yi * yi;
                x[i] = trial[i];
                g[i] = gradient[i];
                pg = Math.max(pg, classify(i));
            }
            if (sy > 1e-10 * yy && sy > 0) {
                newest = (newest + 1) % history;
                sSpare = s[newest];
                ySpare = y[newest];
                s[newest] = sNew;
                y[newest] = yNew;
                rho[newest] = 1.0 / sy;
                yyOf[newest] = yy;
                stored = Math.min(stored + 1, history);
            }
            double previous = f;
            f = value;
            iterations++;
            if (pg <= gradientTolerance) {
                stop = Stop.GRADIENT;
            } else if (previous - f <= functionTolerance * Math.max(1.0, Math.max(Math.abs(previous), Math.abs(f)))) {
                stop = Stop.FUNCTION;
            } else if (iterations >= maxIterations) {
                stop = Stop.ITERATIONS;
            }
            if (!done()) {
                newDirection();
            }
        }

        /**
         * For coordinate i of the current x and g: whether it is active (at a bound, the gradient pushing outwards),
         * q[i] (g[i] off the active set, else 0), and the size of the projected gradient P(x - g) - x there.
         */
        private double classify(int i) {
            double xi = x[i];
            double gi = g[i];
            boolean a = (xi <= lo && gi > 0) || (xi >= hi && gi < 0);
            active[i] = a;
            q[i] = a ? 0 : gi;
            return Math.abs(clamp(xi - gi) - xi);
        }

        /** Sets d and the first trial point; the quasi-Newton direction on the free set, or steepest descent. */
        private void newDirection() {
            steepest = stored == 0;
            lineSteps = 0;
            if (!steepest) {
                twoLoop();
                step = 1.0;
                double gd = 0;
                for (int i = 0; i < n; i++) {
                    double di = active[i] ? 0 : -d[i];
                    d[i] = di;
                    gd += g[i] * di;
                    trial[i] = clamp(x[i] + di);
                }
                if (gd < 0) {
                    return;
                }
                stored = 0;
                newest = -1;
                steepest = true;
            }
            double gnorm = 0;
            for (int i = 0; i < n; i++) {
                d[i] = -q[i];
                gnorm = Math.max(gnorm, Math.abs(q[i]));
            }
            step = gnorm > 0 ? Math.min(1.0, 1.0 / gnorm) : 1.0;
            project();
        }

        /**
         * d = H q over the stored pairs, newest first, with the initial scaling s.y / y.y (the caller negates). Each
         * update of d and the dot product the next step needs share one pass over d (and the scaling joins the first
         * loop's last pass): half the passes of the textbook loops, with the same operations in the same order, so
         * the same numbers.
         */
        private void twoLoop() {
            double[] r = d;
            System.arraycopy(q, 0, r, 0, n);
            double gamma = 1.0 / (rho[newest] * yyOf[newest]);
            int k = newest;
            double a = rho[k] * dot(s[k], r);
            for (int j = 0; j < stored; j++) {
                alpha[k] = a;
                int next = (k - 1 + history) % history;
                if (j + 1 < stored) {
                    a = rho[next] * axpyDot(-a, y[k], r, s[next]);
                } else {
                    axpyScale(-a, y[k], r, gamma);
                }
                k = next;
            }
            k = (newest - stored + 1 + history) % history;
            double b = rho[k] * dot(y[k], r);
            for (int j = 0; j < stored; j++) {
                int next = (k + 1) % history;
                if (j + 1 < stored) {
                    b = rho[next] * axpyDot(alpha[k] - b, s[k], r, y[next]);
                } else {
                    axpy(alpha[k] - b, s[k], r);
                }
                k = next;
            }
        }

        private void project() {
            for (int i = 0; i < n; i++) {
                trial[i] = clamp(x[i] + step * d[i]);
            }
        }

        @Override
        public String toString() {
            return "Minimization[f=" + f + ", iterations=" + iterations + ", evaluations=" + evaluations + ", stop=" + stop
                    + "]";
        }
    }

    private double clamp(double v) {
        return v < lo ? lo : (v > hi ? hi : v);
    }

    /** Dot product with four accumulators, so the JIT can pipeline it. */
    static double dot(float[] a, double[] b) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int n = a.length;
        int i = 0;
        for (; i + 3 < n; i += 4) {
            s0 += a[i] * b[i];
            s1 += a[i + 1] * b[i + 1];
            s2 += a[i + 2] * b[i + 2];
            s3 += a[i + 3] * b[i + 3];
        }
        for (; i < n; i++) {
            s0 += a[i] * b[i];
        }
        return (s0 + s1) + (s2 + s3);
    }

    /**
     * y += a x, then the dot product of the updated y with z, in one pass; the same sums as {@code axpy} then {@link
     * #dot(float[], double[])}.
     */
    static double axpyDot(double a, float[] x, double[] y, float[] z) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int n = y.length;
        int i = 0;
        for (; i + 3 < n; i += 4) {
            double y0 = y[i] + a * x[i];
            double y1 = y[i + 1] + a * x[i + 1];
            double y2 = y[i + 2] + a * x[i + 2];
            double y3 = y[i + 3] + a * x[i + 3];
            y[i] = y0;
            y[i + 1] = y1;
            y[i + 2] = y2;
            y[i + 3] = y3;
            s0 += z[i] * y0;
            s1 += z[i + 1] * y1;
            s2 += z[i + 2] * y2;
            s3 += z[i + 3] * y3;
        }
        for (; i < n; i++) {
            double yi = y[i] + a * x[i];
            y[i] = yi;
            s0 += z[i] * yi;
        }
        return (s0 + s1) + (s2 + s3);
    }

    /** y = (y + a x) * scale, element by element. */
    static void axpyScale(double a, float[] x, double[] y, double scale) {
        for (int i = 0; i < y.length; i++) {
            y[i] = (y[i] + a * x[i]) * scale;
        }
    }

    static void axpy(double a, float[] x, double[] y) {
        for (int i = 0; i < y.length; i++) {
            y[i] += a * x[i];
        }
    }

    @Override
    public String toString() {
        return "BoxLbfgs[history=" + history + ", maxIterations=" + maxIterations + ", gradientTolerance="
                + gradientTolerance + ", functionTolerance=" + functionTolerance + ", maxLineSearch=" + maxLineSearch
                + ", box=[" + lo + ", " + hi + "]]";
    }

    /** Options of the solver, with DJL-style {@code opt} setters. */
    public static final class Builder {
        private int history = 5;
        private int maxIterations = 100;
        private double gradientTolerance = 1e-5;
        private double functionTolerance = 1e-9;
        private int maxLineSearch = 20;
        private double armijo = 1e-4;
        private double lo = 0;
        private double hi = 1;

        private Builder() {
        }

        /**
         * Pairs (s, y) kept for the inverse-Hessian model; default 5 (on FC100-100-10 it needs no more evaluations
         * than 10 or 20 and half the algebra).
         */
        public Builder optHistory(int history) {
            if (history < 1) {
                throw new IllegalArgumentException("history must be at least 1, got " + history);
            }
            this.history = history;
            return this;
        }

        /** Accepted steps before stopping; default 100. */
        public Builder optMaxIterations(int maxIterations) {
            if (maxIterations < 1) {
                throw new IllegalArgumentException("maxIterations must be at least 1, got " + maxIterations);
            }
            this.maxIterations = maxIterations;
            return this;
        }

        /** Stop when the projected gradient's largest entry is at most this; default 1e-5. */
        public Builder optGradientTolerance(double tolerance) {
            this.gradientTolerance = tolerance;
            return this;
        }

        /**
         * Stop when one iteration decreases f by at most this times max(1, |f|); default 1e-9 (near SciPy's
         * {@code factr=1e7} times machine epsilon).
         */
        public Builder optFunctionTolerance(double tolerance) {
            this.functionTolerance = tolerance;
            return this;
        }

        /** Halvings of the step before a line search fails; default 20. */
        public Builder optMaxLineSearch(int steps) {
            this.maxLineSearch = Math.max(1, steps);
            return this;
        }

        /** Armijo's sufficient-decrease constant; default 1e-4. */
        public Builder optArmijo(double armijo) {
            this.armijo = armijo;
            return this;
        }

        /** The box on every coordinate; default [0, 1]. */
        public Builder optBounds(double lo, double hi) {
            if (!(lo < hi)) {
                throw new IllegalArgumentException("bounds need lo < hi, got [" + lo + ", " + hi + "]");
            }
            this.lo = lo;
            this.hi = hi;
            return this;
        }

        public BoxLbfgs build() {
            return new BoxLbfgs(this);
        }
    }
}
