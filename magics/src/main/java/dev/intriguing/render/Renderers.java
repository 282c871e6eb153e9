package dev.intriguing.render;

import io.github.spencerpark.jupyter.kernel.display.Renderer;
import io.github.spencerpark.jupyter.kernel.display.mime.MIMEType;
import java.util.Base64;
import java.util.Collection;
import java.util.function.Consumer;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.internal.chartpart.Chart;
import tech.tablesaw.api.Table;

/**
 * Registers renderers into a basekernel {@link Renderer}: Tablesaw tables as HTML and XChart charts as PNG here, and
 * the result records of each domain through the registrations handed in. Both our kernel and a stock IJava kernel
 * call this once, through {@code MagicCatalog.registerRenderers}, whose entries bring each magic's renderers.
 */
public final class Renderers {
    private Renderers() {
    }

    /** Registers the common renderers, then each of {@code domains} (such as {@code DatasetRenders::register}). */
    public static void registerAll(Renderer renderer, Collection<? extends Consumer<Renderer>> domains) {
        registerCommon(renderer);
        LabsRenders.register(renderer); // lab self-checks belong to no magic: every notebook may show them
        domains.forEach(d -> d.accept(renderer));
    }

    /** Tables and charts, the types every domain's results are built from. */
    @SuppressWarnings({"rawtypes", "unchecked"})
    static void registerCommon(Renderer renderer) {
        renderer.createRegistration(Table.class).preferring(MIMEType.TEXT_HTML, MIMEType.TEXT_PLAIN)
                .register((table, ctx) -> {
                    ctx.renderIfRequested(MIMEType.TEXT_HTML, () -> Tables.html(table));
                    ctx.renderIfRequested(MIMEType.TEXT_PLAIN, () -> Tables.text(table));
                });
        renderer.createRegistration(Chart.class).preferring(MIMEType.IMAGE_PNG, MIMEType.TEXT_PLAIN)
                .register((chart, ctx) -> {
                    ctx.renderIfRequested(MIMEType.IMAGE_PNG, () -> png((Chart) chart));
                    ctx.renderIfRequested(MIMEType.TEXT_PLAIN, () -> "chart: " + ((Chart) chart).getTitle());
                });
    }

    /** A chart as base64 PNG, the form Jupyter's {@code image/png} expects. */
    @SuppressWarnings("rawtypes")
    public static String png(Chart chart) {
        try {
            return Base64.getEncoder().encodeToString(BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** PNG bytes as base64. */
    public static String base64(byte[] png) {
        return Base64.getEncoder().encodeToString(png);
    }
}
