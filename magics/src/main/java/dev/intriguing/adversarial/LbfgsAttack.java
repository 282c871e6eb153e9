package dev.intriguing.adversarial;

import ai.djl.ndarray.NDManager;
import dev.intriguing.core.Progress;
import dev.intriguing.models.Classifier;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;

/**
 * The paper's attack (Szegedy et al. 2013, section 4.1): for an image x of class y and a target l, the smallest r
 * with x + r in [0, 1]^n that the network classifies as l, found by box-constrained L-BFGS on
 * {@code ||r||^2 / n + c * CE(f(x + r), l)} and a search on c per example.
 *
 * <p>The paper writes the weight on the distortion term, {@code c|r| + loss}; like Foolbox and CleverHans we put it on
 * the loss, which is the same family of problems with c inverted. For each example c starts at {@link
 * Builder#optInitialC}, grows by {@link Builder#optGrowth} until the minimiser is classified l, then is bisected
 * geometrically between the largest failing and the smallest succeeding c for {@link Builder#optBisections} steps;
 * the successful point of smallest distortion seen is returned (any evaluated point counts, not only minimisers).
 *
 * <p>Batched: up to {@link Builder#optBatchSize} examples are in flight at once, each with its own c, its own
 * {@link BoxLbfgs.Minimization} (history, line search step, stopping state); one round is one forward and backward
 * pass over the examples in flight, and a finished example's slot is refilled with the next one. The L-BFGS algebra
 * runs in Java on each example's vectors, so nothing per example calls the engine. An example's answer does not
 * depend on the batch it ran in (up to the engine's float rounding).
 *
 * <p>Under an untargeted criterion every wrong class is aimed at in turn, each search succeeding on any wrong class,
 * and the result keeps the least distorted: the minimal untargeted distortion is the smallest over the targets, at
 * nine times the cost of one target on MNIST.
 *
 * <p>With {@link Builder#optWarmStart} (default on) each new c continues from the previous c's minimiser instead of
 * the clean image: the objective there is known from the last evaluation (so the new c costs no evaluation to start)
 * and the solver keeps its curvature pairs, rescaled exactly to the new c ({@link BoxLbfgs.Minimization#restart}).
 * After the search, {@link Builder#optBoundarySteps} evaluations walk back along the ray from the clean image to the
 * best point, to where the logit margin crosses the decision boundary. {@link AdversarialBenchmark} measures this
 * against the plain schedule.
 *
 * <p>A solve for one c also ends when it has stalled: its last {@link Builder#optStallIterations} iterations together
 * lowered the objective by at most {@link Builder#optStallTolerance} of its value. The solver's gradient test ends
 * the solves on a smooth network (sigmoid units); on a network with ReLU units and max-pooling the objective has
 * kinks, its projected gradient does not shrink near the minimiser, and without this test each solve would creep on
 * in tiny steps to the function tolerance or the iteration cap.
 *
 * <pre>{@code
 * AttackResult adv = LbfgsAttack.builder().build().run(model, test.slice(0, 100), Targets.random(0), Progress.NONE);
 * adv   // AttackResult[lbfgs on a, mnist-test, targets random (seed 0): 100 examples, success 100.0%, ...]
 * }</pre>
 */
public final class LbfgsAttack extends Attack {
    /** Rounds with at least this many examples spread their Java work over the common pool. */
    private static final int PARALLEL_FROM = 16;
    /**
     * How far past the decision boundary (in logits) a point found on the ray must lie to count: enough that the
     * re-verifying forward pass, in another batch and in float pixels, classifies it the same way.
     */
    static final double MARGIN_SLACK = 1e-3;
    /** Examples in flight at once unless {@link Builder#optBatchSize} says otherwise. */
    public static final int DEFAULT_BATCH_SIZE = 256;
    private final BoxLbfgs solver;
    private final double initialC;
    private final double growth;
    private final int maxGrowths;
    private final int bisections;
    private final boolean warmStart;
    private final int boundarySteps;
    private final int batchSize;
    private final int stallIterations;
    private final double stallTolerance;
    private volatile double lastEngineShare = Double.NaN;
    private volatile double lastSolverShare = Double.NaN;
    private volatile int lastRounds;
    private volatile long lastRows;

