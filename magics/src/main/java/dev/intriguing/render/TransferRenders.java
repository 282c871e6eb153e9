package dev.intriguing.render;

import dev.intriguing.adversarial.PerturbedSet;
import dev.intriguing.transfer.CurveResult;
import dev.intriguing.transfer.TransferResult;
import io.github.spencerpark.jupyter.kernel.display.Renderer;
import io.github.spencerpark.jupyter.kernel.display.mime.MIMEType;

/**
 * How transfer results look: a {@link TransferResult} as its table above its heat map, a {@link CurveResult} as its
 * chart with a line on where its points are, a {@link PerturbedSet} as one line; every one also as {@code text/plain}.
 *
 * <pre>{@code
 * t2              // HTML: the error table, then the heat map (PNG)
 * t2.heatmap()    // the heat map alone, as any XChart chart
 * }</pre>
 */
public final class TransferRenders {
    private TransferRenders() {
    }

    /** Registers the renderers of the transfer package. */
    public static void register(Renderer renderer) {
        renderer.createRegistration(TransferResult.class)
                .preferring(MIMEType.TEXT_HTML, MIMEType.IMAGE_PNG, MIMEType.TEXT_PLAIN)
                .register((result, ctx) -> {
                    ctx.renderIfRequested(MIMEType.TEXT_HTML, () -> html(result));
                    ctx.renderIfRequested(MIMEType.IMAGE_PNG, () -> Renderers.png(result.heatmap()));
                    ctx.renderIfRequested(MIMEType.TEXT_PLAIN, () -> result + "\n" + Tables.text(result.table()));
                });
        renderer.createRegistration(CurveResult.class)
                .preferring(MIMEType.TEXT_HTML, MIMEType.IMAGE_PNG, MIMEType.TEXT_PLAIN)
                .register((result, ctx) -> {
                    ctx.renderIfRequested(MIMEType.TEXT_HTML, () -> html(result));
                    ctx.renderIfRequested(MIMEType.IMAGE_PNG, () -> Renderers.png(result.chart()));
                    ctx.renderIfRequested(MIMEType.TEXT_PLAIN, result::toString);
                });
        renderer.createRegistration(PerturbedSet.class).preferring(MIMEType.TEXT_HTML, MIMEType.TEXT_PLAIN)
                .register((set, ctx) -> {
                    ctx.renderIfRequested(MIMEType.TEXT_HTML, () -> "<p>" + Tables.escape(set.toString()) + "</p>");
                    ctx.renderIfRequested(MIMEType.TEXT_PLAIN, set::toString);
                });
    }

    /** The table, then the heat map. */
    static String html(TransferResult result) {
        return Tables.html(result.table()) + "<img alt=\"heat map of the error rates\" src=\"data:image/png;base64,"
                + Renderers.png(result.heatmap()) + "\"/>";
    }

    /** The chart, then where its points are. */
    static String html(CurveResult result) {
        return "<img alt=\"error rate against distortion\" src=\"data:image/png;base64," + Renderers.png(result.chart())
                + "\"/><p>" + result.series().size() + " series, " + result.points().size()
                + " points: <code>table()</code> lists them, <code>toCsv(path)</code> saves them.</p>";
    }
}
