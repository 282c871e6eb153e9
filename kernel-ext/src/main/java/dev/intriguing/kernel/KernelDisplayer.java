package dev.intriguing.kernel;

import dev.intriguing.core.Progress;
import dev.intriguing.magics.Displayer;
import dev.intriguing.render.Tables;
import io.github.spencerpark.jupyter.kernel.BaseKernel;
import io.github.spencerpark.jupyter.kernel.display.DisplayData;
import java.util.Locale;
import java.util.UUID;

/**
 * The {@link Displayer} of any basekernel kernel: values go through the kernel's renderer and are published on the
 * cell; progress is one output updated in place, at most {@link #UPDATES_PER_SECOND} times a second.
 */
final class KernelDisplayer implements Displayer {
    static final int UPDATES_PER_SECOND = 4;

    private final BaseKernel kernel;

    KernelDisplayer(BaseKernel kernel) {
        this.kernel = kernel;
    }

    @Override
    public void display(Object value) {
        kernel.display(value instanceof DisplayData d ? d : kernel.getRenderer().render(value));
    }

    @Override
    public Progress progress(String title) {
        return new InPlace(title);
    }

    /** One display, created on the first update and replaced on later ones. */
    private final class InPlace implements Progress {
        private final String title;
        private final String id = "intriguing-progress-" + UUID.randomUUID();
        private boolean shown;
        private long lastNanos;

        InPlace(String title) {
            this.title = title;
        }

        @Override
        public synchronized void update(String message, double fraction) {
            long now = System.nanoTime();
            boolean last = fraction >= 1.0;
            if (shown && !last && now - lastNanos < 1_000_000_000L / UPDATES_PER_SECOND) {
                return;
            }
            lastNanos = now;
            DisplayData d = render(title, message, fraction);
            d.setDisplayId(id);
            if (!shown) {
                shown = true;
                kernel.display(d);
            } else {
                kernel.getIO().display.updateDisplay(id, d);
            }
        }
    }

    /** A text bar such as {@code training  [#######-------------]  35%  epoch 4/10} plus an HTML progress bar. */
    static DisplayData render(String title, String message, double fraction) {
        boolean known = !Double.isNaN(fraction);
        double f = known ? Math.max(0, Math.min(1, fraction)) : 0;
        int width = 30;
        int filled = (int) Math.round(f * width);
        String pct = known ? String.format(Locale.ROOT, "%3.0f%%", 100 * f) : "";
        String text = title + "  " + (known ? "[" + "#".repeat(filled) + "-".repeat(width - filled) + "]  " + pct + "  " : "")
                + (message == null ? "" : message);
        DisplayData d = new DisplayData(text);
        d.putHTML("<div style=\"font-family:monospace\"><b>" + Tables.escape(title) + "</b> "
                + (known ? "<progress value=\"" + String.format(Locale.ROOT, "%.3f", f) + "\" max=\"1\" style=\"width:16em\"></progress> "
                + pct + " " : "") + Tables.escape(message == null ? "" : message) + "</div>");
        return d;
    }
}
