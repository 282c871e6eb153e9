package dev.intriguing.render;

import dev.intriguing.models.ModelEvaluation;
import dev.intriguing.models.ModelList;
import dev.intriguing.models.ModelManifest;
import dev.intriguing.models.SavedFile;
import dev.intriguing.models.TrainedModel;
import io.github.spencerpark.jupyter.kernel.display.Renderer;
import io.github.spencerpark.jupyter.kernel.display.mime.MIMEType;
import java.util.function.Function;

/**
 * How the results of {@code %model} look in a notebook: a trained model as its training summary, the model list and
 * evaluations as HTML tables ({@link Tables}: numbers right-aligned, long tables cut) with the evaluation's confusion
 * matrix; every one also has {@code text/plain}.
 */
public final class ModelRenders {
    private ModelRenders() {
    }

    /** Registers the renderers of the models package on {@code r}. */
    public static void register(Renderer r) {
        html(r, TrainedModel.class, ModelRenders::trainingSummary);
        html(r, ModelList.class, l -> l.rows().isEmpty() ? "<p>" + Tables.escape(l.toString()) + "</p>"
                : Tables.html(l.table()));
        html(r, ModelEvaluation.class, e -> "<p>" + Tables.escape(e.toString()) + "</p>" + Tables.html(e.table())
                + Tables.html(e.confusionTable()));
        html(r, SavedFile.class, f -> "<p>" + Tables.escape(f.toString()) + "</p>");
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
        b.append("<p><b>").append(Tables.escape(m.name())).append("</b> = ").append(Tables.escape(m.spec().toString()))
                .append(String.format(" (%,d parameters): trained on %s (%,d images), ", m.parameterCount(),
                        Tables.escape(f.trainingData()), f.trainExamples()))
                .append(Tables.escape(f.options().toString()))
                .append(String.format("<br>train error <b>%.2f%%</b>, test error <b>%.2f%%</b>, %d epoch(s) in %.1f s",
                        100 * f.trainError(), 100 * f.testError(), f.epochsCompleted(), f.trainSeconds()));
        if (f.interrupted()) {
            b.append(" &mdash; <b>interrupted</b>: kept the model of the last completed epoch");
        }
        b.append("</p>");
        return b.append(Tables.html(m.table())).toString();
    }
}
