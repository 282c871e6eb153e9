package dev.intriguing.transfer;

import java.awt.BasicStroke;
import java.awt.Color;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Error rate against distortion, as plotted: one series per model and kind (adversarial, amplified, noise), each a
 * list of points.
 *
 * <pre>{@code
 * c1.chart()                  // XChart line chart: solid adversarial, dashed noise, one colour per model
 * c1.table()                  // series, model, kind, ε, distortion, error %
 * c1.series()                 // [fc100: adversarial, fc100: noise, ...]
 * c1.toCsv(Path.of("c1.csv"))
 * }</pre>
 */
public final class CurveResult {
    /** The kinds of series; noise is drawn dashed, the others solid. */
    public enum Kind {
        ADVERSARIAL, AMPLIFIED, NOISE;

        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * One plotted point, at full precision.
     *
     * @param series     the series it belongs to, e.g. {@code fc100: noise}
     * @param model      the model whose error it is
     * @param kind       adversarial, amplified or noise
     * @param nominal    ε of the grid: the budget (adversarial), the RMS asked for (amplified), the stddev (noise)
     * @param distortion where it is drawn: ε for adversarial points, the mean RMS after clipping otherwise
     * @param errorRate  in [0, 1]
     */
    public record Point(String series, String model, Kind kind, double nominal, double distortion, double errorRate) {
    }

    /** Colours by model: a palette whose neighbours are easy to tell apart (Tableau 10). */
    private static final Color[] PALETTE = {new Color(0x4E79A7), new Color(0xF28E2B), new Color(0xE15759),
        new Color(0x76B7B2), new Color(0x59A14F), new Color(0xEDC948), new Color(0xB07AA1), new Color(0xFF9DA7),
        new Color(0x9C755F), new Color(0xBAB0AC)};

    /** Adversarial and amplified series: solid, a little heavier than XChart's default so they read on a slide. */
    static final BasicStroke SOLID = new BasicStroke(2.0f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND);
    /** Noise series: dashed, as heavy as the solid ones. */
    static final BasicStroke DASHED = new BasicStroke(2.0f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f,
            new float[] {7f, 5f}, 0f);

    private final String title;
    private final boolean log;
    private final List<Point> points;

    CurveResult(String title, boolean log, List<Point> points) {
        this.title = title;
        this.log = log;
        this.points = List.copyOf(points);
    }

    public String title() {
        return title;
    }

    /** Whether the distortion axis is logarithmic. */
    public boolean log() {
        return log;
    }

    public List<Point> points() {
        return points;
    }

    /** The names of the series, in drawing order. */
    public List<String> series() {
        return points.stream().map(Point::series).distinct().toList();
    }

    /** The points of one series, in order of ε. */
    public List<Point> points(String series) {
        List<Point> out = points.stream().filter(p -> p.series().equals(series)).toList();
        if (out.isEmpty()) {
            throw new IllegalArgumentException("no series '" + series + "'; series: " + String.join(", ", series()));
        }
        return out;
    }

    /** The plotted points: error rates in percent with one decimal, distortions to four significant digits. */
    public Table table() {
        return Table.create(title).addColumns(
                StringColumn.create("series", points.stream().map(Point::series)),
                StringColumn.create("model", points.stream().map(Point::model)),
                StringColumn.create("kind", points.stream().map(p -> p.kind().toString())),
                DoubleColumn.create("ε", points.stream().mapToDouble(p -> Format.significant(p.nominal()))),
                DoubleColumn.create("distortion", points.stream().mapToDouble(p -> Format.significant(p.distortion()))),
                DoubleColumn.create("error %", points.stream().mapToDouble(p -> Format.percent(p.errorRate()))));
    }

    /**
     * The chart: error rate (%) against distortion (per-pixel RMS), one colour per model, solid lines for adversarial
     * and amplified examples, dashed for noise. On a log axis, points at distortion 0 are left out.
     */
    public XYChart chart() {
        XYChart chart = new XYChartBuilder().width(820).height(520).title(title)
                .xAxisTitle("distortion: RMS per pixel, pixels in [0, 1]" + (log ? " (log scale)" : ""))
                .yAxisTitle("error rate (%)").build();
        Styler s = chart.getStyler();
        chart.getStyler().setXAxisLogarithmic(log).setYAxisMin(0.0).setYAxisMax(100.0).setXAxisDecimalPattern("0.###")
                .setLegendPosition(Styler.LegendPosition.OutsideE);
        s.setChartBackgroundColor(Color.WHITE);
        Map<String, Color> colours = new LinkedHashMap<>();
        for (String name : series()) {
            List<Point> ps = points(name).stream().filter(p -> !log || p.distortion() > 0).toList();
            if (ps.isEmpty()) {
                continue;
            }
            Point first = ps.get(0);
            Color colour = colours.computeIfAbsent(first.model(), m -> PALETTE[colours.size() % PALETTE.length]);
            XYSeries series = chart.addSeries(name, ps.stream().mapToDouble(Point::distortion).toArray(),
                    ps.stream().mapToDouble(p -> 100 * p.errorRate()).toArray());
            series.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line).setMarker(SeriesMarkers.NONE)
                    .setLineColor(colour);
            series.setLineStyle(first.kind() == Kind.NOISE ? DASHED : SOLID);
        }
        return chart;
    }

    /**
     * Writes every point at full precision (series, model, kind, nominal, distortion, error rate in [0, 1]),
     * atomically: a temporary file renamed into place.
     */
    public Path toCsv(Path file) {
        StringBuilder b = new StringBuilder("series,model,kind,nominal,distortion,error_rate\n");
        for (Point p : points) {
            b.append(Format.csv(p.series())).append(',').append(Format.csv(p.model())).append(',').append(p.kind())
                    .append(',').append(p.nominal()).append(',').append(p.distortion()).append(',')
                    .append(p.errorRate()).append('\n');
        }
        return Format.writeAtomically(file, b.toString());
    }

    @Override
    public String toString() {
        List<String> parts = new ArrayList<>();
        for (String name : series()) {
            List<Point> ps = points(name);
            Point last = ps.get(ps.size() - 1);
            parts.add(String.format(Locale.ROOT, "%s %.1f%% at %.3g", name, 100 * last.errorRate(), last.distortion()));
        }
        return "CurveResult[" + title + ": " + String.join("; ", parts) + "]";
    }
}
