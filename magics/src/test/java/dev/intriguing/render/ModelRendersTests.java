package dev.intriguing.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.intriguing.models.Evaluation;
import dev.intriguing.models.ModelEvaluation;
import dev.intriguing.models.ModelList;
import io.github.spencerpark.jupyter.kernel.display.DisplayData;
import io.github.spencerpark.jupyter.kernel.display.Renderer;
import io.github.spencerpark.jupyter.kernel.display.mime.MIMEType;
import java.util.List;
import org.junit.jupiter.api.Test;

class ModelRendersTests {
    private final Renderer renderer = new Renderer();

    ModelRendersTests() {
        ModelRenders.register(renderer);
    }

    @Test
    void modelListRendersAsAnHtmlTableWithOneRowPerModelAndAsText() {
        ModelList list = new ModelList(List.of(new ModelList.Row("a", "fc100-100-10", 89610, "mnist-train", 12, 0.001, 0.0181),
                new ModelList.Row("b<x>", "fc10@1e-2", 7850, "mnist-train-p1", 6, 0.08, 0.09)));
        DisplayData d = renderer.render(list);
        String html = (String) d.getData(MIMEType.TEXT_HTML);
        assertEquals(3, html.split("<tr>").length - 1, html);
        assertTrue(html.contains("<td style=\"text-align:left\">fc100-100-10</td>")
                && html.contains("<td style=\"text-align:right\">1.8</td>") && html.contains("b&lt;x&gt;"), html);
        assertTrue(html.startsWith("<table class=\"intriguing\">"), "drawn by Tables, like every other table: " + html);
        assertTrue(((String) d.getData(MIMEType.TEXT_PLAIN)).contains("fc10@1e-2"));
    }

    @Test
    void anEmptyListSaysHowToTrainAModel() {
        String text = (String) renderer.render(new ModelList(List.of())).getData(MIMEType.TEXT_PLAIN);
        assertTrue(text.contains("%model train"), text);
    }

    @Test
    void anEvaluationShowsItsErrorTableAndTheConfusionMatrix() {
        int[][] c = new int[10][10];
        for (int i = 0; i < 10; i++) {
            c[i][i] = 9;
            c[i][(i + 1) % 10] = 1;
        }
        ModelEvaluation e = new ModelEvaluation("a", "fc10@1e-4", "mnist", new Evaluation("train", 100, 10, c),
                new Evaluation("test", 100, 10, c));
        String html = (String) renderer.render(e).getData(MIMEType.TEXT_HTML);
        assertEquals(2, html.split("<table class=\"intriguing\">").length - 1);
        assertTrue(html.contains("rows: true class"), html);
        assertTrue(html.contains("<td style=\"text-align:right\">10</td><td style=\"text-align:right\">10</td></tr>"), html);
    }
}
