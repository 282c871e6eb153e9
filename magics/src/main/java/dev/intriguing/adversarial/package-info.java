/** Adversarial search: batched box-constrained L-BFGS for minimal distortion, and the result every attack returns. */
package dev.intriguing.adversarial;
