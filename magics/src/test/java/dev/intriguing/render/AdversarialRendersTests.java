package dev.intriguing.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.intriguing.adversarial.AttackResult;
import dev.intriguing.adversarial.LbfgsAttack;
import dev.intriguing.adversarial.SmallMlp;
import dev.intriguing.adversarial.Targets;
import dev.intriguing.core.Progress;
import dev.intriguing.datasets.api.Datasets;
import dev.intriguing.datasets.api.Part;
import io.github.spencerpark.jupyter.kernel.display.DisplayData;
import io.github.spencerpark.jupyter.kernel.display.Renderer;
import io.github.spencerpark.jupyter.kernel.display.mime.MIMEType;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AdversarialRendersTests {
    private static AttackResult result;

    private static synchronized AttackResult result() {
        if (result == null) {
            result = LbfgsAttack.paper().run(SmallMlp.trained(), Datasets.standard().load("mnist", Part.TEST).slice(0, 5),
                    Targets.random(0), Progress.NONE);
        }
        return result;
    }

    @Test
    void rendersHtmlWithSummaryRowsAndGridPngAndText() {
        Renderer r = new Renderer();
        AdversarialRenders.register(r);
        DisplayData d = r.render(result());
        String html = (String) d.getData(MIMEType.TEXT_HTML);
        assertTrue(html.contains("success rate") && html.contains("distortion") && html.contains("evaluations"), html);
        assertTrue(html.contains("data:image/png;base64,"));
        assertTrue(((String) d.getData(MIMEType.TEXT_PLAIN)).startsWith("AttackResult[lbfgs on mlp64"));
    }

    @Test
    void tripletGridHasThreeCellsPerExample() {
        BufferedImage small = result().tripletGrid(1);
        BufferedImage all = result().tripletGrid(5);
        assertTrue(small.getWidth() >= 3 * 28 * 2, "one triplet is three scaled images wide");
        assertTrue(all.getWidth() > small.getWidth(), "five triplets take more room than one");
    }

    @Test
    void tablesAndCsvHaveOneRowPerExample(@TempDir Path dir) throws Exception {
        AttackResult r = result();
        assertEquals(5, r.table().rowCount());
        assertEquals(List.of("index", "label", "clean", "target", "final", "success", "distortion", "c", "iterations",
                "evaluations"), r.table().columnNames());
        assertEquals(1, r.summary().rowCount());
        Path csv = r.toCsv(dir.resolve("out/adv.csv"));
        List<String> lines = Files.readAllLines(csv);
        assertEquals(6, lines.size());
        assertTrue(lines.get(1).startsWith(r.examples().get(0).index() + ","), lines.get(1));
        try (var files = Files.list(dir.resolve("out"))) {
            assertEquals(1, files.count(), "no temporary file is left behind");
        }
    }
}
