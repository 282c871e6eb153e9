package dev.intriguing.kernel;

import io.github.spencerpark.jupyter.kernel.display.DisplayData;
import io.github.spencerpark.jupyter.kernel.display.mime.MIMEType;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Runs notebook cells through our kernel's eval in this JVM, without Jupyter, so that tests read like notebooks.
 *
 * <pre>{@code
 * CellRunner cells = new CellRunner();
 * cells.exec("1 + 1")                                  // 2, the real object
 * cells.execRendered("%dataset mnist --limit 16")      // what the cell displayed and its rendered value
 * cells.execError("%dataset nope")                     // the error text the notebook would show
 * }</pre>
 */
final class CellRunner implements AutoCloseable {
    private final List<DisplayData> displays = new CopyOnWriteArrayList<>();
    private final IntriguingKernel kernel = new IntriguingKernel() {
        @Override
        public void display(DisplayData data) {
            displays.add(data);
        }
    };

    /** What one cell showed: the displays it published, in order, and its rendered value (or null). */
    record Output(List<DisplayData> displays, DisplayData value) {
        /** Every display, the value last. */
        List<DisplayData> all() {
            List<DisplayData> out = new ArrayList<>(displays);
            if (value != null) {
                out.add(value);
            }
            return out;
        }

        /** Whether any output carries {@code mime}. */
        boolean has(MIMEType mime) {
            return all().stream().anyMatch(d -> d.hasDataForType(mime));
        }

        /** The first output's data for {@code mime}, as a string. */
        String first(MIMEType mime) {
            return all().stream().filter(d -> d.hasDataForType(mime)).map(d -> String.valueOf(d.getData(mime)))
                    .findFirst().orElseThrow(() -> new AssertionError("no " + mime + " output in " + all()));
        }
    }

    IntriguingKernel kernel() {
        return kernel;
    }

    /** Runs {@code code} and returns the real object of its last expression. */
    Object exec(String code) throws Exception {
        displays.clear();
        return kernel.evalRaw(code);
    }

    /** Runs {@code code} and returns what the notebook would show. */
    Output execRendered(String code) throws Exception {
        displays.clear();
        DisplayData value = kernel.eval(code);
        return new Output(List.copyOf(displays), value);
    }

    /** Runs {@code code}, which must fail, and returns the error text the notebook would show. */
    String execError(String code) {
        displays.clear();
        try {
            Object v = kernel.evalRaw(code);
            throw new AssertionError("expected the cell to fail, it returned " + v);
        } catch (Exception e) {
            return String.join("\n", kernel.formatError(e)).replaceAll("\u001B\\[[;\\d]*m", "");
        }
    }

    @Override
    public void close() {
        kernel.onShutdown(false);
    }
}
