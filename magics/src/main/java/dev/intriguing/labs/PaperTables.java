package dev.intriguing.labs;

import dev.intriguing.transfer.TransferResult;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The MNIST tables of Szegedy et al., <i>Intriguing properties of neural networks</i> (arXiv:1312.6199v4, 2014),
 * transcribed once: Table 1 (the models), Table 2 (cross-model generalization), Table 3 (the models trained on the
 * disjoint halves P1 and P2), Table 4 (cross-training-set generalization) and Table 5 (the upper Lipschitz bound of
 * each layer of the paper's ImageNet network). Percentages are in percent, distortions in the paper's per-pixel RMS.
 *
 * <p>Provenance: Tables 1-4 were typed in from the paper; Tables 2-4 have not been checked against its text a second
 * time (no copy of the text was at hand). Table 5's bounds agree with an independent third-party transcription of the
 * paper's. Each table has a short id ({@link #ALL}) that names its CSV of our values ({@link Reproduced}).
 *
 * <pre>{@code
 * PaperTables.TABLE_2.value("FC100-100-10", "AE400-10")   // 2.0
 * PaperTables.TABLE_2.beside(t2)     // ours / paper (difference) in every cell
 * PaperTables.TABLE_1.column("test error %")              // [7.4, 9.4, 20.0, 1.64, 1.54, 1.9]
 * }</pre>
 */
public final class PaperTables {
    private PaperTables() {
    }

    /** How a column's numbers read. */
    public enum Unit {
        /** a rate in percent, shown with one decimal */
        PERCENT,
        /** a per-pixel RMS distortion, shown with three significant digits */
        DISTORTION,
        /** an upper Lipschitz bound (an operator norm), shown with three significant digits */
        BOUND
    }

    /**
     * One table of the paper.
     *
     * @param title   the paper's caption, shortened
     * @param rows    the paper's row labels
     * @param columns the paper's column labels
     * @param units   per column, how it reads
     * @param values  rows × columns
     */
    public record PaperTable(String title, List<String> rows, List<String> columns, List<Unit> units,
                             double[][] values) {
        public PaperTable {
            rows = List.copyOf(rows);
            columns = List.copyOf(columns);
            units = List.copyOf(units);
            values = Arrays.stream(values).map(double[]::clone).toArray(double[][]::new);
            int width = columns.size();
            if (units.size() != width || values.length != rows.size()
                    || Arrays.stream(values).anyMatch(r -> r.length != width)) {
                throw new IllegalArgumentException(title + ": " + rows.size() + " rows x " + columns.size()
                        + " columns do not match the values");
            }
        }

        /** The paper's value in row {@code row}, column {@code column}. */
        public double value(String row, String column) {
            return values[index(rows, row, "row")][index(columns, column, "column")];
        }

        /** A copy of the paper's values, rows × columns. */
        @Override
        public double[][] values() {
            return Arrays.stream(values).map(double[]::clone).toArray(double[][]::new);
        }

        /** The paper's values in column {@code column}, one per row. */
        public double[] column(String column) {
            int c = index(columns, column, "column");
            return Arrays.stream(values).mapToDouble(r -> r[c]).toArray();
        }

        /** The paper's table as a Tablesaw table. */
        public Table table() {
            Table t = Table.create(title).addColumns(StringColumn.create("", rows));
            for (int c = 0; c < columns.size(); c++) {
                int col = c;
                t.addColumns(DoubleColumn.create(columns.get(c), Arrays.stream(values).mapToDouble(r -> r[col])));
            }
            return t;
        }

        /**
         * Our numbers beside the paper's, cell by cell: {@code ours / paper (ours - paper)}, percentages with one
         * decimal, distortions with three significant digits.
         *
         * @param ourRows our label of each row, in the paper's row order
         * @param ours    rows × columns in the paper's units (percent, RMS)
         * @throws IllegalArgumentException when the shapes differ
         */
        public Table beside(List<String> ourRows, double[][] ours) {
            if (ourRows.size() != rows.size() || ours.length != rows.size()
                    || Arrays.stream(ours).anyMatch(r -> r.length != columns.size())) {
                throw new IllegalArgumentException(title + " has " + rows.size() + " rows x " + columns.size()
                        + " columns; ours has " + ours.length + " rows"
                        + (ours.length > 0 ? " x " + ours[0].length + " columns" : ""));
            }
            Table t = Table.create(title + ": ours / paper (ours - paper)").addColumns(
                    StringColumn.create("paper's row", rows), StringColumn.create("our row", ourRows));
            for (int c = 0; c < columns.size(); c++) {
                List<String> cells = new ArrayList<>();
                for (int r = 0; r < rows.size(); r++) {
                    cells.add(cell(ours[r][c], values[r][c], units.get(c)));
                }
                t.addColumns(StringColumn.create(columns.get(c), cells));
            }
            return t;
        }

        /**
         * A transfer table beside this one: its rows in order against the paper's, its models against the paper's
         * model columns, and its mean distortion against the last column.
         *
         * @throws IllegalArgumentException when the shapes differ
         */
        public Table beside(TransferResult ours) {
            return beside(ours.rows().stream().map(TransferResult.Row::name).toList(), matrix(ours));
        }

        /**
         * Our values in this table's shape, ready to save as CSV ({@link Reproduced#toCsv}) for the report.
         *
         * @param ourRows our label of each row, in the paper's row order
         * @param ours    rows × columns in the paper's units; NaN where we did not measure
         */
        public Reproduced ours(List<String> ourRows, double[][] ours) {
            return new Reproduced(this, ourRows, ours);
        }

        /** A transfer table as ours of this one (see {@link #beside(TransferResult)}). */
        public Reproduced ours(TransferResult ours) {
            return ours(ours.rows().stream().map(TransferResult.Row::name).toList(), matrix(ours));
        }

        /** Ours minus the paper's, cell by cell, in the paper's units. */
        public double[][] difference(double[][] ours) {
            double[][] d = new double[rows.size()][columns.size()];
            for (int r = 0; r < rows.size(); r++) {
                for (int c = 0; c < columns.size(); c++) {
                    d[r][c] = ours[r][c] - values[r][c];
                }
            }
            return d;
        }

        private static int index(List<String> names, String name, String what) {
            int i = names.indexOf(name);
            if (i < 0) {
                throw new IllegalArgumentException("no " + what + " '" + name + "'; expected one of "
                        + String.join(", ", names));
            }
            return i;
        }
    }

    /**
     * A transfer table as the paper lays out Tables 2 and 4: per row, each model's error in percent, then the mean
     * distortion.
     */
    public static double[][] matrix(TransferResult t) {
        int m = t.models().size();
        double[][] out = new double[t.rows().size()][m + 1];
        for (int r = 0; r < out.length; r++) {
            TransferResult.Row row = t.rows().get(r);
            for (int c = 0; c < m; c++) {
                out[r][c] = 100 * row.error(c);
            }
            out[r][m] = row.meanDistortion();
        }
        return out;
    }

    private static String cell(double ours, double paper, Unit unit) {
        if (unit == Unit.PERCENT) {
            return String.format(Locale.ROOT, "%.1f / %s (%+.1f)", ours, short1(paper), ours - paper);
        }
        return sig(ours) + " / " + sig(paper) + " (" + (ours - paper >= 0 ? "+" : "") + sig(ours - paper) + ")";
    }

    /** A paper's percentage as printed there (6.25 stays 6.25, 2 reads 2.0). */
    private static String short1(double v) {
        String s = BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
        return s.contains(".") ? s : s + ".0";
    }

    private static String sig(double v) {
        if (!Double.isFinite(v)) {
            return Double.toString(v);
        }
        return v == 0 ? "0" : new BigDecimal(v).round(new MathContext(3)).stripTrailingZeros().toPlainString();
    }

    private static final List<String> TABLE_1_MODELS = List.of("FC10(1e-4)", "FC10(1e-2)", "FC10(1)", "FC100-100-10",
            "FC200-200-10", "AE400-10");

    /** Table 1: the models, their training and test error and their average minimal distortion (test images). */
    public static final PaperTable TABLE_1 = new PaperTable("Paper Table 1: tests of the models on MNIST",
            TABLE_1_MODELS, List.of("train error %", "test error %", "av. min. distortion"),
            List.of(Unit.PERCENT, Unit.PERCENT, Unit.DISTORTION), new double[][] {
                {6.7, 7.4, 0.062},
                {10, 9.4, 0.1},
                {21.2, 20, 0.14},
                {0, 1.64, 0.058},
                {0, 1.54, 0.065},
                {0.57, 1.9, 0.086}});

    /**
     * Table 2: the error of each model (column) on the adversarial examples made for another (row), on training
     * images, with two rows of Gaussian noise; the last column is each row's average distortion.
     */
    public static final PaperTable TABLE_2 = new PaperTable("Paper Table 2: cross-model generalization",
            List.of("FC10(1e-4)", "FC10(1e-2)", "FC10(1)", "FC100-100-10", "FC200-200-10", "AE400-10",
                    "Gaussian noise, stddev=0.1", "Gaussian noise, stddev=0.3"),
            List.of("FC10(1e-4)", "FC10(1e-2)", "FC10(1)", "FC100-100-10", "FC200-200-10", "AE400-10",
                    "av. distortion"),
            List.of(Unit.PERCENT, Unit.PERCENT, Unit.PERCENT, Unit.PERCENT, Unit.PERCENT, Unit.PERCENT,
                    Unit.DISTORTION), new double[][] {
                {100, 11.7, 22.7, 2, 3.9, 2.7, 0.062},
                {87.1, 100, 35.2, 35.9, 27.3, 9.8, 0.1},
                {71.9, 76.2, 100, 48.1, 47, 34.4, 0.14},
                {28.9, 13.7, 21.1, 100, 6.6, 2, 0.058},
                {38.2, 14, 23.8, 20.3, 100, 2.7, 0.065},
                {23.4, 16, 24.8, 9.4, 6.6, 100, 0.086},
                {5.0, 10.1, 18.3, 0, 0, 0.8, 0.1},
                {15.6, 11.3, 22.7, 5, 4.3, 3.1, 0.3}});

    /** Table 3: the models of the cross-training-set experiment, trained on P1 or P2 (30,000 images each). */
    public static final PaperTable TABLE_3 = new PaperTable("Paper Table 3: models trained on the halves P1 and P2",
            List.of("FC100-100-10", "FC123-456-10", "FC100-100-10'"),
            List.of("error on P1 %", "error on P2 %", "error on test %", "av. min. distortion"),
            List.of(Unit.PERCENT, Unit.PERCENT, Unit.PERCENT, Unit.DISTORTION), new double[][] {
                {0, 2.4, 2, 0.062},
                {0, 2.5, 2.1, 0.059},
                {2.3, 0, 2.1, 0.058}});

    /**
     * Table 4: the error of each model of Table 3 (column) on test images distorted for another (row), on the same
     * distortions amplified to stddev 0.1, and on Gaussian noise. The paper gives each row's size in its label; the
     * last column carries it as a number.
     */
    public static final PaperTable TABLE_4 = new PaperTable("Paper Table 4: cross-training-set generalization",
            List.of("Distorted for FC100-100-10 (av. stddev=0.062)", "Distorted for FC123-456-10 (av. stddev=0.059)",
                    "Distorted for FC100-100-10' (av. stddev=0.058)", "Gaussian noise with stddev=0.06",
                    "Distorted for FC100-100-10 amplified to stddev=0.1",
                    "Distorted for FC123-456-10 amplified to stddev=0.1",
                    "Distorted for FC100-100-10' amplified to stddev=0.1", "Gaussian noise with stddev=0.1"),
            List.of("FC100-100-10", "FC123-456-10", "FC100-100-10'", "av. distortion"),
            List.of(Unit.PERCENT, Unit.PERCENT, Unit.PERCENT, Unit.DISTORTION), new double[][] {
                {100, 26.2, 5.9, 0.062},
                {6.25, 100, 5.1, 0.059},
                {8.2, 8.2, 100, 0.058},
                {2.2, 2.6, 2.4, 0.06},
                {100, 98, 43, 0.1},
                {96, 100, 22, 0.1},
                {27, 50, 100, 0.1},
                {2.6, 2.8, 2.7, 0.1}});

    /**
     * Table 5: the upper Lipschitz bound of each layer of the ImageNet network of Krizhevsky et al. (the paper's "frame
     * bounds of each rectified layer"): per layer its size, its stride (0 where the paper writes N/A, for the dense
     * layers) and the bound.
     */
    public static final PaperTable TABLE_5 = new PaperTable("Paper Table 5: upper Lipschitz bound of each layer (AlexNet)",
            List.of("Conv. 1 (11x11x3x96)", "Conv. 2 (5x5x96x256)", "Conv. 3 (3x3x256x384)", "Conv. 4 (3x3x384x384)",
                    "Conv. 5 (3x3x384x256)", "FC1 (9216x4096)", "FC2 (4096x4096)", "FC3 (4096x1000)"),
            List.of("stride", "upper bound"), List.of(Unit.BOUND, Unit.BOUND), new double[][] {
                {4, 2.75},
                {1, 10},
                {1, 7},
                {1, 7.5},
                {1, 11},
                {0, 3.12},
                {0, 4},
                {0, 4}});

    /** Every table by its short id ({@code table1} ... {@code table5}), in the paper's order. */
    public static final Map<String, PaperTable> ALL = numbered(TABLE_1, TABLE_2, TABLE_3, TABLE_4, TABLE_5);

    /**
     * The short id of one of the paper's tables.
     *
     * @throws IllegalArgumentException for a table that is not one of {@link #ALL}
     */
    public static String id(PaperTable table) {
        return ALL.entrySet().stream().filter(e -> e.getValue() == table).map(Map.Entry::getKey).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("not one of the paper's tables: " + table.title()));
    }

    private static Map<String, PaperTable> numbered(PaperTable... tables) {
        Map<String, PaperTable> m = new LinkedHashMap<>();
        for (int i = 0; i < tables.length; i++) {
            m.put("table" + (i + 1), tables[i]);
        }
        return Collections.unmodifiableMap(m);
    }
}
