package dev.intriguing.spectral;

/**
 * One row of the analysis (the paper's Table 5, with the empirical side beside it).
 *
 * @param index              0-based layer position
 * @param name               {@code conv1}, {@code fc2} ...
 * @param kind               {@code dense} or {@code conv}
 * @param size               in × out (dense) or channels × kernel × kernel × filters (conv), as Table 5 writes it
 * @param stride             the convolution's stride, 0 for a dense layer
 * @param padding            the convolution's zero padding, 0 for a dense layer
 * @param operatorNorm       the operator norm of the linear part: σ_max by power iteration (dense) or the DFT's
 *                           max over frequencies (conv)
 * @param method             how {@code operatorNorm} was found, e.g. {@code power iteration (57 steps)}
 * @param activation         the nonlinearity (and pooling) after the linear part
 * @param activationConstant its Lipschitz constant: ReLU 1, sigmoid 1/4, max-pool 1, none 1
 * @param bound              upper Lipschitz bound of the map from the input to this layer's output: the running
 *                           product of the layers' norms (each raised by power iteration's tolerance) and constants
 * @param maxGradientNorm    the largest local gain ‖J(x)‖ of this layer's output over the test images (a lower bound
 *                           on its Lipschitz constant), NaN when not measured
 * @param maxAdversarialRatio the largest ‖f(x + r) − f(x)‖ / ‖r‖ of this layer's output over the adversarial
 *                           examples, NaN without an attack
 */
public record LayerBound(int index, String name, String kind, String size, int stride, int padding,
                         double operatorNorm, String method, String activation, double activationConstant,
                         double bound, double maxGradientNorm, double maxAdversarialRatio) {
}
