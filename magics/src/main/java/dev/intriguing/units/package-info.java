/**
 * Units versus random directions (paper section 3): activations of a layer over a held-out image set, the images
 * that most excite a unit or a random direction, and the measured verdict (label purity, label entropy and pixel-space
 * coherence of the top-k images, with bootstrap intervals and permutation tests).
 *
 * <p>Science only: no Jupyter type and no rendering here; {@code render.UnitsRenders} draws the results.
 */
package dev.intriguing.units;
