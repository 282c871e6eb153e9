/**
 * Internal helpers of the data sets module (fetching with npm and Debian packages, hashing, atomic file moves).
 * Unsupported: anything here may change without notice.
 */
package dev.intriguing.datasets.internal;
