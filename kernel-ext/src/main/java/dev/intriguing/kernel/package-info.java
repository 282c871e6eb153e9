/**
 * The Jupyter side: {@link dev.intriguing.kernel.IntriguingExtension} installs every magic and renderer into any
 * kernel built on jupyter-jvm-basekernel 2.3.0 (stock IJava included), and {@link dev.intriguing.kernel.IntriguingKernel}
 * is our own IJava-compatible in-process JShell kernel.
 */
package dev.intriguing.kernel;
