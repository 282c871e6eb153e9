package dev.intriguing.adversarial;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.intriguing.core.Progress;
import dev.intriguing.datasets.api.ImageSet;
import dev.intriguing.models.Classifier;
import java.util.ArrayList;
import java.util.List;

/**
 * What every attack shares: the {@code final} entry point {@link #run} converts the images, checks the [0, 1] box,
 * expands the targets, calls the subclass's core {@link #attack}, then verifies every returned example independently
 * (inside the box to the last pixel, and classified as its target by a fresh forward pass) and measures distortion
 * with the paper's metric {@code sqrt(sum((x' - x)^2) / n)}. Subclasses implement only the core and so all return
 * the same {@link AttackResult}.
 */
public abstract class Attack {
    /** Examples per forward pass when verifying. */
    private static final int VERIFY_BATCH = 1000;

    /** A short name for tables, e.g. {@code lbfgs}. */
    public abstract String name();

    /** One attack problem: a clean image (n pixels in [0, 1]), its true class and the class to reach. */
    public record Task(float[] clean, int label, int target) {
    }

    /**
     * What the core found for one task.
     *
     * @param adversarial the perturbed image (inside the box), or null when none was found
     * @param c           the loss weight of the returned image (NaN when not applicable)
     * @param iterations  solver iterations spent on the task
     * @param evaluations model evaluations (forward and backward) spent on the task
     */
    public record Outcome(float[] adversarial, double c, int iterations, long evaluations) {
    }

    /**
     * The core: attacks every task, polling {@link Progress#interrupted()}; returns one entry per task, null for tasks
     * not finished when interrupted.
     */
    protected abstract Outcome[] attack(Classifier model, List<Task> tasks, Progress progress);

    /** Runs the attack on every image of {@code images}, indexed from 0. */
    public final AttackResult run(Classifier model, ImageSet images, Targets targets, Progress progress) {
        return run(model, images, 0, targets, progress);
    }

    /**
     * Runs the attack on every image of {@code images}.
     *
     * @param firstIndex the data-set index of {@code images}' first image (for the table and seeded targets)
     * @throws IllegalArgumentException when a pixel lies outside [0, 1] or the sizes do not match the model
     */
    public final AttackResult run(Classifier model, ImageSet images, int firstIndex, Targets targets, Progress progress) {
        int n = images.pixelsPerImage();
        if (n != model.inputSize()) {
            throw new IllegalArgumentException("model " + model.name() + " takes " + model.inputSize()
                    + " pixels per image, the images have " + n);
        }
        long t0 = System.nanoTime();
        List<Task> tasks = new ArrayList<>();
        List<Integer> owner = new ArrayList<>();
        for (int i = 0; i < images.size(); i++) {
            float[] x = images.image(i);
            for (float v : x) {
                if (!(v >= 0f && v <= 1f)) {
                    throw new IllegalArgumentException("image " + (firstIndex + i) + " has a pixel " + v
                            + " outside [0, 1]");
                }
            }
            for (int t : targets.targetsFor(firstIndex + i, images.label(i), model.numClasses())) {
                tasks.add(new Task(x, images.label(i), t));
                owner.add(i);
            }
        }
        Outcome[] out = attack(model, List.copyOf(tasks), progress);
        int[] finalLabels = verify(model, tasks, out);
        int[] cleanLabels = predict(model, images);
        double seconds = (System.nanoTime() - t0) / 1e9;

        // per image: the easiest verified success among its targets (or the first target when none succeeded)
        AttackResult.Builder result = AttackResult.builder(name(), model.name(), images, targets.toString());
        boolean partial = false;
        int k = 0;
        for (int i = 0; i < images.size(); i++) {
            int best = -1;
            double bestDist = Double.POSITIVE_INFINITY;
            boolean finished = true;
            int first = k;
            long evals = 0;
            int iters = 0;
            while (k < tasks.size() && owner.get(k) == i) {
                if (out[k] == null) {
                    finished = false;
                } else {
                    evals += out[k].evaluations();
                    iters += out[k].iterations();
                    boolean valid = out[k].adversarial() != null && inBox(out[k].adversarial());
                    double dist = valid ? distortion(tasks.get(k).clean(), out[k].adversarial()) : Double.NaN;
                    if (valid && finalLabels[k] == tasks.get(k).target() && dist < bestDist) {
                        best = k;
                        bestDist = dist;
                    }
                }
                k++;
            }
            if (first == k) {
                continue; // no target for this image (fixed target equal to its class)
            }
            if (!finished) {
                partial = true;
                continue;
            }
            int shown = best >= 0 ? best : first;
            Task task = tasks.get(shown);
            float[] adv = shownImage(task, out[shown]);
            result.add(new AttackResult.Example(firstIndex + i, task.label(), cleanLabels[i], task.target(),
                    finalLabels[shown], best >= 0,
                    best >= 0 ? bestDist : Double.NaN, out[shown].c(), iters, evals), task.clean(), adv);
        }
        return result.seconds(seconds).partial(partial).build();
    }

