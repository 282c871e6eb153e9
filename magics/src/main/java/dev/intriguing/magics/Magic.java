package dev.intriguing.magics;

/**
 * A magic of the project. Implementations are public classes with one public {@code @LineMagic} (or
 * {@code @CellMagic}) method, so that basekernel's {@code Magics.registerMagics(Object)} can register them in any
 * kernel, stock IJava included.
 */
public interface Magic {
    /** What this magic is: its name, purpose, usage and example. */
    MagicSpec spec();
}
