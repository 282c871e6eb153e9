package dev.intriguing.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.intriguing.adversarial.AttackResult;
import dev.intriguing.adversarial.LbfgsAttack;
import dev.intriguing.adversarial.Targets;
import dev.intriguing.core.Progress;
import dev.intriguing.models.TrainedModel;
import dev.intriguing.spectral.Lipschitz;
import dev.intriguing.spectral.LipschitzResult;
import dev.intriguing.spectral.SpectralFixtures;
import io.github.spencerpark.jupyter.kernel.display.DisplayData;
import io.github.spencerpark.jupyter.kernel.display.Renderer;
import io.github.spencerpark.jupyter.kernel.display.mime.MIMEType;
import java.io.ByteArrayInputStream;
import java.util.Base64;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class SpectralRendersTests {
    @Test
    void rendersTheTableTheChartAndTheFirstCertificates() throws Exception {
        TrainedModel model = SpectralFixtures.quick("fc10@1e-4");
        AttackResult adv = LbfgsAttack.paper().run(model, SpectralFixtures.test().slice(0, 12), Targets.random(0),
                Progress.NONE);
        LipschitzResult result = Lipschitz.builder().optImages(5).optAttack(adv).optCertify(true).build()
                .analyse(model, SpectralFixtures.test(), Progress.NONE);
        Renderer r = new Renderer();
        SpectralRenders.register(r);
        DisplayData d = r.render(result);
        String html = (String) d.getData(MIMEType.TEXT_HTML);
        assertTrue(html.contains("Lipschitz bounds of fc10@1e-4") && html.contains("upper bound (product)"), html);
        assertTrue(html.contains("Certified radii of fc10@1e-4") && html.contains("2 more rows in <code>certifiedTable()"),
                html);
        assertTrue(html.contains("data:image/png;base64,"));
        var png = ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode((String) d.getData(MIMEType.IMAGE_PNG))));
        assertEquals(820, png.getWidth());
        assertEquals(460, png.getHeight());
        assertTrue(((String) d.getData(MIMEType.TEXT_PLAIN)).startsWith("LipschitzResult[fc10@1e-4 (fc10@1e-4): upper bound "));
        assertEquals(3, result.chart().getSeriesMap().size(), "bound, gradient norms and adversarial ratios");
    }
}
