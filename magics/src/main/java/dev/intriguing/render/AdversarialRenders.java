package dev.intriguing.render;

import dev.intriguing.adversarial.AttackResult;
import io.github.spencerpark.jupyter.kernel.display.Renderer;
import io.github.spencerpark.jupyter.kernel.display.mime.MIMEType;
import tech.tablesaw.api.Table;

/**
 * How an {@link AttackResult} looks: HTML with the summary, the first rows of the per-example table and the Figure-5
 * triplet grid; the grid alone as PNG; the one-line summary as text.
 */
public final class AdversarialRenders {
    /** Rows of the per-example table shown in the notebook (all of them are in {@code adv.table()}). */
    static final int ROWS = 10;
    /** Triplets in the grid. */
    static final int TRIPLETS = 12;

    private AdversarialRenders() {
    }

    /** Registers the renderers of attack results. */
    public static void register(Renderer renderer) {
        renderer.createRegistration(AttackResult.class)
                .preferring(MIMEType.TEXT_HTML, MIMEType.IMAGE_PNG, MIMEType.TEXT_PLAIN)
                .register((result, ctx) -> {
                    String png = Renderers.base64(ImageGrid.png(result.tripletGrid(TRIPLETS)));
                    ctx.renderIfRequested(MIMEType.TEXT_HTML, () -> html(result, png));
                    ctx.renderIfRequested(MIMEType.IMAGE_PNG, () -> png);
                    ctx.renderIfRequested(MIMEType.TEXT_PLAIN, result::toString);
                });
    }

    /** The summary, the first rows and the grid, one under the other. */
    static String html(AttackResult result, String png) {
        StringBuilder b = new StringBuilder();
        if (result.partial()) {
            b.append("<p><b>Interrupted:</b> only the ").append(result.size()).append(" finished examples are shown.</p>");
        }
        b.append(Tables.html(result.summary()));
        Table rows = result.table();
        b.append(Tables.html(rows.first(ROWS)));
        if (rows.rowCount() > ROWS) {
            b.append("<p>").append(rows.rowCount() - ROWS).append(" more rows in <code>table()</code>.</p>");
        }
        b.append("<img alt=\"original, perturbation x10, adversarial\" src=\"data:image/png;base64,").append(png)
                .append("\"/>");
        return b.toString();
    }
}
