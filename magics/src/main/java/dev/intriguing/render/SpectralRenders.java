package dev.intriguing.render;

import dev.intriguing.spectral.LipschitzResult;
import io.github.spencerpark.jupyter.kernel.display.Renderer;
import io.github.spencerpark.jupyter.kernel.display.mime.MIMEType;
import tech.tablesaw.api.Table;

/**
 * How a {@link LipschitzResult} looks: HTML with a one-line summary, the per-layer table (the paper's Table 5 with
 * the empirical side), the log-scale chart and the first certified radii; the chart alone as PNG; the summary as
 * text.
 */
public final class SpectralRenders {
    /** Certified radii shown in the notebook (all of them are in {@code lip.certifiedTable()}). */
    static final int ROWS = 10;

    private SpectralRenders() {
    }

    /** Registers the renderers of the spectral analysis. */
    public static void register(Renderer renderer) {
        renderer.createRegistration(LipschitzResult.class)
                .preferring(MIMEType.TEXT_HTML, MIMEType.IMAGE_PNG, MIMEType.TEXT_PLAIN)
                .register((result, ctx) -> {
                    String png = Renderers.png(result.chart());
                    ctx.renderIfRequested(MIMEType.TEXT_HTML, () -> html(result, png));
                    ctx.renderIfRequested(MIMEType.IMAGE_PNG, () -> png);
                    ctx.renderIfRequested(MIMEType.TEXT_PLAIN, result::toString);
                });
    }

    /** The summary, the table, the chart and the first certificates, one under the other. */
    static String html(LipschitzResult result, String png) {
        StringBuilder b = new StringBuilder();
        b.append("<p>").append(Tables.escape(result.toString())).append("</p>");
        b.append(Tables.html(result.table()));
        b.append("<img alt=\"Lipschitz bounds per layer beside the measured gains\" src=\"data:image/png;base64,")
                .append(png).append("\"/>");
        if (!result.certificates().isEmpty()) {
            Table certs = result.certifiedTable();
            b.append(Tables.html(certs.first(ROWS)));
            if (certs.rowCount() > ROWS) {
                b.append("<p>").append(certs.rowCount() - ROWS).append(" more rows in <code>certifiedTable()</code>.</p>");
            }
        }
        return b.toString();
    }
}