    private LbfgsAttack(Builder b) {
        this.solver = b.solver;
        this.initialC = b.initialC;
        this.growth = b.growth;
        this.maxGrowths = b.maxGrowths;
        this.bisections = b.bisections;
        this.warmStart = b.warmStart;
        this.boundarySteps = b.boundarySteps;
        this.batchSize = b.batchSize;
        this.stallIterations = b.stallIterations;
        this.stallTolerance = b.stallTolerance;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * The default configuration: c from 1e-4 doubled until the attack succeeds (at most 24 times), six geometric
     * bisections, warm starts across c, three steps towards the boundary, history 4, gradient tolerance 3e-5, a solve
     * over once five iterations gain at most 0.1% of the objective, batch 256. Starting low and doubling with warm starts is a continuation in c: each solve starts next to its answer,
     * so it is short.
     */
    public static LbfgsAttack paper() {
        return builder().build();
    }

    /**
     * The plain schedule, the baseline that {@link #paper()} improves on: every c starts from the clean image, c grows
     * by 10 from 1e-3 up to six times, then six geometric bisections (the Foolbox-style search), no walk to the
     * boundary, no stall test (each solve runs until the solver stops it). The same solver at its own tighter gradient
     * tolerance (1e-5), as cold starts need.
     */
    public static LbfgsAttack plain() {
        return builder().optWarmStart(false).optGrowth(10).optMaxGrowths(6).optBoundarySteps(0).optStallIterations(0)
                .optSolver(BoxLbfgs.builder().build()).build();
    }

    @Override
    public String name() {
        return "lbfgs";
    }

    /** The loss weight c of the returned image. */
    @Override
    public String parameterName() {
        return "c";
    }

    /** The loss is the cross-entropy towards a class, so an untargeted run aims at every wrong class in turn. */
    @Override
    protected boolean aimsAtAClass() {
        return true;
    }

    /**
     * Share of the last run's core time spent in the engine's forward and backward passes (the rest is the L-BFGS
     * algebra in Java and bookkeeping); for benchmarks.
     */
    public double lastEngineShare() {
        return lastEngineShare;
    }

    /**
     * Share of the last run's wall time spent in the per-example Java work between engine passes (the L-BFGS algebra,
     * the c search and copying points in); for benchmarks.
     */
    public double lastSolverShare() {
        return lastSolverShare;
    }

    /** Rounds (batched model calls) of the last run; for benchmarks. */
    public int lastRounds() {
        return lastRounds;
    }

    /** Rows evaluated over all rounds of the last run (the examples' evaluations); for benchmarks. */
    public long lastRows() {
        return lastRows;
    }

    /** Examples in flight at once. */
    public int batchSize() {
        return batchSize;
    }

    /** One example's whole search: its c bracket, the current minimisation and the best success. */
    private final class Job {
        final int id;
        final double[] x0;
        final Task task;
        final int target;
        double c = initialC;
        double cFail = 0;
        double cSuccess = Double.POSITIVE_INFINITY;
        int growths;
        int bisected;
        BoxLbfgs.Minimization m;
        /** Whether the current minimisation's iterate meets the task (the success test for the c search). */
        boolean reachedAtX;
        double[] best;
        double bestSq = Double.POSITIVE_INFINITY;
        double bestC = Double.NaN;
        int iterations;
        long evaluations;
        final double[] grad;
        /** Margin (negative when the task is met) at the clean image and at the best point. */
        double marginClean = Double.NaN;
        double bestMargin = Double.NaN;
        /** The refinement on the ray from the clean image to the best point: bracket [aLo, aHi] and its margins. */
        boolean refining;
        double[] ray;
        double[] rayEnd;
        double alpha;
        double aLo;
        double aHi;
        /** Margins plus {@link #MARGIN_SLACK} at the bracket's ends (the root sought is 0). */
        double hLo;
        double hHi;
        /** Which end the last refinement step moved: 1 the successful one, -1 the other, 0 none yet. */
        int lastSide;
        int refined;
        /** Cross-entropy, its gradient and the predicted class at the minimisation's current x (warm starts only). */
        double ceAtX;
        final float[] ceGradAtX;
        int predAtX;
        /** The objective at the current minimisation's x after its latest iterations, by iteration modulo the length. */
        final double[] fAt = new double[stallIterations + 1];

        Job(int id, Task task) {
            this.id = id;
            this.task = task;
            this.target = task.target();
            this.x0 = new double[task.clean().length];
            for (int i = 0; i < x0.length; i++) {
                x0[i] = task.clean()[i];
            }
            m = solver.begin(x0);
            grad = new double[x0.length];
            ceGradAtX = warmStart ? new float[x0.length] : null;
        }

        /** The point this example needs evaluated next: the minimisation's, or a point on the ray during the refinement. */
        double[] pending() {
            return refining ? ray : m.point();
        }

        /**
         * Takes this example's evaluation at its pending point (cross-entropy {@code ce}, its gradient at
         * {@code gradients[off..off+n)}, logits at {@code z[zoff..zoff+k)}, predicted class {@code pred}); returns
         * whether the whole search is over.
         */
        boolean absorb(float[] gradients, int off, double ceValue, float[] z, int zoff, int k, int pred) {
            evaluations++;
            double margin = GradientAttack.margin(task, z, zoff, k, null, 0);
            if (refining) {
                return refine(margin, pred);
            }
            double[] p = m.point();
            int n = x0.length;
            double sq = 0;
            for (int i = 0; i < n; i++) {
                double r = p[i] - x0[i];
                sq += r * r;
                grad[i] = 2 * r / n + c * gradients[off + i];
            }
            if (evaluations == 1) {
                marginClean = margin;
            }
            if (task.reached(pred) && sq < bestSq) {
                bestSq = sq;
                best = copyInto(best, p);
                bestC = c;
                bestMargin = margin;
            }
            int itBefore = m.iterations();
            boolean first = m.evaluations() == 0;
            m.tell(sq / n + c * ceValue, grad);
            boolean stalled = false;
            if (first || m.iterations() > itBefore) {
                stalled = stalled();
                reachedAtX = task.reached(pred);
                if (warmStart) {
                    // the evaluation at the new x: the next c starts here without evaluating again
                    ceAtX = ceValue;
                    predAtX = pred;
                    System.arraycopy(gradients, off, ceGradAtX, 0, n);
                }
            }
            while (m.done() || stalled) {
                if (!nextC()) {
                    return !startRefinement();
                }
                stalled = stalled();
            }
            return false;
        }

        /**
         * Records the objective at the current minimisation's x (called once per iteration, and at its start) and says
         * whether the last {@link Builder#optStallIterations} iterations together lowered it by at most {@link
         * Builder#optStallTolerance} of its value.
         */
        private boolean stalled() {
            if (stallIterations == 0) {
                return false;
            }
            int it = m.iterations();
            double f = m.f();
            fAt[it % fAt.length] = f;
            return it >= stallIterations && fAt[(it - stallIterations) % fAt.length] - f <= stallTolerance * Math.abs(f);
        }

        /**
         * After the search on c: the best point still lies past the decision boundary (the cross-entropy keeps
         * pulling beyond it), so walk back along the ray from the clean image to it, by regula falsi on the margin,
         * for {@link Builder#optBoundarySteps} evaluations. Returns whether there is anything to refine.
         */
        boolean startRefinement() {
            if (boundarySteps == 0 || best == null || !(marginClean > 0) || !(bestMargin < 0)) {
                return false;
            }
            refining = true;
            aLo = 0;
            hLo = marginClean + MARGIN_SLACK;
            aHi = 1;
            hHi = Math.min(0, bestMargin + MARGIN_SLACK);
            rayEnd = best.clone();
            ray = new double[x0.length];
            nextOnRay();
            return true;
        }

        /** The next point on the ray: where the line through the bracket's ends crosses margin -MARGIN_SLACK. */
        private void nextOnRay() {
            double t = hLo / (hLo - hHi);
            // never the bracket's ends themselves: each step must shrink it
            double a = aLo + Math.min(0.99, Math.max(0.01, t)) * (aHi - aLo);
            alpha = a;
            for (int i = 0; i < ray.length; i++) {
                ray[i] = x0[i] + a * (rayEnd[i] - x0[i]);
            }
        }

        /** Takes one evaluation on the ray; returns whether the whole search is over. */
        private boolean refine(double margin, int pred) {
            refined++;
            double h = margin + MARGIN_SLACK;
            if (task.reached(pred) && h <= 0) {
                double sq = 0;
                for (int i = 0; i < ray.length; i++) {
                    double r = ray[i] - x0[i];
                    sq += r * r;
                }
                if (sq < bestSq) {
                    bestSq = sq;
                    best = copyInto(best, ray);
                }
                if (lastSide > 0) {
                    hLo *= 0.5; // Illinois: the same end moved twice, so pull the secant towards the other
                }
                aHi = alpha;
                hHi = h;
                lastSide = 1;
            } else {
                if (lastSide < 0) {
                    hHi *= 0.5;
                }
                aLo = alpha;
                hLo = Math.max(h, Double.MIN_NORMAL);
                lastSide = -1;
            }
            if (refined >= boundarySteps) {
                return true;
            }
            nextOnRay();
            return false;
        }

        /** The last minimisation ended: update the bracket and start the next c, or report that the search is over. */
        boolean nextC() {
            iterations += m.iterations();
            if (reachedAtX) {
                cSuccess = Math.min(cSuccess, c);
            } else {
                cFail = Math.max(cFail, c);
            }
            double previous = c;
            if (cSuccess == Double.POSITIVE_INFINITY) {
                if (growths >= maxGrowths) {
                    return false;
                }
                growths++;
                c *= growth;
            } else {
                if (bisected >= bisections) {
                    return false;
                }
                bisected++;
                c = cFail > 0 ? Math.sqrt(cFail * cSuccess) : cSuccess / growth;
            }
            if (!warmStart) {
                m = solver.begin(x0);
                reachedAtX = false;
                return true;
            }
            // continuation: same point, same curvature pairs (rescaled to the new c), objective known there already
            double[] x = m.x();
            int n = x0.length;
            double sq = 0;
            for (int i = 0; i < n; i++) {
                double r = x[i] - x0[i];
                sq += r * r;
                grad[i] = 2 * r / n + c * ceGradAtX[i];
            }
            m.restart(sq / n + c * ceAtX, grad, c / previous, 2.0 / n);
            reachedAtX = task.reached(predAtX);
            return true;
        }
    }

    /** The batched search; {@code budget} is unused, since L-BFGS looks for the smallest distortion itself. */
    @Override
    protected Outcome[] attack(Classifier model, List<Task> tasks, double budget, Progress progress) {
        Search search = new Search(model, tasks, progress);
        try (NDManager manager = NDManager.newBaseManager(); CrossEntropyPass pass = search.pass) {
            while (search.hasWork() && !Progress.interrupted()) {
                search.refill();
                search.round(manager);
                search.report(false);
            }
        }
        lastEngineShare = search.engineShare();
        lastSolverShare = search.solverNanos / (double) Math.max(1, System.nanoTime() - search.t0);
        lastRounds = search.rounds;
        lastRows = search.rows;
        search.report(true);
        return search.out;
    }

    /**
     * One call's batched search: a queue of tasks waiting, the jobs in flight (at most the batch size), and the
     * buffers one round fills; each round is one forward and backward pass over the jobs in flight.
     */
    private final class Search {
        final Classifier model;
        final List<Task> tasks;
        final Progress progress;
        final int n;
        final Outcome[] out;
        final Deque<Integer> queue = new ArrayDeque<>();
        List<Job> live = new ArrayList<>();
        final int k;
        /** The round's model call and its buffers (points in, logits, losses and gradients out). */
        final CrossEntropyPass pass;
        final long t0 = System.nanoTime();
        int done;
        long lastReport;
        long engineNanos;
        long solverNanos;
        int rounds;
        long rows;

        Search(Classifier model, List<Task> tasks, Progress progress) {
            this.model = model;
            this.tasks = tasks;
            this.progress = progress;
            this.n = model.inputSize();
            this.out = new Outcome[tasks.size()];
            this.k = model.numClasses();
            this.pass = new CrossEntropyPass(model, batchSize);
            for (int i = 0; i < tasks.size(); i++) {
                queue.add(i);
            }
        }

        boolean hasWork() {
            return !queue.isEmpty() || !live.isEmpty();
        }

        /** Fills the free slots with waiting tasks. */
        void refill() {
            while (live.size() < batchSize && !queue.isEmpty()) {
                int id = queue.poll();
                live.add(new Job(id, tasks.get(id)));
            }
        }

        /** Evaluates every job in flight at its pending point, lets each take its evaluation, retires the finished. */
        void round(NDManager manager) {
            int a = live.size();
            long ts0 = System.nanoTime();
            gatherPoints(a);
            long te0 = System.nanoTime();
            pass.run(manager, a);
            long te1 = System.nanoTime();
            engineNanos += te1 - te0;
            rounds++;
            rows += a;
            boolean[] finished = new boolean[a];
            forEach(a, j -> finished[j] = live.get(j).absorb(pass.gradients, j * n, pass.ce[j], pass.logits, j * k, k,
                    pass.pred[j]));
            solverNanos += te0 - ts0 + System.nanoTime() - te1;
            retire(finished);
        }

        /** Copies each job's pending point and target into row j of the round's buffers. */
        private void gatherPoints(int a) {
            forEach(a, j -> {
                Job job = live.get(j);
                pass.putRow(j, job.pending(), job.target);
            });
        }

        /** Records the finished jobs' outcomes and keeps the rest in flight, in order. */
        private void retire(boolean[] finished) {
            List<Job> still = new ArrayList<>(live.size());
            for (int j = 0; j < live.size(); j++) {
                Job job = live.get(j);
                if (finished[j]) {
                    out[job.id] = outcome(job);
                    done++;
                } else {
                    still.add(job);
                }
            }
            live = still;
        }

        /** Progress at most four times a second, and once at the end. */
        void report(boolean last) {
            long now = System.nanoTime();
            double fraction = done / (double) Math.max(1, tasks.size());
            if (last) {
                progress.update(String.format(Locale.ROOT, "%d/%d examples", done, tasks.size()), fraction);
            } else if (now - lastReport > 250_000_000L) {
                lastReport = now;
                progress.update(String.format(Locale.ROOT, "%d/%d examples, %d in flight", done, tasks.size(),
                        live.size()), fraction);
            }
        }

        double engineShare() {
            return engineNanos / (double) Math.max(1, System.nanoTime() - t0);
        }
    }

    /**
     * Runs {@code body} for 0..count-1; examples are independent, so large rounds use the common pool (the engine is
     * idle meanwhile) and the result does not depend on the split.
     */
    static void forEach(int count, IntConsumer body) {
        if (count >= PARALLEL_FROM) {
            IntStream.range(0, count).parallel().forEach(body);
        } else {
            for (int j = 0; j < count; j++) {
                body.accept(j);
            }
        }
    }

    /** {@code from} copied into {@code to}, or into a new array when there is none yet (improvements are frequent). */
    private static double[] copyInto(double[] to, double[] from) {
        if (to == null) {
            return from.clone();
        }
        System.arraycopy(from, 0, to, 0, from.length);
        return to;
    }

    private static Outcome outcome(Job job) {
        float[] adv = null;
        if (job.best != null) {
            adv = new float[job.best.length];
            for (int i = 0; i < adv.length; i++) {
                adv[i] = (float) job.best[i];
            }
        }
        return new Outcome(adv, job.bestC, job.iterations, job.evaluations);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT,
                "lbfgs(initialC=%g, growth=%g, maxGrowths=%d, bisections=%d, warmStart=%b, boundarySteps=%d, "
                        + "stall=%d/%g, batch=%d, %s)",
                initialC, growth, maxGrowths, bisections, warmStart, boundarySteps, stallIterations, stallTolerance,
                batchSize, solver);
    }

