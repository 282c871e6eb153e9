package dev.intriguing.render;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.intriguing.core.Progress;
import dev.intriguing.transfer.CurveResult;
import dev.intriguing.transfer.Curves;
import dev.intriguing.transfer.Models;
import dev.intriguing.transfer.Transfer;
import dev.intriguing.transfer.TransferResult;
import io.github.spencerpark.jupyter.kernel.display.DisplayData;
import io.github.spencerpark.jupyter.kernel.display.Renderer;
import io.github.spencerpark.jupyter.kernel.display.mime.MIMEType;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TransferRendersTests {
    private static final Renderer RENDERER = new Renderer();

    static {
        Renderers.registerAll(RENDERER, java.util.List.of(TransferRenders::register));
    }

    @Test
    void aTransferResultShowsItsTableAndHeatMap() {
        TransferResult t = Transfer.builder().addSet("adv", Models.random(Models.mlp())).addModel("m", Models.mlp())
                .addNoise(0.1).build().run(Progress.NONE);
        DisplayData d = RENDERER.render(t);
        String html = (String) d.getData(MIMEType.TEXT_HTML);
        assertTrue(html.contains("<table") && html.contains("Gaussian noise, stddev=0.1")
                && html.contains("data:image/png;base64,"), html.substring(0, 200));
        String text = (String) d.getData(MIMEType.TEXT_PLAIN);
        assertTrue(text.startsWith("TransferResult[2 rows x 1 models on mnist-test"), text);
        assertNotNull(RENDERER.renderAs(t, MIMEType.IMAGE_PNG.toString()).getData(MIMEType.IMAGE_PNG));
    }

    @Test
    void aCurveResultShowsItsChart() {
        CurveResult c = Curves.builder().optPoints(3).build().adversarial(Map.of("adv", Models.all(Models.mlp())),
                Map.of(), Progress.NONE);
        DisplayData d = RENDERER.render(c);
        String html = (String) d.getData(MIMEType.TEXT_HTML);
        assertTrue(html.startsWith("<img alt=\"error rate against distortion\" src=\"data:image/png;base64,"), html);
        assertTrue(((String) d.getData(MIMEType.TEXT_PLAIN)).startsWith("CurveResult[Error rate against distortion"));
    }
}
