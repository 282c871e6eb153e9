package dev.intriguing.adversarial;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import dev.intriguing.datasets.api.ImageSet;
import dev.intriguing.models.Classifier;

/**
 * The gradient of the loss with respect to the input, and the one step of the fast gradient sign method built on it:
 * the two lines of an attack that a lab asks students to write, done once here as the reference they are checked
 * against. {@code %adversarial --attack fgsm} is the full attack (budgets, targets, verification).
 *
 * <pre>{@code
 * float[] g = InputGradients.crossEntropy(a, test.slice(0, 100));   // 100 × 784 numbers
 * ImageSet x2 = InputGradients.fgsmStep(a, test.slice(0, 100), 0.1);
 * a.errorRate(x2)                                                    // 0.6, against 0.02 before the step
 * }</pre>
 */
public final class InputGradients {
    /** Images per forward and backward pass. */
    private static final int BATCH = 500;

    private InputGradients() {
    }

    /**
     * d/dx of the summed cross-entropy loss of {@code model} on {@code images} (their own labels), one row of
     * {@code pixelsPerImage} numbers per image, flattened row after row. Summed, not averaged, so that each image's
     * row is its own loss's gradient whatever the batch.
     */
    public static float[] crossEntropy(Classifier model, ImageSet images) {
        int n = images.pixelsPerImage();
        float[] out = new float[images.size() * n];
        try (NDManager manager = NDManager.newBaseManager()) {
            for (int from = 0; from < images.size(); from += BATCH) {
                int to = Math.min(images.size(), from + BATCH);
                try (NDManager batch = manager.newSubManager()) {
                    NDArray x = images.toFlat(batch, from, to);
                    x.setRequiresGradient(true);
                    try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                        NDArray logits = model.logits(x);
                        int[] labels = java.util.Arrays.copyOfRange(images.labels(), from, to);
                        NDArray oneHot = batch.create(labels).oneHot(model.numClasses());
                        gc.backward(logits.logSoftmax(1).mul(oneHot).sum().neg());
                    }
                    System.arraycopy(x.getGradient().toFloatArray(), 0, out, from * n, (to - from) * n);
                }
            }
        }
        return out;
    }

    /**
     * One untargeted FGSM step of size {@code eps} in the max norm: x + eps · sign(d loss / dx), clipped to [0, 1],
     * with the labels of {@code images}.
     */
    public static ImageSet fgsmStep(Classifier model, ImageSet images, double eps) {
        float[] g = crossEntropy(model, images);
        float[] x = images.pixels(0, images.size());
        for (int i = 0; i < x.length; i++) {
            float step = (float) (eps * Math.signum(g[i]));
            x[i] = Math.min(1f, Math.max(0f, x[i] + step));
        }
        return ImageSet.of(images.name() + "+fgsm" + eps, images.height(), images.width(), images.numClasses(), x,
                images.labels());
    }
}
