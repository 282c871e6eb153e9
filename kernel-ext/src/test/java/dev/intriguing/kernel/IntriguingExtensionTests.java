package dev.intriguing.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.intriguing.core.Progress;
import dev.intriguing.datasets.api.ImageSet;
import dev.intriguing.render.DatasetView;
import io.github.spencerpark.jupyter.kernel.BaseKernel;
import io.github.spencerpark.jupyter.kernel.LanguageInfo;
import io.github.spencerpark.jupyter.kernel.display.DisplayData;
import io.github.spencerpark.jupyter.kernel.display.mime.MIMEType;
import io.github.spencerpark.jupyter.kernel.magic.registry.Magics;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The extension in a kernel that is not ours: a stand-in for stock IJava with only basekernel and evalRaw. */
class IntriguingExtensionTests {
    /** Like IJava's JavaKernel, as far as the extension can see: a BaseKernel with a public evalRaw(String). */
    public static final class StockLikeKernel extends BaseKernel {
        final List<String> evaluated = new ArrayList<>();
        final List<String> imported = new ArrayList<>();
        final List<DisplayData> displayed = new ArrayList<>();

        @Override
        public DisplayData eval(String expr) {
            return null;
        }

        public Object evalRaw(String code) {
            (code.startsWith("import ") ? imported : evaluated).add(code);
            return null;
        }

        @Override
        public void display(DisplayData data) {
            displayed.add(data);
        }

        @Override
        public LanguageInfo getLanguageInfo() {
            return new LanguageInfo.Builder("Java").build();
        }
    }

    @Test
    void installRegistersMagicsAndRenderersAndDefinesTypedVariablesThroughEvalRaw() throws Exception {
        StockLikeKernel kernel = new StockLikeKernel();
        Magics magics = new Magics();
        IntriguingExtension ext = IntriguingExtension.install(magics, kernel);

        DatasetView view = magics.applyLineMagic("dataset", List.of("mnist", "--split", "test", "--limit", "12", "--as", "few"));
        assertEquals(12, view.images().size());
        assertEquals(1, kernel.displayed.size());
        DisplayData shown = kernel.displayed.get(0);
        assertTrue(shown.hasDataForType(MIMEType.IMAGE_PNG) && shown.hasDataForType(MIMEType.TEXT_HTML));
        assertEquals(1, kernel.evaluated.size());
        String declaration = kernel.evaluated.get(0);
        assertTrue(declaration.matches("dev\\.intriguing\\.datasets\\.api\\.ImageSet few = \\(dev\\.intriguing\\.datasets\\.api\\.ImageSet\\) "
                + "dev\\.intriguing\\.kernel\\.IntriguingExtension\\.bound\\(\\d+, \"few\"\\);"), declaration);
        int id = Integer.parseInt(declaration.replaceAll(".*bound\\((\\d+),.*", "$1"));
        assertSame(ext.session().find("few").orElseThrow(), IntriguingExtension.bound(id, "few"));
        assertSame(ext.session().find("few").orElseThrow(), IntriguingExtension.bound("few"));
        assertTrue(IntriguingExtension.bound(id, "few") instanceof ImageSet);
        assertTrue(kernel.imported.containsAll(List.of("import dev.intriguing.datasets.api.*;", "import dev.intriguing.render.*;",
                "import dev.intriguing.models.*;", "import dev.intriguing.adversarial.*;")), "install imports the project's packages: " + kernel.imported);
        assertTrue(kernel.imported.stream().noneMatch(i -> i.startsWith("import static")), "IJava's own display() and lineMagic() stay unambiguous");
    }

    @Test
    void installingTwiceKeepsTheSession() {
        StockLikeKernel kernel = new StockLikeKernel();
        IntriguingExtension first = IntriguingExtension.install(new Magics(), kernel);
        first.session().put("x", 1);
        IntriguingExtension again = IntriguingExtension.install(new Magics(), kernel);
        assertSame(first.session(), again.session());
        assertEquals(List.of("x"), again.session().names(Object.class));
    }

    @Test
    void progressIsOneDisplayUpdatedInPlaceAndThrottled() {
        StockLikeKernel kernel = new StockLikeKernel();
        Progress p = new KernelDisplayer(kernel).progress("training");
        for (int i = 0; i < 1000; i++) {
            p.update("step " + i, i / 1000.0);
        }
        p.update("done", 1.0);
        assertEquals(1, kernel.displayed.size(), "updates replace the first display instead of adding outputs");
        assertTrue(kernel.displayed.get(0).getDisplayId().startsWith("intriguing-progress-"));
    }

    @Test
    void progressShowsATextBarAndAnHtmlBar() {
        DisplayData d = KernelDisplayer.render("training", "epoch 3/10", 0.5);
        assertEquals("training  [###############---------------]   50%  epoch 3/10", d.getData(MIMEType.TEXT_PLAIN));
        assertTrue(String.valueOf(d.getData(MIMEType.TEXT_HTML)).contains("<progress value=\"0.500\""));
    }
}
