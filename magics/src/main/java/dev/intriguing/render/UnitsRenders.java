package dev.intriguing.render;

import dev.intriguing.datasets.api.ImageSet;
import dev.intriguing.units.UnitsResult;
import dev.intriguing.units.UnitsScore;
import io.github.spencerpark.jupyter.kernel.display.Renderer;
import io.github.spencerpark.jupyter.kernel.display.mime.MIMEType;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Locale;

/**
 * How the results of {@code %units} look. A {@link UnitsResult} is the paper's Figure 1 beside Figure 2: one PNG with
 * the unit rows on the left and the random rows on the right, each row labelled and each image captioned with its
 * label and its projection, above the table of rows. A {@link UnitsScore} is its verdict sentence, its table and the
 * purity chart.
 */
public final class UnitsRenders {
    /** Screen pixels per image pixel in the grid. */
    static final int SCALE = 2;
    /** Images per line of a row; a longer top-k wraps onto more lines. */
    static final int PER_LINE = 10;

    private static final int PAD = 4;
    private static final int LABEL_W = 76;
    private static final int CAPTION_H = 13;
    private static final int HEADER_H = 20;
    private static final int GAP = 24;

    private UnitsRenders() {
    }

    /** Registers the renderers of unit grids and verdicts. */
    public static void register(Renderer renderer) {
        renderer.createRegistration(UnitsResult.class)
                .preferring(MIMEType.TEXT_HTML, MIMEType.IMAGE_PNG, MIMEType.TEXT_PLAIN)
                .register((result, ctx) -> {
                    String png = Renderers.base64(ImageGrid.png(grid(result)));
                    ctx.renderIfRequested(MIMEType.TEXT_HTML, () -> html(result, png));
                    ctx.renderIfRequested(MIMEType.IMAGE_PNG, () -> png);
                    ctx.renderIfRequested(MIMEType.TEXT_PLAIN, result::toString);
                });
        renderer.createRegistration(UnitsScore.class)
                .preferring(MIMEType.TEXT_HTML, MIMEType.IMAGE_PNG, MIMEType.TEXT_PLAIN)
                .register((score, ctx) -> {
                    String png = Renderers.png(score.chart());
                    ctx.renderIfRequested(MIMEType.TEXT_HTML, () -> html(score, png));
                    ctx.renderIfRequested(MIMEType.IMAGE_PNG, () -> png);
                    ctx.renderIfRequested(MIMEType.TEXT_PLAIN, score::toString);
                });
    }

    static String html(UnitsResult r, String png) {
        return "<p><b>" + Tables.escape(r.title()) + "</b><br/>" + Tables.escape(r.unitsInWords()) + "; random directions: "
                + r.basis().option() + ", seed " + r.seed() + ".</p>"
                + "<img alt=\"units (left) and random directions (right)\" src=\"data:image/png;base64," + png + "\"/>"
                + Tables.html(r.table());
    }

    static String html(UnitsScore s, String png) {
        return "<p><b>" + Tables.escape(s.title()) + "</b><br/>" + Tables.escape(s.unitsInWords()) + ".<br/>"
                + Tables.escape(s.verdict()) + "</p>" + Tables.html(s.table())
                + "<img alt=\"purity distributions\" src=\"data:image/png;base64," + png + "\"/>";
    }

    /**
     * Figure 1 beside Figure 2: the unit rows on the left, the random rows on the right (a side without rows is left
     * out). Each row starts with its label ({@code unit 17}, {@code random 3}); each image is captioned
     * {@code label: projection}.
     */
    public static BufferedImage grid(UnitsResult r) {
        List<UnitsResult.Row> units = r.unitRows();
        List<UnitsResult.Row> random = r.randomRows();
        ImageSet images = r.images();
        int h = images.height();
        int w = images.width();
        int perLine = Math.min(PER_LINE, r.k());
        int linesPerRow = (r.k() + perLine - 1) / perLine;
        int cellW = w * SCALE + PAD;
        int cellH = h * SCALE + CAPTION_H + PAD;
        int panelW = LABEL_W + perLine * cellW;
        int rows = Math.max(units.size(), random.size());
        int panels = (units.isEmpty() ? 0 : 1) + (random.isEmpty() ? 0 : 1);
        int width = PAD + panels * panelW + (panels - 1) * GAP + PAD;
        int height = HEADER_H + rows * (linesPerRow * cellH + PAD) + PAD;
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);
            int x0 = PAD;
            if (!units.isEmpty()) {
                panel(g, out, images, units, "units e_i (Figure 1): top " + r.k() + " of " + r.layer(), x0, perLine,
                        linesPerRow, cellW, cellH);
                x0 += panelW + GAP;
            }
            if (!random.isEmpty()) {
                panel(g, out, images, random, "random directions v (Figure 2): top " + r.k(), x0, perLine, linesPerRow,
                        cellW, cellH);
            }
        } finally {
            g.dispose();
        }
        return out;
    }

    private static void panel(Graphics2D g, BufferedImage out, ImageSet images, List<UnitsResult.Row> rows, String header,
                              int x0, int perLine, int linesPerRow, int cellW, int cellH) {
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 12));
        g.setColor(Color.BLACK);
        g.drawString(header, x0, 14);
        Font label = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
        Font caption = new Font(Font.SANS_SERIF, Font.PLAIN, 10);
        for (int i = 0; i < rows.size(); i++) {
            UnitsResult.Row row = rows.get(i);
            int y0 = HEADER_H + i * (linesPerRow * cellH + PAD);
            g.setFont(label);
            g.setColor(Color.BLACK);
            g.drawString(row.direction().label(), x0, y0 + images.height() * SCALE / 2 + 4);
            g.setFont(caption);
            FontMetrics fm = g.getFontMetrics();
            for (int j = 0; j < row.indices().length; j++) {
                int cx = x0 + LABEL_W + (j % perLine) * cellW;
                int cy = y0 + (j / perLine) * cellH;
                draw(out, images.image(row.indices()[j]), images.height(), images.width(), cx, cy);
                String text = row.labels()[j] + ": " + projection(row.projections()[j]);
                while (fm.stringWidth(text) > cellW && text.length() > 1) {
                    text = text.substring(0, text.length() - 1);
                }
                g.setColor(Color.DARK_GRAY);
                g.drawString(text, cx + Math.max(0, (images.width() * SCALE - fm.stringWidth(text)) / 2),
                        cy + images.height() * SCALE + 10);
            }
        }
    }

    /** A projection in 3 significant digits. */
    static String projection(float v) {
        return String.format(Locale.ROOT, "%.3g", v);
    }

    private static void draw(BufferedImage out, float[] px, int h, int w, int x0, int y0) {
        for (int r = 0; r < h; r++) {
            for (int c = 0; c < w; c++) {
                int grey = Math.round(Math.max(0f, Math.min(1f, px[r * w + c])) * 255f);
                int rgb = (grey << 16) | (grey << 8) | grey;
                for (int dy = 0; dy < SCALE; dy++) {
                    for (int dx = 0; dx < SCALE; dx++) {
                        out.setRGB(x0 + c * SCALE + dx, y0 + r * SCALE + dy, rgb);
                    }
                }
            }
        }
    }
}
