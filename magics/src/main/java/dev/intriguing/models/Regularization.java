package dev.intriguing.models;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import java.util.List;

/**
 * The weight-decay term of the training objective, the one place it is computed: {@code Σ_l (λ_l / 2) · ‖W_l‖²}, half
 * the sum of the squared weights of each layer times that layer's decay, not divided by the data size; biases are not
 * decayed. It is added to the batch's mean cross-entropy (see {@link ModelSpec}), so the penalty's gradient is
 * {@code λ_l · W_l}: the convention of PyTorch's {@code weight_decay} and Caffe's {@code weight_decay} for plain SGD.
 */
public final class Regularization {
    private Regularization() {
    }

    /** The penalty for {@code layers} with decays {@code decays} (one per layer), as a scalar NDArray. */
    static NDArray penalty(List<Block> layers, double[] decays) {
        NDArray total = null;
        for (int l = 0; l < layers.size(); l++) {
            if (decays[l] == 0) {
                continue;
            }
            NDArray w = Networks.weight(layers.get(l)).getArray();
            NDArray term = w.square().sum().mul((float) (decays[l] / 2));
            total = total == null ? term : total.add(term);
        }
        return total == null ? layers.isEmpty() ? null : Networks.weight(layers.get(0)).getArray().getManager().create(0f) : total;
    }

    /** The penalty's value for a trained model, in the same convention. */
    public static double value(TrainedModel model) {
        double sum = 0;
        double[] d = model.spec().decays();
        for (int l = 0; l < d.length; l++) {
            float[] w = model.weight(l).toFloatArray();
            double s = 0;
            for (float v : w) {
                s += (double) v * v;
            }
            sum += d[l] / 2 * s;
        }
        return sum;
    }
}
