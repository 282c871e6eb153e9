package dev.intriguing.labs;

import dev.intriguing.datasets.api.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Our values of one of the paper's tables, in the paper's shape: the result a reproduction notebook saves and the
 * report reads back. Rows follow the paper's order; NaN marks a value we did not measure.
 *
 * <pre>{@code
 * Reproduced t2ours = PaperTables.TABLE_2.ours(t2);
 * t2ours.toCsv(Path.of("out/results/table2.csv"))
 * // paper row,our row,FC10(1e-4),...
 * // "FC10(1e-4)","adv_fc10_4",100.0,12.5,...
 * }</pre>
 *
 * @param paper   the paper's table
 * @param ourRows our label of each row
 * @param values  rows × columns in the paper's units
 */
public record Reproduced(PaperTables.PaperTable paper, List<String> ourRows, double[][] values) {
    public Reproduced {
        ourRows = List.copyOf(ourRows);
        values = Arrays.stream(values).map(double[]::clone).toArray(double[][]::new);
        int width = paper.columns().size();
        if (ourRows.size() != paper.rows().size() || values.length != paper.rows().size()
                || Arrays.stream(values).anyMatch(r -> r.length != width)) {
            throw new IllegalArgumentException(paper.title() + " has " + paper.rows().size() + " rows x " + width
                    + " columns; ours has " + ourRows.size() + " row labels and " + values.length + " rows"
                    + (values.length > 0 ? " x " + values[0].length + " columns" : ""));
        }
    }

    /** A copy of our values, rows × columns. */
    @Override
    public double[][] values() {
        return Arrays.stream(values).map(double[]::clone).toArray(double[][]::new);
    }

    /** Our value in the paper's row {@code r} and column {@code c} (indices). */
    public double value(int r, int c) {
        return values[r][c];
    }

    /**
     * Writes the table as CSV, atomically: a header {@code paper row,our row,<the paper's columns>}, then one line per
     * row with both labels quoted and the values in full precision ({@code Double.toString}, NaN where not measured).
     */
    public Path toCsv(Path file) {
        StringBuilder b = new StringBuilder("paper row,our row");
        for (String c : paper.columns()) {
            b.append(',').append(quote(c));
        }
        b.append('\n');
        for (int r = 0; r < values.length; r++) {
            b.append(quote(paper.rows().get(r))).append(',').append(quote(ourRows.get(r)));
            for (double v : values[r]) {
                b.append(',').append(v);
            }
            b.append('\n');
        }
        try {
            if (file.toAbsolutePath().getParent() != null) {
                Files.createDirectories(file.toAbsolutePath().getParent());
            }
            AtomicFiles.writeString(file, b);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + file, e);
        }
        return file;
    }

    /**
     * Reads a CSV written by {@link #toCsv} for {@code paper}.
     *
     * @throws IllegalArgumentException when the file's header or rows do not match the paper's table
     */
    public static Reproduced readCsv(PaperTables.PaperTable paper, Path file) throws IOException {
        List<String> lines = Files.readAllLines(file);
        if (lines.isEmpty()) {
            throw new IllegalArgumentException(file + " is empty; expected the header 'paper row,our row,...'");
        }
        List<String> header = split(lines.get(0));
        List<String> expected = new ArrayList<>(List.of("paper row", "our row"));
        expected.addAll(paper.columns());
        if (!header.equals(expected)) {
            throw new IllegalArgumentException(file + ": header " + header + " does not match " + paper.title()
                    + ": expected " + expected);
        }
        List<String> ourRows = new ArrayList<>();
        List<double[]> values = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            if (line.isBlank()) {
                continue;
            }
            List<String> cells = split(line);
            if (cells.size() != expected.size()) {
                throw new IllegalArgumentException(file + ": a row has " + cells.size() + " fields, expected "
                        + expected.size() + ": " + line);
            }
            int r = ourRows.size();
            if (r >= paper.rows().size() || !paper.rows().get(r).equals(cells.get(0))) {
                throw new IllegalArgumentException(file + ": row " + (r + 1) + " is '" + cells.get(0)
                        + "'; expected the paper's rows in order: " + paper.rows());
            }
            ourRows.add(cells.get(1));
            values.add(cells.subList(2, cells.size()).stream().mapToDouble(Double::parseDouble).toArray());
        }
        return new Reproduced(paper, ourRows, values.toArray(double[][]::new));
    }

    private static String quote(String s) {
        return '"' + s.replace("\"", "\"\"") + '"';
    }

    /** One CSV line into fields: fields may be quoted, with "" for a quote inside (as the result records write). */
    public static List<String> split(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (quoted) {
                if (ch == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cur.append('"');
                    i++;
                } else if (ch == '"') {
                    quoted = false;
                } else {
                    cur.append(ch);
                }
            } else if (ch == '"') {
                quoted = true;
            } else if (ch == ',') {
                out.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(ch);
            }
        }
        out.add(cur.toString());
        return out;
    }
}
