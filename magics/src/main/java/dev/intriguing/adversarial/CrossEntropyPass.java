package dev.intriguing.adversarial;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import dev.intriguing.models.Classifier;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.Arrays;

/**
 * The one model call of a batched L-BFGS round: for rows 0..a-1 of {@link #points}, the logits, the cross-entropy
 * towards each row's target, its gradient with respect to the pixels and the predicted class, in one forward and one
 * backward pass. {@link LbfgsAttack} runs it once per round; {@link AdversarialBenchmark} runs it alone in a loop to
 * measure the engine's ceiling at the attack's shapes.
 *
 * <p>The loss and its logit gradient {@code softmax(z) - onehot(t)} are computed in Java from the logits, and the pass
 * back-propagates {@code sum(z * w)} with that gradient as the constant w: fewer engine operations per round than
 * building the loss in the engine, which is what a small batch pays for. Only the input is marked for a gradient, so
 * the backward pass computes no parameter gradients (as long as the model's parameters carry none; a freshly trained
 * model's are detached by the trainer).
 */
final class CrossEntropyPass implements AutoCloseable {
    /** Input shapes are rounded up to a multiple of this many rows (above it; powers of two below). */
    static final int STEP = 32;
    /** Each thread's scratch row for {@link #putRow(int, double[], int)}. */
    private static final ThreadLocal<float[]> ROW = ThreadLocal.withInitial(() -> new float[0]);
    final int n;
    final int k;
    final int capacity;
    /**
     * Row j's pixels at {@code j * n}, filled by the caller ({@link #putRow}) before {@link #run}: a direct buffer,
     * which the engine copies from as it is (a heap array would be copied into a fresh direct buffer every round).
     */
    private final FloatBuffer points;
    /** Row j's target class: filled by the caller before {@link #run}. */
    final int[] targets;
    /** Row j's cross-entropy gradient with respect to the pixels, at {@code j * n}. */
    final float[] gradients;
    /** Row j's logits, at {@code j * k}. */
    final float[] logits;
    final double[] ce;
    final int[] pred;
    private final float[] weights;
    private final Classifier model;
    /** The round's input, kept across rounds while the number of rows stays the same. */
    private NDArray input;

    CrossEntropyPass(Classifier model, int capacity) {
        this.model = model;
        this.n = model.inputSize();
        this.k = model.numClasses();
        this.capacity = capacity;
        this.points = ByteBuffer.allocateDirect(capacity * n * Float.BYTES).order(ByteOrder.nativeOrder())
                .asFloatBuffer();
        this.targets = new int[capacity];
        this.gradients = new float[capacity * n];
        this.logits = new float[capacity * k];
        this.weights = new float[capacity * k];
        this.ce = new double[capacity];
        this.pred = new int[capacity];
    }

    /** One forward and backward pass over rows 0..a-1; arrays are created in {@code manager} (its sub-managers). */
    void run(NDManager manager, int a) {
        int rows = rowsFor(a, capacity);
        if (input == null || input.getShape().get(0) != rows) {
            // one input array per row count, its gradient attached once: creating and marking a fresh one each
            // round costs more than the forward pass of a single example
            if (input != null) {
                input.close();
            }
            input = manager.create(new Shape(rows, n));
            input.setRequiresGradient(true);
        }
        input.set(points.duplicate().position(0).limit(rows * n));
        try (NDManager sub = manager.newSubManager()) {
            input.tempAttach(sub); // the round's arrays (created from the input's manager) close with sub
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray z = model.logits(input);
                z.toByteBuffer().asFloatBuffer().get(logits, 0, a * k);
                LbfgsAttack.forEach(a, j -> ce[j] = crossEntropyRow(j));
                // the padding rows get no weight: their gradient is zero whatever stale pixels they hold
                Arrays.fill(weights, a * k, rows * k, 0f);
                gc.backward(z.mul(sub.create(FloatBuffer.wrap(weights, 0, rows * k), new Shape(rows, k))).sum());
            }
            // straight into the buffer: toFloatArray would allocate and copy the whole gradient once more
            input.getGradient().toByteBuffer().asFloatBuffer().get(gradients, 0, a * n);
        }
    }

    /**
     * Rows the engine evaluates for {@code a} rows in flight: a power of two up to {@value #STEP}, then a multiple of
     * it, at most {@code capacity}. The engine prepares each new input shape once (several rounds' worth of time), and
     * as examples finish the rows in flight shrink almost every round; padding to a few shapes makes those
     * preparations few, for at most {@value #STEP} - 1 idle rows. Rows are independent, so the padding (zero loss
     * weight, stale pixels) does not reach the real rows.
     */
    static int rowsFor(int a, int capacity) {
        int rows = a <= STEP ? Integer.highestOneBit(a - 1) << 1 : (a + STEP - 1) / STEP * STEP;
        return Math.max(a, Math.min(rows, capacity));
    }

    /** Sets row j's pixels to {@code p} (rounded to float) and its target class. */
    void putRow(int j, double[] p, int target) {
        // converted in a heap array (a loop the JIT vectorises), then one bulk copy: element-wise puts into the
        // direct buffer check their index one by one
        float[] row = ROW.get();
        if (row.length != n) {
            row = new float[n];
            ROW.set(row);
        }
        for (int i = 0; i < n; i++) {
            row[i] = (float) p[i];
        }
        points.duplicate().position(j * n).put(row, 0, n);
        targets[j] = target;
    }

    /** Sets row j's pixels to {@code p[from..from+n)} and its target class. */
    void putRow(int j, float[] p, int from, int target) {
        points.duplicate().position(j * n).put(p, from, n);
        targets[j] = target;
    }

    /** Row j's cross-entropy towards its target; its logit gradient into {@code weights}, its class into pred. */
    private double crossEntropyRow(int j) {
        int off = j * k;
        int t = targets[j];
        double max = Double.NEGATIVE_INFINITY;
        int arg = 0;
        for (int i = 0; i < k; i++) {
            if (logits[off + i] > max) {
                max = logits[off + i];
                arg = i;
            }
        }
        double sum = 0;
        for (int i = 0; i < k; i++) {
            sum += Math.exp(logits[off + i] - max);
        }
        for (int i = 0; i < k; i++) {
            weights[off + i] = (float) (Math.exp(logits[off + i] - max) / sum - (i == t ? 1 : 0));
        }
        pred[j] = arg;
        return max + Math.log(sum) - logits[off + t];
    }

    @Override
    public void close() {
        if (input != null) {
            input.close();
            input = null;
        }
    }
}
