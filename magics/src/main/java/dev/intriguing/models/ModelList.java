package dev.intriguing.models;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * What {@code %model list} returns: one row per model of the session.
 *
 * @param rows the models, in binding order
 */
public record ModelList(List<Row> rows) {
    public ModelList {
        rows = List.copyOf(rows);
    }

    /** One model: its name, spec, parameter count, training data and errors (from its manifest). */
    public record Row(String name, String spec, long parameters, String data, int epochs, double trainError, double testError) {
    }

    /** The rows for the models in {@code models}, by name. */
    public static ModelList of(Map<String, TrainedModel> models) {
        List<Row> rows = new ArrayList<>();
        models.forEach((name, m) -> rows.add(new Row(name, m.spec().toString(), m.parameterCount(),
                m.manifest().trainingData(), m.manifest().epochsCompleted(), m.manifest().trainError(), m.manifest().testError())));
        return new ModelList(rows);
    }

    /** name, spec, parameters, data, epochs, train error %, test error %. */
    public Table table() {
        Table t = Table.create("models");
        StringColumn name = StringColumn.create("name");
        StringColumn spec = StringColumn.create("spec");
        LongColumn params = LongColumn.create("parameters");
        StringColumn data = StringColumn.create("data");
        LongColumn epochs = LongColumn.create("epochs");
        DoubleColumn train = DoubleColumn.create("train error %");
        DoubleColumn test = DoubleColumn.create("test error %");
        for (Row r : rows) {
            name.append(r.name());
            spec.append(r.spec());
            params.append(r.parameters());
            data.append(r.data());
            epochs.append(r.epochs());
            train.append(ModelEvaluation.percent(r.trainError()));
            test.append(ModelEvaluation.percent(r.testError()));
        }
        return t.addColumns(name, spec, params, data, epochs, train, test);
    }

    @Override
    public String toString() {
        return rows.isEmpty() ? "No models in this session yet. Train one: %model train fc100-100-10 --as a" : table().print();
    }
}
