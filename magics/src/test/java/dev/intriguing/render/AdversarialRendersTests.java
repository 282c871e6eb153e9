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
import java.io.ByteArrayInputStream;
import java.util.Base64;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

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
        BufferedImage small = AdversarialRenders.tripletGrid(result(), 1);
        BufferedImage all = AdversarialRenders.tripletGrid(result(), 5);
        assertTrue(small.getWidth() >= 3 * 28 * 2, "one triplet is three scaled images wide");
        assertTrue(all.getWidth() > small.getWidth(), "five triplets take more room than one");
        // cells of 28x28 pixels at scale 2 plus 4 pixels of padding, a 14-pixel caption, an 18-pixel title line
        assertEquals(3 * 60 + 4, small.getWidth());
        assertEquals(74 + 4 + 18, small.getHeight(), "one row of one triplet");
        assertEquals(9 * 60 + 4, all.getWidth(), "three triplets per row");
        assertEquals(2 * 74 + 4 + 18, all.getHeight(), "five triplets take two rows");
        assertEquals(all.getWidth(), AdversarialRenders.tripletGrid(result(), 100).getWidth(),
                "asking for more triplets than examples draws every example once");
        assertEquals(all.getHeight(), AdversarialRenders.tripletGrid(result(), 100).getHeight());
    }

    @Test
    void middleCellShowsThePerturbationMagnifiedTenTimesAroundGrey() {
        AttackResult r = result();
        BufferedImage grid = AdversarialRenders.tripletGrid(r, 1);
        float[] x = r.clean().image(0);
        float[] a = r.adversarial().image(0);
        int changed = 0;
        for (int p = 0; p < x.length; p++) {
            float v = Math.max(0f, Math.min(1f, 0.5f + 10f * (a[p] - x[p])));
            // the second cell starts 4 + 60 pixels in, below the 18-pixel title and 4 pixels of padding
            int rgb = grid.getRGB(4 + 60 + (p % 28) * 2, 18 + 4 + (p / 28) * 2) & 0xFF;
            assertEquals(Math.round(v * 255f), rgb, "pixel " + p);
            changed += a[p] != x[p] ? 1 : 0;
        }
        assertTrue(changed > 0, "the first example was perturbed");
    }

    @Test
    void rendersThePngOfTheGridAtItsSize() throws Exception {
        Renderer r = new Renderer();
        AdversarialRenders.register(r);
        DisplayData d = r.render(result());
        byte[] png = Base64.getDecoder().decode((String) d.getData(MIMEType.IMAGE_PNG));
        BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(png));
        BufferedImage grid = AdversarialRenders.tripletGrid(result(), AdversarialRenders.TRIPLETS);
        assertEquals(grid.getWidth(), decoded.getWidth());
        assertEquals(grid.getHeight(), decoded.getHeight());
        assertEquals(2 * 74 + 4 + 18, decoded.getHeight(), "five examples, three triplets per row: two rows");
    }
}
