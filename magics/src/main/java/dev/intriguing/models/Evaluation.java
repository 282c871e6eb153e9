package dev.intriguing.models;

import java.util.List;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * A model's predictions on one image set: the error rate and the confusion matrix.
 *
 * <pre>{@code
 * Evaluation e = model.evaluate(Datasets.standard().load("mnist", Part.TEST));
 * e.error()          // 0.0181
 * e.confusionTable() // rows: true class, columns: predicted class
 * }</pre>
 *
 * @param data      the image set's name
 * @param examples  number of images
 * @param errors    number misclassified
 * @param confusion confusion[true][predicted] counts
 */
public record Evaluation(String data, int examples, int errors, int[][] confusion) {
    /** The share of misclassified images. */
    public double error() {
        return examples == 0 ? 0 : (double) errors / examples;
    }

    /** The confusion matrix as a table: a {@code true} column, then one column per predicted class. */
    public Table confusionTable() {
        int k = confusion.length;
        Table t = Table.create("confusion " + data + " (rows: true class, columns: predicted)");
        StringColumn truth = StringColumn.create("true");
        for (int i = 0; i < k; i++) {
            truth.append(Integer.toString(i));
        }
        t.addColumns(truth);
        for (int p = 0; p < k; p++) {
            int[] col = new int[k];
            for (int i = 0; i < k; i++) {
                col[i] = confusion[i][p];
            }
            t.addColumns(IntColumn.create(Integer.toString(p), col));
        }
        return t;
    }

    /** Per-class error: class, images, errors, error %. */
    public Table perClassTable() {
        Table t = Table.create("per-class error " + data);
        IntColumn cls = IntColumn.create("class");
        IntColumn n = IntColumn.create("images");
        IntColumn wrong = IntColumn.create("errors");
        DoubleColumn pct = DoubleColumn.create("error %");
        for (int i = 0; i < confusion.length; i++) {
            int total = 0;
            for (int c : confusion[i]) {
                total += c;
            }
            cls.append(i);
            n.append(total);
            wrong.append(total - confusion[i][i]);
            pct.append(total == 0 ? 0 : Math.round(1000.0 * (total - confusion[i][i]) / total) / 10.0);
        }
        return t.addColumns(cls, n, wrong, pct);
    }

    /** The class labels, "0".."k-1". */
    public List<String> classes() {
        return java.util.stream.IntStream.range(0, confusion.length).mapToObj(Integer::toString).toList();
    }

    @Override
    public String toString() {
        return String.format("%s: %d of %d wrong, error %.2f%%", data, errors, examples, 100 * error());
    }
}
