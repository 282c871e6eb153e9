package dev.intriguing.transfer;

import java.awt.Color;
import java.awt.Font;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * A transfer table: for every row of perturbed images and every model, the model's error rate on them, with each
 * row's mean distortion; the layout of the paper's Tables 2 and 4.
 *
 * <pre>{@code
 * t2.table()                 // row, one column per model (error %), mean distortion, images
 * t2.heatmap()               // XChart heat map, the percentage written in each cell
 * t2.error("adv_fc100", "fc200")
 * t2.toCsv(Path.of("t2.csv"))
 * }</pre>
 */
public final class TransferResult {
    /** What a row holds. */
    public enum Kind {
        /** the examples an attack returned */
        ADVERSARIAL,
        /** an attack's perturbations rescaled to one RMS */
        AMPLIFIED,
        /** Gaussian noise of a given stddev */
        NOISE,
        /** Gaussian noise whose stddev is one set's mean distortion */
        MATCHED_NOISE;

        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT).replace('_', ' ');
        }
    }

    /**
     * One row, at full precision.
     *
     * @param name           what the table calls it
     * @param kind           what it holds
     * @param nominal        the size asked for (stddev or RMS; NaN for an attack's own set)
     * @param images         how many images
     * @param meanDistortion mean per-pixel RMS of (image - clean image), after clipping
     * @param errors         per model, in the order of {@link #models()}, the error rate in [0, 1]
     */
    public record Row(String name, Kind kind, double nominal, int images, double meanDistortion, List<Double> errors) {
        public Row {
            errors = List.copyOf(errors);
        }

        /** The error rate of the {@code model}-th model. */
        public double error(int model) {
            return errors.get(model);
        }
    }

    private final String data;
    private final List<String> models;
    private final List<Row> rows;
    private final long seed;

    TransferResult(String data, List<String> models, List<Row> rows, long seed) {
        this.data = data;
        this.models = List.copyOf(models);
        this.rows = List.copyOf(rows);
        this.seed = seed;
    }

    /** The data the sets were made from, e.g. {@code mnist-train}. */
    public String data() {
        return data;
    }

    /** The columns: model names. */
    public List<String> models() {
        return models;
    }

    public List<Row> rows() {
        return rows;
    }

    /** The seed of the noise rows. */
    public long seed() {
        return seed;
    }

    /** The row called {@code name}. */
    public Row row(String name) {
        return rows.stream().filter(r -> r.name().equals(name)).findFirst().orElseThrow(() ->
                new IllegalArgumentException("no row '" + name + "'; rows: " + String.join(", ", rowNames())));
    }

    /** The error rate, in [0, 1], of model {@code model} on the images of row {@code row}. */
    public double error(String row, String model) {
        int m = models.indexOf(model);
        if (m < 0) {
            throw new IllegalArgumentException("no model '" + model + "'; models: " + String.join(", ", models));
        }
        return row(row).error(m);
    }

    private List<String> rowNames() {
        return rows.stream().map(Row::name).toList();
    }

    /**
     * The table as the paper lays it out: the row, the error rate of each model in percent with one decimal, the mean
     * distortion to four significant digits, and the number of images.
     */
    public Table table() {
        Table t = Table.create("Error rate % of each model (column) on each row's images, " + data);
        t.addColumns(StringColumn.create("row", rowNames()));
        for (int m = 0; m < models.size(); m++) {
            int model = m;
            t.addColumns(DoubleColumn.create(models.get(m), rows.stream().mapToDouble(r -> Format.percent(r.error(model)))));
        }
        t.addColumns(DoubleColumn.create("mean distortion",
                        rows.stream().mapToDouble(r -> Format.significant(r.meanDistortion()))),
                IntColumn.create("images", rows.stream().mapToInt(Row::images).toArray()));
        return t;
    }

    /**
     * A heat map of the error rates: models across, rows down in table order, each cell coloured from white (0%) to
     * dark red (100%) with its percentage written in it.
     */
    public HeatMapChart heatmap() {
        // room for the longest row label (about 8 pixels a character in XChart's bold axis font), the cells and the
        // colour legend
        int longest = rows.stream().mapToInt(r -> r.name().length()).max().orElse(10);
        int width = 220 + 8 * longest + 100 * models.size();
        int height = 160 + 40 * rows.size();
        HeatMapChart chart = new HeatMapChartBuilder().width(width).height(height)
                .title("Error rate (%) on transferred images, " + data)
                .xAxisTitle("model evaluated").yAxisTitle("images fed to it").build();
        // XChart draws the first y category at the bottom; reversing puts the first row on top, as in the table
        List<String> ys = new ArrayList<>(rowNames());
        Collections.reverse(ys);
        List<Number[]> cells = new ArrayList<>();
        for (int r = 0; r < rows.size(); r++) {
            for (int m = 0; m < models.size(); m++) {
                cells.add(new Number[] {m, rows.size() - 1 - r, Format.percent(rows.get(r).error(m))});
            }
        }
        chart.addSeries("error %", models, ys, cells);
        chart.getStyler().setShowValue(true).setHeatMapValueDecimalPattern("0.0").setMin(0).setMax(100)
                .setRangeColors(new Color[] {Color.WHITE, new Color(0xF4, 0xA5, 0x82), new Color(0xB2, 0x18, 0x2B)})
                .setValueFontColor(Color.BLACK).setValueFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        chart.getStyler().setPlotContentSize(1.0).setChartBackgroundColor(Color.WHITE);
        return chart;
    }

    /**
     * Writes one line per row and model at full precision (row, kind, nominal, images, mean distortion, model, error
     * rate in [0, 1]), atomically: a temporary file renamed into place.
     */
    public Path toCsv(Path file) {
        StringBuilder b = new StringBuilder("row,kind,nominal,images,mean_distortion,model,error_rate\n");
        for (Row r : rows) {
            for (int m = 0; m < models.size(); m++) {
                b.append(Format.csv(r.name())).append(',').append(r.kind()).append(',').append(r.nominal()).append(',')
                        .append(r.images()).append(',').append(r.meanDistortion()).append(',')
                        .append(Format.csv(models.get(m))).append(',').append(r.error(m)).append('\n');
            }
        }
        return Format.writeAtomically(file, b.toString());
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "TransferResult[%d rows x %d models on %s: %s]", rows.size(), models.size(),
                data, String.join(", ", rowNames()));
    }
}
