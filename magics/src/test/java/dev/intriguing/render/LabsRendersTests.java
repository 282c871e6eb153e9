package dev.intriguing.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.intriguing.labs.Check;
import dev.intriguing.labs.CheckResult;
import io.github.spencerpark.jupyter.kernel.display.DisplayData;
import io.github.spencerpark.jupyter.kernel.display.Renderer;
import io.github.spencerpark.jupyter.kernel.display.mime.MIMEType;
import java.util.List;
import org.junit.jupiter.api.Test;

class LabsRendersTests {
    @Test
    void aPassedCheckIsAGreenTick() {
        String html = LabsRenders.html(Check.that("your purity", 0.7).isCloseTo(0.7, 1e-9));
        assertTrue(html.contains("class=\"intriguing-check pass\"") && html.contains("&#10004; Right")
                && html.contains("#1a7f37"), html);
        assertTrue(!html.contains("Hint"), html);
    }

    @Test
    void aFailedCheckIsARedCrossWithItsHintEscaped() {
        String html = LabsRenders.html(Check.that("x < y", "s").hint("use <b>").isCloseTo(0.7, 1e-9));
        assertTrue(html.contains("class=\"intriguing-check not-yet\"") && html.contains("&#10008; Not yet")
                && html.contains("#cf222e"), html);
        assertTrue(html.contains("x &lt; y") && html.contains("<i>Hint:</i> use &lt;b&gt;"), html);
    }

    @Test
    void theRegisteredRendererGivesHtmlAndText() {
        Renderer renderer = new Renderer();
        Renderers.registerAll(renderer, List.of());
        CheckResult r = Check.that("p", 0.5).isCloseTo(0.7, 1e-9);
        DisplayData d = renderer.render(r);
        assertEquals(r.toString(), d.getData(MIMEType.TEXT_PLAIN));
        assertTrue(d.getData(MIMEType.TEXT_HTML).toString().contains("Not yet"));
    }
}
