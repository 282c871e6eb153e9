package dev.intriguing.models;

import dev.intriguing.datasets.api.Datasets;
import dev.intriguing.datasets.api.Part;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * What {@code %model eval} returns: a model's error on the training and the test part of a data set, and the test
 * confusion matrix.
 *
 * <pre>{@code
 * ModelEvaluation e = ModelEvaluation.of("a", model, Datasets.standard(), "mnist");
 * e.table()            // part, images, errors, error %
 * e.confusionTable()   // test confusion, rows true class
 * }</pre>
 *
 * @param model model name
 * @param spec  its spec
 * @param data  data set name
 * @param train evaluation on the training part
 * @param test  evaluation on the test part
 */
public record ModelEvaluation(String model, String spec, String data, Evaluation train, Evaluation test) {
    /** Evaluates {@code m} on both parts of data set {@code data}. */
    public static ModelEvaluation of(String name, TrainedModel m, Datasets datasets, String data) {
        Evaluation tr = m.evaluate(datasets.load(data, Part.TRAIN));
        Evaluation te = m.evaluate(datasets.load(data, Part.TEST));
        return new ModelEvaluation(name, m.spec().toString(), data, tr, te);
    }

    /** One row per part: part, images, errors, error %. */
    public Table table() {
        Table t = Table.create(model + " (" + spec + ") on " + data);
        StringColumn part = StringColumn.create("part", "train", "test");
        IntColumn n = IntColumn.create("images", new int[] {train.examples(), test.examples()});
        IntColumn e = IntColumn.create("errors", new int[] {train.errors(), test.errors()});
        DoubleColumn pct = DoubleColumn.create("error %", new double[] {percent(train.error()), percent(test.error())});
        return t.addColumns(part, n, e, pct);
    }

    /** The test part's confusion matrix. */
    public Table confusionTable() {
        return test.confusionTable();
    }

    /** A rate in [0, 1] as a percentage with one decimal, as every table of the project shows rates. */
    static double percent(double rate) {
        return Math.round(rate * 1000) / 10.0;
    }

    @Override
    public String toString() {
        return String.format("%s (%s) on %s: train error %.2f%% (%d/%d), test error %.2f%% (%d/%d)", model, spec, data,
                100 * train.error(), train.errors(), train.examples(), 100 * test.error(), test.errors(), test.examples());
    }
}
