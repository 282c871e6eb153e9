/**
 * Spectral analysis of instability (paper section 4.3, Table 5): upper Lipschitz bounds per layer from the operator
 * norms of the weights (power iteration for dense layers, the 2-D DFT of the kernels for convolutions), their product
 * for the network, the empirical side (input-gradient norms, adversarial ratios) and certified radii from the bounds
 * on logit margins. Plain Java and DJL; no Jupyter types.
 */
package dev.intriguing.spectral;
