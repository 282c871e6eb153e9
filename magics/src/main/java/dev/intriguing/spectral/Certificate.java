package dev.intriguing.spectral;

/**
 * The certified radius of one image beside the smallest adversarial perturbation found for it.
 *
 * <p>For logits f, predicted class y and any other class l, f_y − f_l is Lipschitz with constant
 * L_{y,l} = ‖W[y] − W[l]‖ · B, where W is the last (dense) layer's weight and B the bound of everything before it.
 * So no perturbation shorter than min_l (f_y(x) − f_l(x)) / L_{y,l} can change the prediction. Both lengths are L2
 * norms of r over all n pixels; the paper's distortion is that norm divided by sqrt(n).
 *
 * @param index            the image's index in its data set
 * @param label            its true class
 * @param predicted        the model's class y for it
 * @param margin           f_y − max_{l≠y} f_l at the clean image
 * @param nearestClass     the class l that gives the smallest radius
 * @param radius           the certified radius, an L2 norm
 * @param target           the class the adversarial example reached, or −1 when there is none
 * @param adversarialNorm  ‖r‖ of the adversarial example, an L2 norm; NaN when there is none
 */
public record Certificate(int index, int label, int predicted, double margin, int nearestClass, double radius,
                          int target, double adversarialNorm) {
    /** Whether an adversarial example lies inside the certified radius, which a correct bound rules out. */
    public boolean violated() {
        return !Double.isNaN(adversarialNorm) && adversarialNorm < radius;
    }

    /** adversarialNorm / radius: how far outside its certificate the found example lies (NaN without one). */
    public double gap() {
        return adversarialNorm / radius;
    }
}
