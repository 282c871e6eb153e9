/**
 * What adversarial examples do to other models, and what noise of the same size does: cross-model and
 * cross-training-set error matrices ({@link dev.intriguing.transfer.Transfer}, the paper's Tables 2 and 4) with
 * Gaussian-noise and amplified rows, and error-rate-against-distortion curves ({@link dev.intriguing.transfer.Curves}),
 * over any {@link dev.intriguing.adversarial.AttackResult}. Results are records with Tablesaw tables, XChart charts
 * and CSV; how they look in a notebook lives in {@code render}.
 */
package dev.intriguing.transfer;
