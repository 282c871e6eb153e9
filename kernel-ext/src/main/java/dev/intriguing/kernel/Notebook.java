package dev.intriguing.kernel;

import dev.intriguing.core.Progress;
import io.github.spencerpark.jupyter.kernel.display.DisplayData;
import java.util.List;
import java.util.UUID;

/**
 * What code cells of our kernel can call without a prefix (imported statically at startup), with IJava's names:
 * {@code display(x)}, {@code render(x)}, {@code updateDisplay(id, x)}, {@code lineMagic(...)}, {@code cellMagic(...)},
 * and {@code progress(title)}; and IPython's {@code clearOutput()}.
 *
 * <pre>{@code
 * String id = display(mnist.image(0).length);   // shows 784 now, returns the display id
 * updateDisplay(id, "done");                     // replaces it in place
 * }</pre>
 */
public final class Notebook {
    private Notebook() {
    }

    /** The running kernel; fails outside one. */
    public static IntriguingKernel kernel() {
        IntriguingKernel k = IntriguingKernel.current();
        if (k == null) {
            throw new IllegalStateException("no Intriguing kernel is running in this JVM");
        }
        return k;
    }

    /** IJava's name for {@link #kernel()}, so that cells written for stock IJava run here unchanged. */
    public static IntriguingKernel getKernelInstance() {
        return kernel();
    }

    /** Renders {@code value} with the kernel's renderer. */
    public static DisplayData render(Object value) {
        return value instanceof DisplayData d ? d : kernel().getRenderer().render(value);
    }

    /** Renders {@code value} as the given MIME types only. */
    public static DisplayData render(Object value, String... mimeTypes) {
        return kernel().getRenderer().renderAs(value, mimeTypes);
    }

    /** Shows {@code value} in the cell now and returns the display's id, for {@link #updateDisplay}. */
    public static String display(Object value) {
        return show(render(value));
    }

    /** Shows {@code value} as the given MIME types and returns the display's id. */
    public static String display(Object value, String... mimeTypes) {
        return show(render(value, mimeTypes));
    }

    /** Replaces what display {@code id} shows by {@code value}. */
    public static void updateDisplay(String id, Object value) {
        DisplayData d = new DisplayData(render(value));
        kernel().getIO().display.updateDisplay(id, d);
    }

    /**
     * A progress display for a loop of your own: one output, updated in place a few times a second.
     *
     * <pre>{@code
     * Progress p = progress("scanning");
     * for (int i = 0; i < n && !Progress.interrupted(); i++) { ...; p.update("image " + i, (i + 1.0) / n); }
     * }</pre>
     */
    public static Progress progress(String title) {
        return new KernelDisplayer(kernel()).progress(title);
    }

    /**
     * Clears this cell's output now, as IPython's {@code clear_output()} does: a loop that redraws one line of text
     * or one image calls it before each new output.
     *
     * <pre>{@code
     * for (int epoch = 1; epoch <= 3; epoch++) { clearOutput(true); System.out.println("epoch " + epoch); }
     * }</pre>
     */
    public static void clearOutput() {
        kernel().clearOutput(false);
    }

    /** Clears this cell's output, with {@code wait} only when its next output arrives (no flicker between them). */
    public static void clearOutput(boolean wait) {
        kernel().clearOutput(wait);
    }

    /** Runs line magic {@code name}; IJava rewrites {@code %name args} into this call. */
    public static <T> T lineMagic(String name, List<String> args) throws Exception {
        return kernel().applyLineMagic(name, args);
    }

    /** Runs line magic {@code name} for its output only; a magic line standing alone becomes this call. */
    public static void runLineMagic(String name, List<String> args) throws Exception {
        kernel().applyLineMagic(name, args);
    }

    /** Runs cell magic {@code name} on {@code body}; IJava rewrites {@code %%name args} cells into this call. */
    public static <T> T cellMagic(String name, List<String> args, String body) throws Exception {
        return kernel().applyCellMagic(name, args, body);
    }

    private static String show(DisplayData data) {
        DisplayData d = new DisplayData(data);
        String id = d.hasDisplayId() ? d.getDisplayId() : UUID.randomUUID().toString();
        d.setDisplayId(id);
        kernel().display(d);
        return id;
    }
}