    /** The paper's distortion: root mean square of the perturbation over the pixels. */
    public static double distortion(float[] clean, float[] adversarial) {
        double s = 0;
        for (int i = 0; i < clean.length; i++) {
            double d = (double) adversarial[i] - clean[i];
            s += d * d;
        }
        return Math.sqrt(s / clean.length);
    }

    /** The image shown for task k: what the core returned when it lies in the box, else the clean image. */
    private static float[] shownImage(Task task, Outcome out) {
        return out.adversarial() != null && inBox(out.adversarial()) ? out.adversarial() : task.clean();
    }

    /**
     * A fresh forward pass, in large batches, on the image shown for every finished task: its predicted class (-1 for
     * unfinished tasks).
     */
    private static int[] verify(Classifier model, List<Task> tasks, Outcome[] out) {
        int[] labels = new int[tasks.size()];
        int n = model.inputSize();
        List<Integer> todo = new ArrayList<>();
        for (int k = 0; k < tasks.size(); k++) {
            labels[k] = -1;
            if (out[k] != null) {
                todo.add(k);
            }
        }
        try (NDManager manager = NDManager.newBaseManager()) {
            for (int from = 0; from < todo.size(); from += VERIFY_BATCH) {
                int to = Math.min(todo.size(), from + VERIFY_BATCH);
                float[] buf = new float[(to - from) * n];
                for (int j = from; j < to; j++) {
                    int k = todo.get(j);
                    System.arraycopy(shownImage(tasks.get(k), out[k]), 0, buf, (j - from) * n, n);
                }
                try (NDManager sub = manager.newSubManager()) {
                    NDArray x = sub.create(buf, new Shape(to - from, n));
                    int[] pred = model.logits(x).argMax(1).toType(DataType.INT32, false).toIntArray();
                    for (int j = from; j < to; j++) {
                        labels[todo.get(j)] = pred[j - from];
                    }
                }
            }
        }
        return labels;
    }

    /** The model's classes for the clean images, in large batches. */
    private static int[] predict(Classifier model, ImageSet images) {
        int[] labels = new int[images.size()];
        try (NDManager manager = NDManager.newBaseManager()) {
            for (int from = 0; from < images.size(); from += VERIFY_BATCH) {
                int to = Math.min(images.size(), from + VERIFY_BATCH);
                try (NDManager sub = manager.newSubManager()) {
                    int[] pred = model.logits(images.toFlat(sub, from, to)).argMax(1).toType(DataType.INT32, false)
                            .toIntArray();
                    System.arraycopy(pred, 0, labels, from, to - from);
                }
            }
        }
        return labels;
    }

    private static boolean inBox(float[] x) {
        for (float v : x) {
            if (!(v >= 0f && v <= 1f)) {
                return false;
            }
        }
        return true;
    }
}
