/**
 * Public API of the data sets: IDX reading, immutable image sets, the catalogue of known data sets (MNIST,
 * Fashion-MNIST), the splits users name ({@link dev.intriguing.datasets.api.Split}: train, test and the paper's
 * P1/P2 halves), conversion to DJL batches, and {@link dev.intriguing.datasets.api.AtomicFiles}, the write-then-rename
 * that the project's saves use.
 */
package dev.intriguing.datasets.api;