    /** The solver of {@link #paper()}: see {@link Builder#optSolver}. */
    static BoxLbfgs defaultSolver() {
        return BoxLbfgs.builder().optHistory(4).optGradientTolerance(3e-5).build();
    }

    /** Options of the attack, DJL-style. */
    public static final class Builder {
        private BoxLbfgs solver = defaultSolver();
        private double initialC = 1e-4;
        private double growth = 2;
        private int maxGrowths = 24;
        private int bisections = 6;
        private boolean warmStart = true;
        private int boundarySteps = 3;
        private int batchSize = DEFAULT_BATCH_SIZE;
        private int stallIterations = 5;
        private double stallTolerance = 1e-3;

        private Builder() {
        }

        /**
         * The inner solver; default {@code BoxLbfgs.builder().optHistory(4).optGradientTolerance(3e-5).build()} (100
         * iterations). Three times the solver's own gradient tolerance: with warm starts and the walk to the boundary
         * the distortions stay as small (mean 0.07% lower on 300 FC100-100-10 examples) for 40% fewer evaluations.
         * History 4 rather than the solver's 5: with warm starts the oldest pairs come from earlier values of c, and
         * on three sets of 1,000 FC100-100-10 test images (targets random, seed 0) history 4 gave a mean distortion
         * 0.07-0.14% lower at 0-0.5% fewer evaluations (history 3: fewer evaluations again, distortion between the
         * two; 7 and 10: more evaluations).
         */
        public Builder optSolver(BoxLbfgs solver) {
            this.solver = solver;
            return this;
        }

