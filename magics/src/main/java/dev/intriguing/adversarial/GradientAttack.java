package dev.intriguing.adversarial;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
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
 * The batched engine shared by the gradient attacks (FGSM, PGD, DeepFool, Carlini–Wagner, FMN): up to a batch of
 * examples in flight, each a {@link Job} with its own state; one round is one forward and one backward pass over the
 * rows of every job in flight, and a finished job's slot is refilled from the queue. Interrupts are polled between
 * rounds; a job's answer does not depend on the batch it ran in (up to the engine's float rounding).
 *
 * <p>Every loss these attacks use is a function of the logits z, so a round asks each row's job for dL/dz once the
 * forward pass is known (in Java) and back-propagates {@code sum(z * w)}: the gradient is then {@code J^T w}, the
 * vector-Jacobian product, for any loss (cross-entropy, logit margins, single logits) in one backward pass.
 */
abstract class GradientAttack extends Attack {
    /** Rounds with at least this many rows spread their Java work over the common pool. */
    private static final int PARALLEL_FROM = 16;

    private final int batchSize;

    GradientAttack(int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be at least 1, got " + batchSize);
        }
        this.batchSize = batchSize;
    }

    /** {@code steps}, checked: the iterative attacks take at least one step. */
    static int checkedSteps(int steps) {
        if (steps < 1) {
            throw new IllegalArgumentException("steps must be at least 1, got " + steps);
        }
        return steps;
    }

    /** Examples in flight at once. */
    public int batchSize() {
        return batchSize;
    }

    /** A fresh job for task {@code id}; {@code budget} as given to {@link #attack}. */
    abstract Job newJob(int id, Task task, int numClasses, double budget);

    /**
     * One example's attack state. A round writes the job's pending point into each of its {@link #rows()} rows, asks
     * for each row's loss gradient with respect to the logits, then gives it the logits and input gradients.
     */
    abstract static class Job {
        final int id;
        final Task task;
        final float[] x0;
        final int n;
        final int k;
        int iterations;
        long evaluations;

        Job(int id, Task task, int numClasses) {
            this.id = id;
            this.task = task;
            this.x0 = task.clean();
            this.n = x0.length;
            this.k = numClasses;
        }

        /** Rows this job needs in the coming round (the same point in each); 1 unless it needs several gradients. */
        int rows() {
            return 1;
        }

        /** Writes the pending point (n values) at {@code dst[off..]}. */
        abstract void point(float[] dst, int off);

        /** dL/dz of row {@code row} into {@code w[woff..woff+k)}, given that row's logits at {@code z[zoff..]}. */
        abstract void lossGradient(int row, float[] z, int zoff, float[] w, int woff);

        /**
         * Takes the round's answer: the logits of the job's rows at {@code z[zoff..]} (rows × k) and the gradients at
         * {@code g[goff..]} (rows × n); returns whether the job is over.
         */
        abstract boolean absorb(float[] z, int zoff, float[] g, int goff);

        /** The job's answer. */
        abstract Outcome outcome();
    }

    @Override
    protected final Outcome[] attack(Classifier model, List<Task> tasks, double budget, Progress progress) {
        Outcome[] out = new Outcome[tasks.size()];
        Deque<Integer> queue = new ArrayDeque<>();
        for (int i = 0; i < tasks.size(); i++) {
            queue.add(i);
        }
        List<Job> live = new ArrayList<>();
        int n = model.inputSize();
        int k = model.numClasses();
        int done = 0;
        long lastReport = 0;
        try (NDManager manager = NDManager.newBaseManager()) {
            while ((!queue.isEmpty() || !live.isEmpty()) && !Progress.interrupted()) {
                while (live.size() < batchSize && !queue.isEmpty()) {
                    int id = queue.poll();
                    live.add(newJob(id, tasks.get(id), k, budget));
                }
                boolean[] finished = round(manager, model, live, n, k);
                List<Job> still = new ArrayList<>(live.size());
                for (int j = 0; j < live.size(); j++) {
                    if (finished[j]) {
                        out[live.get(j).id] = live.get(j).outcome();
                        done++;
                    } else {
                        still.add(live.get(j));
                    }
                }
                live = still;
                long now = System.nanoTime();
                if (now - lastReport > 250_000_000L) {
                    lastReport = now;
                    progress.update(String.format(Locale.ROOT, "%s: %d/%d examples, %d in flight", name(), done,
                            tasks.size(), live.size()), done / (double) Math.max(1, tasks.size()));
                }
            }
        }
        progress.update(String.format(Locale.ROOT, "%s: %d/%d examples", name(), done, tasks.size()),
                done / (double) Math.max(1, tasks.size()));
        return out;
    }

    /** One forward and backward pass over every row of every job in flight; which jobs finished. */
    private static boolean[] round(NDManager manager, Classifier model, List<Job> live, int n, int k) {
        int a = live.size();
        int[] first = new int[a + 1];
        for (int j = 0; j < a; j++) {
            first[j + 1] = first[j] + live.get(j).rows();
        }
        int rows = first[a];
        float[] points = new float[rows * n];
        forEach(a, j -> {
            Job job = live.get(j);
            job.point(points, first[j] * n);
            for (int r = first[j] + 1; r < first[j + 1]; r++) {
                System.arraycopy(points, first[j] * n, points, r * n, n);
            }
        });
        float[] z;
        float[] g;
        try (NDManager sub = manager.newSubManager()) {
            NDArray x = sub.create(points, new Shape(rows, n));
            x.setRequiresGradient(true);
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray logits = model.logits(x);
                z = logits.toFloatArray();
                float[] w = new float[rows * k];
                forEach(a, j -> {
                    Job job = live.get(j);
                    for (int r = first[j]; r < first[j + 1]; r++) {
                        job.lossGradient(r - first[j], z, r * k, w, r * k);
                    }
                });
                gc.backward(logits.mul(sub.create(w, new Shape(rows, k))).sum());
            }
            g = x.getGradient().toFloatArray();
        }
        boolean[] finished = new boolean[a];
        forEach(a, j -> {
            Job job = live.get(j);
            job.evaluations += job.rows();
            finished[j] = job.absorb(z, first[j] * k, g, first[j] * n);
        });
        return finished;
    }

    private static void forEach(int count, IntConsumer body) {
        if (count >= PARALLEL_FROM) {
            IntStream.range(0, count).parallel().forEach(body);
        } else {
            for (int j = 0; j < count; j++) {
                body.accept(j);
            }
        }
    }

    // ---- helpers the attacks share ----

    /** The index of the largest of z[off..off+k). */
    static int argMax(float[] z, int off, int k) {
        int best = 0;
        for (int i = 1; i < k; i++) {
            if (z[off + i] > z[off + best]) {
                best = i;
            }
        }
        return best;
    }

    /** The index of the largest of z[off..off+k) other than {@code except}. */
    static int argMaxExcept(float[] z, int off, int k, int except) {
        int best = -1;
        for (int i = 0; i < k; i++) {
            if (i != except && (best < 0 || z[off + i] > z[off + best])) {
                best = i;
            }
        }
        return best;
    }

    /**
     * The gradient with respect to the logits of the cross-entropy towards {@code cls}, negated when {@code ascend}
     * (an untargeted attack climbs the loss of the true class): softmax(z) - onehot(cls).
     */
    static void crossEntropyGradient(float[] z, int zoff, int k, int cls, boolean ascend, float[] w, int woff) {
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < k; i++) {
            max = Math.max(max, z[zoff + i]);
        }
        double sum = 0;
        for (int i = 0; i < k; i++) {
            sum += Math.exp(z[zoff + i] - max);
        }
        double sign = ascend ? -1 : 1;
        for (int i = 0; i < k; i++) {
            double p = Math.exp(z[zoff + i] - max) / sum;
            w[woff + i] = (float) (sign * (p - (i == cls ? 1 : 0)));
        }
    }

    /**
     * The margin loss both minimal-norm attacks descend, negative exactly when the task is met: targeted
     * {@code max_{i != t} z_i - z_t}, untargeted {@code z_y - max_{i != y} z_i}. Its gradient with respect to the logits
     * goes to {@code w} when not null.
     */
    static double margin(Task task, float[] z, int zoff, int k, float[] w, int woff) {
        int good = task.untargeted() ? task.label() : task.target();
        int other = argMaxExcept(z, zoff, k, good);
        double m = task.untargeted() ? z[zoff + good] - z[zoff + other] : z[zoff + other] - z[zoff + good];
        if (w != null) {
            for (int i = 0; i < k; i++) {
                w[woff + i] = 0;
            }
            float s = task.untargeted() ? 1f : -1f;
            w[woff + good] = s;
            w[woff + other] = -s;
        }
        return m;
    }

    static double norm2(double[] v) {
        double s = 0;
        for (double d : v) {
            s += d * d;
        }
        return Math.sqrt(s);
    }

    static double norm2(float[] v, int off, int n) {
        double s = 0;
        for (int i = 0; i < n; i++) {
            s += (double) v[off + i] * v[off + i];
        }
        return Math.sqrt(s);
    }

    /** x0 + delta clipped into the box, as float pixels. */
    static float[] image(float[] x0, double[] delta) {
        float[] out = new float[x0.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) Math.min(1, Math.max(0, x0[i] + delta[i]));
        }
        return out;
    }

    /** Clips delta so that x0 + delta lies in the box. */
    static void clipToBox(float[] x0, double[] delta) {
        for (int i = 0; i < delta.length; i++) {
            delta[i] = Math.min(1 - x0[i], Math.max(-x0[i], delta[i]));
        }
    }
}
