/** A test stand-in for the one class of stock IJava that a plugin names: {@code IJava.getKernelInstance()}. */
package io.github.spencerpark.ijava;
