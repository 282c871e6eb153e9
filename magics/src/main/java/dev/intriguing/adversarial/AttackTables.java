package dev.intriguing.adversarial;

import dev.intriguing.datasets.api.AtomicFiles;
import dev.intriguing.datasets.api.WriteFailedException;
import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * An {@link AttackResult} as data: its summary and per-example Tablesaw tables (rounded for a person to read) and its
 * CSV (full precision). Tablesaw is a data library, so this stays beside the result; how a result looks in a
 * notebook (HTML, the image grid) lives in {@code render}.
 */
final class AttackTables {
    /** Significant digits of distortions and parameters in the displayed tables. */
    private static final int DIGITS = 4;

    private AttackTables() {
    }

    /** One row: the summary figures; rates in percent to one decimal, distortions to four significant digits. */
    static Table summary(AttackResult r) {
        List<Column<?>> columns = new ArrayList<>(List.<Column<?>>of(
                StringColumn.create("attack", r.attack()),
                StringColumn.create("model", r.model()),
                StringColumn.create("data", r.data()),
                StringColumn.create("targets", r.targets()),
                IntColumn.create("examples", new int[] {r.size()}),
                DoubleColumn.create("success rate %", percent(r.successRate()))));
        for (double budget : r.budgets()) {
            columns.add(DoubleColumn.create("success % at " + significant(budget), percent(r.successRateAt(budget))));
        }
        columns.addAll(List.<Column<?>>of(
                DoubleColumn.create("clean error %", percent(r.cleanErrorRate())),
                DoubleColumn.create("error % after", percent(r.errorRate())),
                DoubleColumn.create("mean distortion", significant(r.meanDistortion())),
                DoubleColumn.create("median distortion", significant(r.medianDistortion())),
                DoubleColumn.create("max distortion", significant(r.maxDistortion())),
                DoubleColumn.create("evaluations/example", oneDecimal(r.evaluationsPerExample())),
                DoubleColumn.create("seconds", significant(r.seconds())),
                DoubleColumn.create("examples/s", oneDecimal(r.examplesPerSecond())),
                BooleanColumn.create("partial", new boolean[] {r.partial()})));
        return Table.create("summary").addColumns(columns.toArray(Column<?>[]::new));
    }

    /**
     * One row per example: index, label, clean, target, final, success, distortion, the attack's parameter,
     * iterations, evaluations, and the budget when the run had budgets.
     */
    static Table examples(AttackResult r) {
        IntColumn index = IntColumn.create("index");
        IntColumn label = IntColumn.create("label");
        IntColumn clean = IntColumn.create("clean");
        IntColumn target = IntColumn.create("target");
        IntColumn fin = IntColumn.create("final");
        BooleanColumn success = BooleanColumn.create("success");
        DoubleColumn distortion = DoubleColumn.create("distortion");
        DoubleColumn parameter = DoubleColumn.create(r.parameterName());
        IntColumn iterations = IntColumn.create("iterations");
        LongColumn evaluations = LongColumn.create("evaluations");
        DoubleColumn budget = DoubleColumn.create("budget");
        for (AttackResult.Example e : r.examples()) {
            index.append(e.index());
            label.append(e.label());
            clean.append(e.cleanLabel());
            target.append(e.target());
            fin.append(e.finalLabel());
            success.append(e.success());
            distortion.append(significant(e.distortion()));
            parameter.append(significant(e.parameter()));
            iterations.append(e.iterations());
            evaluations.append(e.evaluations());
            budget.append(e.budget());
        }
        Table t = Table.create(r.attack() + " on " + r.model()).addColumns(index, label, clean, target, fin, success,
                distortion, parameter, iterations, evaluations);
        return r.budgets().isEmpty() ? t : t.addColumns(budget);
    }

    /** Writes the per-example rows at full precision to {@code file}: a temporary file beside it, renamed into place. */
    static Path writeCsv(AttackResult r, Path file) {
        try {
            AtomicFiles.writeText(file, w -> writeRows(r, w));
            return file;
        } catch (IOException e) {
            throw new WriteFailedException(file, e);
        }
    }

    private static void writeRows(AttackResult r, Writer w) throws IOException {
        boolean budgets = !r.budgets().isEmpty();
        w.write("index,label,clean,target,final,success,distortion," + r.parameterName() + ",iterations,evaluations"
                + (budgets ? ",budget" : "") + "\n");
        for (AttackResult.Example e : r.examples()) {
            // Double.toString is the shortest text that reads back as the same double: full precision
            w.write(String.format(Locale.ROOT, "%d,%d,%d,%d,%d,%b,%s,%s,%d,%d", e.index(), e.label(), e.cleanLabel(),
                    e.target(), e.finalLabel(), e.success(), e.distortion(), e.parameter(), e.iterations(),
                    e.evaluations()));
            w.write(budgets ? "," + e.budget() + "\n" : "\n");
        }
    }

    /** A rate in [0, 1] as a percentage with one decimal. */
    static double percent(double rate) {
        return oneDecimal(100 * rate);
    }

    static double oneDecimal(double v) {
        return Double.isFinite(v) ? Math.round(v * 10) / 10.0 : v;
    }

    /** {@code v} rounded to four significant digits (zero, NaN and infinities unchanged). */
    static double significant(double v) {
        if (!Double.isFinite(v) || v == 0) {
            return v;
        }
        return new BigDecimal(v).round(new MathContext(DIGITS)).doubleValue();
    }
}
