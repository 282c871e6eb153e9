package dev.intriguing.render;

import dev.intriguing.adversarial.AttackResult;
import io.github.spencerpark.jupyter.kernel.display.Renderer;
import io.github.spencerpark.jupyter.kernel.display.mime.MIMEType;
import java.awt.image.BufferedImage;
import tech.tablesaw.api.Table;

/**
 * How an {@link AttackResult} looks: HTML with the summary, the first rows of the per-example table and the Figure-5
 * triplet grid; the grid alone as PNG; the one-line summary as text.
 *
 * <pre>{@code
 * AdversarialRenders.tripletGrid(adv, 12)   // BufferedImage: 12 triplets, 3 per row
 * }</pre>
 */
public final class AdversarialRenders {
    /** Rows of the per-example table shown in the notebook (all of them are in {@code adv.table()}). */
    static final int ROWS = 10;
    /** Triplets in the grid. */
    static final int TRIPLETS = 12;
    /** Cells per row of the grid: three triplets. */
    static final int COLUMNS = 9;
    /** Screen pixels per image pixel in the grid. */
    static final int SCALE = 2;

    private AdversarialRenders() {
    }

    /**
     * The shoot-out's chart: median distortion against model evaluations per example (log scale), one point per attack
     * and criterion, from {@link dev.intriguing.adversarial.AttackShootout#table}.
     */
    public static org.knowm.xchart.XYChart shootoutChart(Table shootout) {
        org.knowm.xchart.XYChart chart = new org.knowm.xchart.XYChartBuilder().width(640).height(400)
                .title("Minimal-norm attacks: distortion against cost").xAxisTitle("model evaluations per example")
                .yAxisTitle("median distortion (RMS)").build();
        chart.getStyler().setXAxisLogarithmic(true);
        chart.getStyler().setDefaultSeriesRenderStyle(org.knowm.xchart.XYSeries.XYSeriesRenderStyle.Scatter);
        chart.getStyler().setMarkerSize(10);
        for (int i = 0; i < shootout.rowCount(); i++) {
            double evals = shootout.doubleColumn("evaluations/example").getDouble(i);
            double median = shootout.doubleColumn("median distortion").getDouble(i);
            if (Double.isFinite(median) && evals > 0) {
                String name = shootout.stringColumn("attack").getString(i) + " ("
                        + shootout.stringColumn("criterion").getString(i) + ", " + shootout.stringColumn("model")
                        .getString(i) + ")";
                chart.addSeries(name, new double[] {evals}, new double[] {median});
            }
        }
        return chart;
    }

    /** Registers the renderers of attack results. */
    public static void register(Renderer renderer) {
        renderer.createRegistration(AttackResult.class)
                .preferring(MIMEType.TEXT_HTML, MIMEType.IMAGE_PNG, MIMEType.TEXT_PLAIN)
                .register((result, ctx) -> {
                    String png = Renderers.base64(ImageGrid.png(tripletGrid(result, TRIPLETS)));
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
        if (result.skipped() > 0) {
            b.append("<p>Skipped ").append(result.skipped()).append(" image(s) the model misclassifies: only correctly "
                    + "classified images are attacked (<code>--include-misclassified</code> attacks all).</p>");
        }
        if (result.alreadyAdversarial() > 0) {
            b.append("<p>").append(result.alreadyAdversarial()).append(" example(s) already met the criterion before "
                    + "the attack (distortion 0); they are left out of the distortion statistics.</p>");
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

    /**
     * The paper's Figure 5 layout for the first {@code max} examples: triplets of original, perturbation magnified
     * ten times around mid-grey, and adversarial image, three triplets per row; the images are captioned with the
     * model's prediction (the original also with its index), a failed example's adversarial image with {@code fail}.
     */
    public static BufferedImage tripletGrid(AttackResult result, int max) {
        int count = Math.min(max, result.size());
        ImageGrid.Builder grid = ImageGrid.builder(result.clean().height(), result.clean().width()).columns(COLUMNS)
                .scale(SCALE).title(result.attack() + " on " + result.model() + ": original, perturbation x10, adversarial");
        for (int i = 0; i < count; i++) {
            AttackResult.Example e = result.examples().get(i);
            float[] x = result.clean().image(i);
            float[] a = result.adversarial().image(i);
            grid.add(x, "#" + e.index() + ": " + e.cleanLabel());
            grid.add(perturbation(x, a), "x10");
            grid.add(a, (e.success() ? "-> " : "fail ") + e.finalLabel());
        }
        return grid.build();
    }

    /** The perturbation a - x magnified ten times around mid-grey (the grid clips it to [0, 1]). */
    static float[] perturbation(float[] x, float[] a) {
        float[] p = new float[x.length];
        for (int j = 0; j < x.length; j++) {
            p[j] = 0.5f + 10f * (a[j] - x[j]);
        }
        return p;
    }
}
