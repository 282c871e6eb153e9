/**
 * Public API of the data sets: IDX reading, immutable image sets, the catalogue of known data sets (MNIST,
 * Fashion-MNIST), the paper's P1/P2 halves, and conversion to DJL batches.
 */
package dev.intriguing.datasets.api;
