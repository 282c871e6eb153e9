package dev.intriguing.magics;

import dev.intriguing.core.Progress;

/**
 * How a magic shows things in the notebook without knowing the kernel: the kernel (ours or stock IJava) implements
 * it by rendering through its {@code Renderer} and publishing display data.
 */
public interface Displayer {
    /** Renders {@code value} with the kernel's renderer and shows it in the current cell. */
    void display(Object value);

    /** A progress display for long work: one output in the cell, updated in place; {@code title} heads it. */
    Progress progress(String title);

    /** Shows nothing; for headless use of magics and tests. */
    Displayer NONE = new Displayer() {
        @Override
        public void display(Object value) {
        }

        @Override
        public Progress progress(String title) {
            return Progress.NONE;
        }
    };
}
