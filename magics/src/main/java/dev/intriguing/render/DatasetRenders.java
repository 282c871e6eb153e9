package dev.intriguing.render;

import io.github.spencerpark.jupyter.kernel.display.Renderer;
import io.github.spencerpark.jupyter.kernel.display.mime.MIMEType;

/**
 * How a {@link DatasetView} looks: HTML with the counts table beside the sample grid, the grid alone as PNG, and its
 * summary as text.
 */
public final class DatasetRenders {
    private DatasetRenders() {
    }

    /** Registers the renderers of the data set views. */
    public static void register(Renderer renderer) {
        renderer.createRegistration(DatasetView.class)
                .preferring(MIMEType.TEXT_HTML, MIMEType.IMAGE_PNG, MIMEType.TEXT_PLAIN)
                .register((view, ctx) -> {
                    String png = Renderers.base64(ImageGrid.png(view.grid()));
                    ctx.renderIfRequested(MIMEType.TEXT_HTML, () -> html(view, png));
                    ctx.renderIfRequested(MIMEType.IMAGE_PNG, () -> png);
                    ctx.renderIfRequested(MIMEType.TEXT_PLAIN, view::toString);
                });
    }

    private static String html(DatasetView view, String png) {
        return "<div style=\"display:flex;gap:24px;align-items:flex-start\"><div>" + Tables.html(view.table())
                + "</div><div><img alt=\"samples of " + Tables.escape(view.dataset()) + "\" src=\"data:image/png;base64,"
                + png + "\"/></div></div>";
    }
}
