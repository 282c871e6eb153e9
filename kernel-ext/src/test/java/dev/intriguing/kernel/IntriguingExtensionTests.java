package dev.intriguing.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.intriguing.core.Progress;
import dev.intriguing.datasets.api.ImageSet;
import dev.intriguing.render.DatasetView;
import dev.intriguing.session.Session;
import io.github.spencerpark.jupyter.kernel.BaseKernel;
import io.github.spencerpark.jupyter.kernel.LanguageInfo;
import io.github.spencerpark.jupyter.kernel.display.DisplayData;
import io.github.spencerpark.jupyter.kernel.display.mime.MIMEType;
import io.github.spencerpark.jupyter.kernel.magic.registry.Magics;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The extension in a kernel that is not ours (a stand-in for stock IJava with only basekernel and evalRaw), and how
 * long each kernel's session lives.
 */
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
    void twoKernelsGetTwoSessions() {
        StockLikeKernel k1 = new StockLikeKernel();
        StockLikeKernel k2 = new StockLikeKernel();
        IntriguingExtension e1 = IntriguingExtension.install(new Magics(), k1);
        IntriguingExtension e2 = IntriguingExtension.install(new Magics(), k2);
        assertNotSame(e1.session(), e2.session());
        e1.session().put("x", "one");
        e2.session().put("x", "two");
        assertEquals("one", IntriguingExtension.bound(idOf(k1.evaluated.get(0)), "x"));
        assertEquals("two", IntriguingExtension.bound(idOf(k2.evaluated.get(0)), "x"));
        assertSame(e1, IntriguingExtension.of(k1).orElseThrow());
        assertSame(e2, IntriguingExtension.current(), "the one installed last");
    }

    @Test
    void aKernelsSessionIsCollectedWithItsKernel() throws InterruptedException {
        WeakReference<Session> session = installIntoAKernelNobodyKeeps();
        for (int i = 0; i < 50 && session.get() != null; i++) {
            System.gc();
            // WeakHashMap lets go of a value only when it is next used after its key was collected.
            IntriguingExtension.of(new StockLikeKernel());
            Thread.sleep(20);
        }
        assertNull(session.get(), "the session outlived its kernel");
    }

    private static WeakReference<Session> installIntoAKernelNobodyKeeps() {
        StockLikeKernel kernel = new StockLikeKernel();
        Magics magics = new Magics();
        IntriguingExtension ext = IntriguingExtension.install(magics, kernel);
        ext.session().put("big", new float[1 << 20]);
        return new WeakReference<>(ext.session());
    }

    @Test
    void ourKernelForgetsItsSessionWhenItShutsDown() throws Exception {
        IntriguingKernel kernel = new IntriguingKernel();
        assertEquals(2, kernel.evalRaw("1 + 1"));
        kernel.session().put("x", 1);
        assertSame(kernel.session(), IntriguingExtension.of(kernel).orElseThrow().session());
        kernel.onShutdown(false);
        assertTrue(IntriguingExtension.of(kernel).isEmpty());
        assertTrue(kernel.session().names(Object.class).isEmpty(), "its values were closed and dropped");
    }

    private static int idOf(String declaration) {
        return Integer.parseInt(declaration.replaceAll("(?s).*bound\\((\\d+),.*", "$1"));
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