        /** The first c of every example; default 1e-4 (below what the paper's networks need, so c grows into it). */
        public Builder optInitialC(double c) {
            if (!(c > 0)) {
                throw new IllegalArgumentException("initial c must be positive, got " + c);
            }
            this.initialC = c;
            return this;
        }

        /** Factor by which c grows until the attack succeeds; default 2. */
        public Builder optGrowth(double growth) {
            if (!(growth > 1)) {
                throw new IllegalArgumentException("growth must exceed 1, got " + growth);
            }
            this.growth = growth;
            return this;
        }

        /** Growth steps before giving up on an example; default 24 (c up to about 1.7e3 from 1e-4). */
        public Builder optMaxGrowths(int steps) {
            this.maxGrowths = Math.max(0, steps);
            return this;
        }

        /** Bisection steps on c once bracketed; default 6 (bracket ratio 2^(1/64), about 1.01). */
        public Builder optBisections(int steps) {
            this.bisections = Math.max(0, steps);
            return this;
        }

        /** Start each new c from the previous c's minimiser rather than the clean image; default true. */
        public Builder optWarmStart(boolean warm) {
            this.warmStart = warm;
            return this;
        }

        /**
         * Evaluations spent after the search on c walking back from the best point towards the clean image, to where
         * the margin just crosses the decision boundary; default 3 (0 turns the walk off).
         */
        public Builder optBoundarySteps(int steps) {
            this.boundarySteps = Math.max(0, steps);
            return this;
        }

