package dev.intriguing.adversarial;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import dev.intriguing.core.Progress;
import dev.intriguing.datasets.api.ImageSet;
import dev.intriguing.models.Classifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What every attack shares: the {@code final} entry point {@link #run} checks the inputs (sizes, the [0, 1] box, the
 * criterion, the budgets) before any work, expands the criterion into tasks, calls the subclass's core
 * {@link #attack} (once, or once per budget for a {@linkplain #fixedBudget() fixed-budget} attack), then verifies
 * every returned example independently (inside the box to the last pixel, and meeting the criterion by a fresh
 * forward pass) and measures distortion with the paper's metric {@code sqrt(sum((x' - x)^2) / n)}. Subclasses
 * implement only the core and so all return the same {@link AttackResult}.
 *
 * <p>A criterion is {@linkplain Criterion#targeted targeted} (a class per example chosen by {@link Targets}) or
 * {@linkplain Criterion#untargeted untargeted} (any class but the true one). Budgets are optional: a minimisation
 * attack (L-BFGS) runs once and each example is credited with the smallest budget at least its distortion; a
 * fixed-budget attack (FGSM, PGD) runs at every budget, ascending, and each example keeps the first budget at which
 * it succeeded.
 */
public abstract class Attack {
    /** A short name for tables and for {@code %adversarial --attack}, e.g. {@code lbfgs}. */
    public abstract String name();

    /**
     * The name of the attack's per-example parameter in the result table, e.g. {@code c} for L-BFGS's loss weight;
     * the values are NaN where it has none.
     */
    public abstract String parameterName();

    /**
     * Whether the core works at a given budget (FGSM, PGD: run once per budget) rather than searching for the smallest
     * distortion (L-BFGS: run once, unbounded). Default false; a fixed-budget attack needs at least one budget.
     */
    public boolean fixedBudget() {
        return false;
    }

    /**
     * The budgets a fixed-budget attack runs at when a caller gives none (its own ε, so {@code %adversarial},
     * {@code %transfer} and {@code %curve} need not know the attack); empty by default.
     */
    public List<Double> defaultBudgets() {
        return List.of();
    }

    /**
     * Whether the core's loss needs a class to aim at (L-BFGS minimises the cross-entropy towards one). Then an
     * untargeted criterion is attacked through every wrong class, each task succeeding on any wrong class, and the
     * result keeps the easiest; otherwise an untargeted task has target -1. Default false.
     */
    protected boolean aimsAtAClass() {
        return false;
    }

    /**
     * One attack problem: a clean image (n pixels in [0, 1]), its true class, the class the loss aims at (-1 for
     * none) and whether any wrong class counts as success.
     */
    public record Task(float[] clean, int label, int target, boolean untargeted) {
        /** Whether an image the model classifies as {@code predicted} solves this task. */
        public boolean reached(int predicted) {
            return untargeted ? predicted >= 0 && predicted != label : predicted == target;
        }
    }

    /**
     * What the core found for one task.
     *
     * @param adversarial the perturbed image (inside the box), or null when none was found
     * @param parameter   the attack's parameter for the returned image, see {@link #parameterName()} (NaN when none)
     * @param iterations  solver iterations spent on the task
     * @param evaluations model evaluations (forward and backward) spent on the task
     */
    public record Outcome(float[] adversarial, double parameter, int iterations, long evaluations) {
    }

    /**
     * The core: attacks every task, polling {@link Progress#interrupted()}; returns one entry per task, null for tasks
     * not finished when interrupted.
     *
     * @param budget the distortion budget of a {@linkplain #fixedBudget() fixed-budget} attack, in the attack's own
     *               norm; {@code Double.POSITIVE_INFINITY} for a minimisation attack
     */
    protected abstract Outcome[] attack(Classifier model, List<Task> tasks, double budget, Progress progress);

    /** Runs a targeted attack on every image of {@code images}, indexed from 0. */
    public final AttackResult run(Classifier model, ImageSet images, Targets targets, Progress progress) {
        return run(model, images, 0, targets, progress);
    }

    /**
     * Runs a targeted attack on every image of {@code images}.
     *
     * @param firstIndex the data-set index of {@code images}' first image (for the table and seeded targets)
     */
    public final AttackResult run(Classifier model, ImageSet images, int firstIndex, Targets targets, Progress progress) {
        return run(model, images, firstIndex, Criterion.targeted(targets), List.of(), progress);
    }

    /**
     * Runs the attack on every image of {@code images}.
     *
     * <pre>{@code
     * LbfgsAttack.paper().run(a, test.slice(0, 100), 0, Criterion.untargeted(), List.of(0.05, 0.1), Progress.NONE)
     * // AttackResult[lbfgs on a, mnist-test, targets untargeted: 100 examples, success 100.0%, ...]
     * }</pre>
     *
     * @param firstIndex the data-set index of {@code images}' first image (for the table and seeded targets)
     * @param criterion  what counts as success
     * @param budgets    distortion budgets (positive, any order; when empty, a fixed-budget attack runs at its
     *                   {@linkplain #defaultBudgets() own})
     * @throws IllegalArgumentException before any work, when a pixel lies outside [0, 1], the sizes do not match the
     *                                  model, a fixed target is not a class of the model, or a budget is not positive
     */
    public final AttackResult run(Classifier model, ImageSet images, int firstIndex, Criterion criterion,
                                  List<Double> budgets, Progress progress) {
        return run(model, images, firstIndex, criterion, budgets, true, progress);
    }

    /**
     * Runs the attack on the images of {@code images} that the model classifies correctly, or on all of them.
     *
     * <p>Attacking only correctly classified images is the usual convention: the distortion needed to fool a model
     * means little for an image it already gets wrong. The skipped images are counted in
     * {@link AttackResult#skipped()}. When misclassified images are attacked, a task that the clean image already
     * meets (an image already classified as its target, or any misclassified image under an untargeted criterion) is
     * never attacked in effect: it is reported as a success with distortion 0 that is
     * {@linkplain AttackResult.Example#alreadyAdversarial() flagged} and left out of the distortion statistics.
     *
     * <pre>{@code
     * LbfgsAttack.paper().run(a, test.slice(100, 120), 100, Criterion.targeted(Targets.random(0)), List.of(), false,
     *         Progress.NONE)
     * // AttackResult[lbfgs on a, mnist-test, targets random (seed 0): 19 examples (1 skipped: misclassified), ...]
     * // (FC100-100-10 reads test image 115, a 4, as a 9)
     * }</pre>
     *
     * @param includeMisclassified whether images the model misclassifies are attacked too
     * @throws IllegalArgumentException before any work, as {@link #run(Classifier, ImageSet, int, Criterion, List,
     *                                  Progress)} does
     */
    public final AttackResult run(Classifier model, ImageSet images, int firstIndex, Criterion criterion,
                                  List<Double> budgets, boolean includeMisclassified, Progress progress) {
        double[] eps = checkBudgets(budgets.isEmpty() && fixedBudget() ? defaultBudgets() : budgets);
        checkInputs(model, images, firstIndex, criterion);
        long t0 = System.nanoTime();
        int[] cleanLabels = model.predict(images);
        Plan plan = plan(model, images, firstIndex, criterion, cleanLabels, includeMisclassified);
        Found[] found = settle(model, images, plan, cleanLabels, runCore(model, plan.tasks(), eps, progress), eps);
        AttackResult.Builder result = AttackResult.builder(name(), parameterName(), model.name(), images,
                criterion.toString(), eps);
        boolean partial = collect(result, plan, found, cleanLabels, firstIndex);
        return result.skipped(plan.skipped()).seconds((System.nanoTime() - t0) / 1e9).partial(partial).build();
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

    /**
     * One batched forward and backward pass, the loss gradient every gradient attack needs: for rows 0..rows-1 of
     * {@code points} (each {@code model.inputSize()} pixels), the cross-entropy towards {@code classes[j]}, its
     * gradient with respect to the row, and the predicted class. A targeted attack descends it towards the target,
     * an untargeted one ascends it away from the true class.
     *
     * @param loss      receives rows cross-entropies
     * @param gradients receives rows × inputSize gradient values
     * @param predicted receives rows predicted classes
     */
    protected static void crossEntropy(NDManager manager, Classifier model, float[] points, int rows, int[] classes,
                                       double[] loss, float[] gradients, int[] predicted) {
        int n = model.inputSize();
        int k = model.numClasses();
        float[] buf = points.length == rows * n ? points : Arrays.copyOf(points, rows * n);
        try (NDManager sub = manager.newSubManager()) {
            NDArray x = sub.create(buf, new Shape(rows, n));
            x.setRequiresGradient(true);
            NDArray ce;
            NDArray logits;
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                logits = model.logits(x);
                ce = logits.logSoftmax(1).mul(sub.create(oneHot(classes, rows, k), new Shape(rows, k)))
                        .sum(new int[] {1}).neg();
                gc.backward(ce.sum());
            }
            float[] l = ce.toFloatArray();
            for (int j = 0; j < rows; j++) {
                loss[j] = l[j];
            }
            System.arraycopy(x.getGradient().toFloatArray(), 0, gradients, 0, rows * n);
            int[] p = logits.argMax(1).toType(DataType.INT32, false).toIntArray();
            System.arraycopy(p, 0, predicted, 0, rows);
        }
    }

    /** Rows of k values, each 1 at its class and 0 elsewhere. */
    private static float[] oneHot(int[] classes, int rows, int k) {
        float[] onehot = new float[rows * k];
        for (int j = 0; j < rows; j++) {
            onehot[j * k + classes[j]] = 1f;
        }
        return onehot;
    }

    /** The budgets, checked and sorted ascending. */
    private double[] checkBudgets(List<Double> budgets) {
        double[] eps = budgets.stream().mapToDouble(Double::doubleValue).sorted().distinct().toArray();
        for (double e : eps) {
            if (!(e > 0 && e < Double.POSITIVE_INFINITY)) {
                throw new IllegalArgumentException("a budget is a positive finite distortion; got " + e);
            }
        }
        if (fixedBudget() && eps.length == 0) {
            throw new IllegalArgumentException(name() + " runs at a fixed budget: give at least one");
        }
        return eps;
    }

    /** Sizes, criterion and box, all before any work. */
    private static void checkInputs(Classifier model, ImageSet images, int firstIndex, Criterion criterion) {
        int n = images.pixelsPerImage();
        if (n != model.inputSize()) {
            throw new IllegalArgumentException("model " + model.name() + " takes " + model.inputSize()
                    + " pixels per image, the images have " + n);
        }
        criterion.check(model.numClasses());
        for (int i = 0; i < images.size(); i++) {
            float[] x = images.image(i);
            int p = firstOutsideBox(x);
            if (p >= 0) {
                throw new IllegalArgumentException("image " + (firstIndex + i) + " has a pixel " + x[p]
                        + " outside [0, 1]");
            }
        }
    }

    /**
     * The tasks in image order, for each the position of its image in {@code images}, and how many images were skipped
     * because the model misclassifies them.
     */
    private record Plan(List<Task> tasks, int[] owner, int skipped) {
        /** The end of the run of tasks that share task {@code from}'s image. */
        int end(int from) {
            int to = from;
            while (to < owner.length && owner[to] == owner[from]) {
                to++;
            }
            return to;
        }
    }

    private Plan plan(Classifier model, ImageSet images, int firstIndex, Criterion criterion, int[] cleanLabels,
                      boolean includeMisclassified) {
        List<Task> tasks = new ArrayList<>();
        List<Integer> owner = new ArrayList<>();
        int skipped = 0;
        for (int i = 0; i < images.size(); i++) {
            if (!includeMisclassified && cleanLabels[i] != images.label(i)) {
                skipped++;
                continue;
            }
            for (Task t : tasksFor(images.image(i), firstIndex + i, images.label(i), model.numClasses(), criterion)) {
                tasks.add(t);
                owner.add(i);
            }
        }
        return new Plan(List.copyOf(tasks), owner.stream().mapToInt(Integer::intValue).toArray(), skipped);
    }

    /** One image's tasks: one per target, one per wrong class for an untargeted attack that aims, else one. */
    private List<Task> tasksFor(float[] x, int index, int label, int numClasses, Criterion criterion) {
        List<Task> out = new ArrayList<>();
        if (criterion.isTargeted()) {
            for (int t : criterion.targets().targetsFor(index, label, numClasses)) {
                out.add(new Task(x, label, t, false));
            }
        } else if (aimsAtAClass()) {
            for (int t : Targets.all().targetsFor(index, label, numClasses)) {
                out.add(new Task(x, label, t, true));
            }
        } else {
            out.add(new Task(x, label, -1, true));
        }
        return out;
    }

    /** The core's outcomes: one run for a minimisation attack, one per budget (ascending) for a fixed-budget one. */
    private Outcome[][] runCore(Classifier model, List<Task> tasks, double[] budgets, Progress progress) {
        if (tasks.isEmpty()) {
            // every image was skipped: nothing for the core to do
            return new Outcome[fixedBudget() ? budgets.length : 1][0];
        }
        if (!fixedBudget()) {
            return new Outcome[][] {attack(model, tasks, Double.POSITIVE_INFINITY, progress)};
        }
        Outcome[][] out = new Outcome[budgets.length][];
        for (int b = 0; b < budgets.length; b++) {
            out[b] = attack(model, tasks, budgets[b], progress);
        }
        return out;
    }

    /** One task's verified answer, with its cost over every run. */
    private record Found(float[] image, int finalLabel, boolean success, double distortion, double budget,
                         double parameter, int iterations, long evaluations, boolean alreadyAdversarial) {
    }

    /** Verifies every run's outcomes and settles each task (null for a task some run did not finish). */
    private Found[] settle(Classifier model, ImageSet images, Plan plan, int[] cleanLabels, Outcome[][] runs,
                           double[] budgets) {
        List<Task> tasks = plan.tasks();
        int[][] labels = new int[runs.length][];
        for (int r = 0; r < runs.length; r++) {
            labels[r] = verify(model, images, tasks, runs[r]);
        }
        Found[] found = new Found[tasks.size()];
        for (int k = 0; k < tasks.size(); k++) {
            found[k] = settle(tasks.get(k), cleanLabels[plan.owner()[k]], runs, labels, k, budgets);
        }
        return found;
    }

    /**
     * The first run (in budget order) in which task k succeeded, else its last run; a task that the clean image
     * already meets is settled as such, whatever the core returned, so it never passes for a found perturbation.
     */
    private Found settle(Task task, int cleanLabel, Outcome[][] runs, int[][] labels, int k, double[] budgets) {
        int iterations = 0;
        long evaluations = 0;
        for (Outcome[] run : runs) {
            if (run[k] == null) {
                return null;
            }
            iterations += run[k].iterations();
            evaluations += run[k].evaluations();
        }
        if (task.reached(cleanLabel)) {
            return new Found(task.clean(), cleanLabel, true, 0.0, budgets.length > 0 ? budgets[0] : Double.NaN,
                    Double.NaN, iterations, evaluations, true);
        }
        Found found = null;
        for (int r = 0; r < runs.length && (found == null || !found.success()); r++) {
            found = verified(task, runs[r][k], labels[r][k], fixedBudget() ? budgets[r] : Double.NaN, budgets,
                    iterations, evaluations);
        }
        return found;
    }

    /**
     * One outcome judged: success needs an image inside the box that a fresh forward pass puts where the task asks.
     * A fixed-budget run is credited with its own budget; a minimisation with the smallest budget at least its
     * distortion.
     */
    private static Found verified(Task task, Outcome out, int finalLabel, double runBudget, double[] budgets,
                                  int iterations, long evaluations) {
        boolean valid = out.adversarial() != null && firstOutsideBox(out.adversarial()) < 0;
        float[] image = valid ? out.adversarial() : task.clean();
        boolean success = valid && task.reached(finalLabel);
        double dist = success ? distortion(task.clean(), image) : Double.NaN;
        double budget = !success ? Double.NaN : !Double.isNaN(runBudget) ? runBudget : smallestAtLeast(budgets, dist);
        return new Found(image, finalLabel, success, dist, budget, out.parameter(), iterations, evaluations, false);
    }

    /** The smallest budget at least {@code distortion}, NaN when there is none. */
    private static double smallestAtLeast(double[] budgets, double distortion) {
        for (double b : budgets) {
            if (distortion <= b) {
                return b;
            }
        }
        return Double.NaN;
    }

    /** Per image, the easiest verified success among its tasks (or its first task when none succeeded). */
    private static boolean collect(AttackResult.Builder result, Plan plan, Found[] found, int[] cleanLabels,
                                   int firstIndex) {
        boolean partial = false;
        for (int from = 0; from < plan.owner().length; from = plan.end(from)) {
            int to = plan.end(from);
            if (!allFinished(found, from, to)) {
                partial = true;
                continue;
            }
            int shown = easiest(found, from, to);
            result.add(example(plan, found, shown, from, to, cleanLabels[plan.owner()[from]], firstIndex),
                    plan.tasks().get(shown).clean(), found[shown].image());
        }
        return partial;
    }

    /** The row of one image: task {@code shown}'s answer, with the cost of all its tasks [from, to). */
    private static AttackResult.Example example(Plan plan, Found[] found, int shown, int from, int to, int cleanLabel,
                                                int firstIndex) {
        Task task = plan.tasks().get(shown);
        Found f = found[shown];
        return new AttackResult.Example(firstIndex + plan.owner()[from], task.label(), cleanLabel, task.target(),
                f.finalLabel(), f.success(), f.distortion(), f.budget(), f.parameter(), sumIterations(found, from, to),
                sumEvaluations(found, from, to), f.alreadyAdversarial());
    }

    private static boolean allFinished(Found[] found, int from, int to) {
        for (int k = from; k < to; k++) {
            if (found[k] == null) {
                return false;
            }
        }
        return true;
    }

    /** The success of smallest distortion among tasks [from, to), or {@code from} when none succeeded. */
    private static int easiest(Found[] found, int from, int to) {
        int best = from;
        double bestDist = Double.POSITIVE_INFINITY;
        for (int k = from; k < to; k++) {
            if (found[k].success() && found[k].distortion() < bestDist) {
                best = k;
                bestDist = found[k].distortion();
            }
        }
        return best;
    }

    private static int sumIterations(Found[] found, int from, int to) {
        int sum = 0;
        for (int k = from; k < to; k++) {
            sum += found[k].iterations();
        }
        return sum;
    }

    private static long sumEvaluations(Found[] found, int from, int to) {
        long sum = 0;
        for (int k = from; k < to; k++) {
            sum += found[k].evaluations();
        }
        return sum;
    }

    /** The image shown for a task: what the core returned when it lies in the box, else the clean image. */
    private static float[] shownImage(Task task, Outcome out) {
        return out.adversarial() != null && firstOutsideBox(out.adversarial()) < 0 ? out.adversarial() : task.clean();
    }

    /**
     * A fresh forward pass, through {@link Classifier#predict}, on the image shown for every finished task: its
     * predicted class (-1 for unfinished tasks).
     */
    private static int[] verify(Classifier model, ImageSet images, List<Task> tasks, Outcome[] out) {
        int n = images.pixelsPerImage();
        int[] finished = java.util.stream.IntStream.range(0, tasks.size()).filter(k -> out[k] != null).toArray();
        float[] pixels = new float[finished.length * n];
        int[] labels = new int[finished.length];
        for (int j = 0; j < finished.length; j++) {
            Task task = tasks.get(finished[j]);
            System.arraycopy(shownImage(task, out[finished[j]]), 0, pixels, j * n, n);
            labels[j] = task.label();
        }
        int[] pred = model.predict(ImageSet.of(images.name() + "-shown", images.height(), images.width(),
                images.numClasses(), pixels, labels));
        int[] result = new int[tasks.size()];
        Arrays.fill(result, -1);
        for (int j = 0; j < finished.length; j++) {
            result[finished[j]] = pred[j];
        }
        return result;
    }

    /** The index of the first pixel outside [0, 1] (NaN included), or -1 when the image lies in the box. */
    private static int firstOutsideBox(float[] x) {
        for (int i = 0; i < x.length; i++) {
            if (!(x[i] >= 0f && x[i] <= 1f)) {
                return i;
            }
        }
        return -1;
    }
}
