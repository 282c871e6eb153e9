package dev.intriguing.render;

import dev.intriguing.models.ModelEvaluation;
import dev.intriguing.models.ModelList;
import dev.intriguing.models.ModelManifest;
import dev.intriguing.models.SavedFile;
import dev.intriguing.models.TrainedModel;
import io.github.spencerpark.jupyter.kernel.display.Renderer;
import io.github.spencerpark.jupyter.kernel.display.mime.MIMEType;
import java.util.function.Function;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * How the results of {@code %model} look in a notebook: a trained model as its training summary, the model list and
 * evaluations as HTML tables (the evaluation with its confusion matrix); every one also has {@code text/plain}.
 */
public final class ModelRenders {
    private ModelRenders() {
    }

    /** Registers the renderers of the models package on {@code r}. */
    public static void register(Renderer r) {
        html(r, TrainedModel.class, ModelRenders::trainingSummary);
        html(r, ModelList.class, l -> l.rows().isEmpty() ? "<p>" + escape(l.toString()) + "</p>" : table(l.table()));
        html(r, ModelEvaluation.class, e -> "<p>" + escape(e.toString()) + "</p>" + table(e.table()) + table(e.confusionTable()));
        html(r, SavedFile.class, f -> "<p>" + escape(f.toString()) + "</p>");
    }

    private static <T> void html(Renderer r, Class<T> type, Function<T, String> html) {
        r.createRegistration(type).preferring(MIMEType.TEXT_HTML).supporting(MIMEType.TEXT_PLAIN).register((v, ctx) -> {
            ctx.renderIfRequested(MIMEType.TEXT_HTML, () -> html.apply(v));
            ctx.renderIfRequested(MIMEType.TEXT_PLAIN, v::toString);
        });
    }

    /** The summary of a trained model: what it is, how it was trained, its errors and the epoch history. */
    public static String trainingSummary(TrainedModel m) {
        ModelManifest f = m.manifest();
        StringBuilder b = new StringBuilder();
        b.append("<p><b>").append(escape(m.name())).append("</b> = ").append(escape(m.spec().toString()))
                .append(String.format(" (%,d parameters): trained on %s (%,d images), ", m.parameterCount(),
                        escape(f.trainingData()), f.trainExamples()))
                .append(escape(f.options().toString()))
                .append(String.format("<br>train error <b>%.2f%%</b>, test error <b>%.2f%%</b>, %d epoch(s) in %.1f s",
                        100 * f.trainError(), 100 * f.testError(), f.epochsCompleted(), f.trainSeconds()));
        if (f.interrupted()) {
            b.append(" &mdash; <b>interrupted</b>: kept the model of the last completed epoch");
        }
        b.append("</p>");
        return b.append(table(m.table())).toString();
    }

    /** A Tablesaw table as a plain HTML table with its name as caption. */
    public static String table(Table t) {
        StringBuilder b = new StringBuilder("<table><caption>").append(escape(t.name())).append("</caption><thead><tr>");
        for (Column<?> c : t.columns()) {
            b.append("<th>").append(escape(c.name())).append("</th>");
        }
        b.append("</tr></thead><tbody>");
        for (int row = 0; row < t.rowCount(); row++) {
            b.append("<tr>");
            for (Column<?> c : t.columns()) {
                b.append("<td>").append(escape(c.getString(row))).append("</td>");
            }
            b.append("</tr>");
        }
        return b.append("</tbody></table>").toString();
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