        /**
         * Iterations over which a solve for one c must lower its objective by more than {@link #optStallTolerance} of
         * its value to go on; default 5, 0 turns the test off.
         *
         * <p>Why: on the conv net (ReLU, max-pooling) the projected gradient stays around 1e-4 from the start to the
         * end of a solve, above the 3e-5 tolerance, so without this test its solves ran 59 iterations on average (a third of
         * them to the cap of 100) against 4 on FC100-100-10, for 717 evaluations per example against 57; with it, 184
         * on the same 100 test images, the mean distortion 0.2% larger. On FC100-100-10, whose sigmoid units make the
         * objective smooth, the gradient test ends the solves first and the distortions stay the same.
         */
        public Builder optStallIterations(int iterations) {
            this.stallIterations = Math.max(0, iterations);
            return this;
        }

        /**
         * The share of the objective that the last {@link #optStallIterations} iterations of a solve must gain for it
         * to go on; default 1e-3. The bisections resolve c to a ratio of {@code growth^(2^-bisections)} (1.1% by
         * default), and the minimum of the objective changes with c by at most that ratio of itself, so a gain ten
         * times smaller than that cannot tell neighbouring values of c apart.
         */
        public Builder optStallTolerance(double tolerance) {
            if (!(tolerance >= 0)) {
                throw new IllegalArgumentException("stall tolerance must be at least 0, got " + tolerance);
            }
            this.stallTolerance = tolerance;
            return this;
        }

        /**
         * Examples in flight at once; default 256 (larger rounds use the engine better; beyond a few hundred the Java
         * algebra dominates).
         */
        public Builder optBatchSize(int batch) {
            if (batch < 1) {
                throw new IllegalArgumentException("batch size must be at least 1, got " + batch);
            }
            this.batchSize = batch;
            return this;
        }

        public LbfgsAttack build() {
            return new LbfgsAttack(this);
        }
    }
}
