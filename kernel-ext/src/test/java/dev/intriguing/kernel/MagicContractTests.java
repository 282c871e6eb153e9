package dev.intriguing.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.intriguing.core.Progress;
import dev.intriguing.datasets.api.Datasets;
import dev.intriguing.magics.Displayer;
import dev.intriguing.magics.Magic;
import dev.intriguing.magics.MagicCatalog;
import dev.intriguing.magics.MagicContext;
import dev.intriguing.magics.MagicSpec;
import dev.intriguing.magics.MagicUsageException;
import dev.intriguing.session.Session;
import io.github.spencerpark.jupyter.kernel.display.DisplayData;
import io.github.spencerpark.jupyter.kernel.display.Renderer;
import io.github.spencerpark.jupyter.kernel.display.mime.MIMEType;
import io.github.spencerpark.jupyter.kernel.magic.LineMagicArgs;
import io.github.spencerpark.jupyter.kernel.magic.MagicParser;
import io.github.spencerpark.jupyter.kernel.magic.registry.LineMagic;
import io.github.spencerpark.jupyter.kernel.magic.registry.Magics;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every magic of the catalogue keeps the contract: a spec, usage errors before side effects, text/plain output. */
class MagicContractTests {
    private static final List<DisplayData> SHOWN = new ArrayList<>();
    private static final Renderer RENDERER = new Renderer();
    private static final Session SESSION = new Session(Datasets.standard());
    private static final Magics MAGICS = new Magics();
    private static final Displayer RECORDER = new Displayer() {
        @Override
        public void display(Object value) {
            SHOWN.add(RENDERER.render(value));
        }

        @Override
        public Progress progress(String title) {
            return Progress.NONE;
        }
    };

    static {
        IntriguingExtension.registerAll(MAGICS, RENDERER, SESSION, RECORDER);
    }

    static Stream<Magic> magics() {
        return MagicCatalog.create(new MagicContext(SESSION, RECORDER)).stream();
    }

    @ParameterizedTest(name = "%{0}")
    @MethodSource("specNames")
    void hasASpecThatMatchesItsLineMagic(String name) {
        Magic m = magics().filter(x -> x.spec().name().equals(name)).findFirst().orElseThrow();
        MagicSpec spec = m.spec();
        assertFalse(spec.purpose().isBlank());
        assertTrue(spec.usage().startsWith("%" + name), spec.usage());
        assertTrue(spec.example().startsWith("%" + name), spec.example());
        LineMagic annotation = Arrays.stream(m.getClass().getMethods()).map(x -> x.getAnnotation(LineMagic.class))
                .filter(a -> a != null).findFirst().orElseThrow(() -> new AssertionError(name + " has no @LineMagic method"));
        assertEquals(name, annotation.value());
        assertEquals(spec.aliases(), List.of(annotation.aliases()));
    }

    @ParameterizedTest(name = "%{0}")
    @MethodSource("specNames")
    void rejectsAnUnknownOptionWithAUsageParagraphAndShowsNothing(String name) {
        for (String bogus : List.of("--bogus=1", "-Z")) {
            List<String> args = new ArrayList<>(example(name).getArgs());
            args.add(bogus);
            SHOWN.clear();
            int bound = SESSION.names(Object.class).size();
            MagicUsageException e = assertThrows(MagicUsageException.class, () -> MAGICS.applyLineMagic(name, args));
            assertTrue(e.getMessage().startsWith("%" + name + ": ") && e.getMessage().contains("Usage: %" + name),
                    e.getMessage());
            assertFalse(e.getMessage().contains("\n"), "one paragraph: " + e.getMessage());
            assertTrue(SHOWN.isEmpty(), "nothing shown before validation");
            assertEquals(bound, SESSION.names(Object.class).size(), "nothing bound before validation");
        }
    }

    /**
     * Runs each example: what it shows has a renderer of its own (not only basekernel's default text) and a text/plain
     * that is neither blank nor a bare {@code Object.toString}, and that names what the example asked for. Slow for
     * magics that train, so only in the full suite.
     */
    @Tag("slow")
    @ParameterizedTest(name = "%{0}")
    @MethodSource("specNames")
    void itsExampleShowsARenderedResultWhosePlainTextNamesIt(String name) throws Exception {
        SHOWN.clear();
        LineMagicArgs call = example(name);
        MAGICS.applyLineMagic(call.getName(), call.getArgs());
        assertFalse(SHOWN.isEmpty(), "the example showed nothing");
        for (DisplayData d : SHOWN) {
            String text = String.valueOf(d.getData(MIMEType.TEXT_PLAIN));
            assertFalse(d.getData(MIMEType.TEXT_PLAIN) == null || text.isBlank(), "no text/plain");
            assertFalse(text.matches("[\\w.$]+@\\p{XDigit}+"), "a default Object.toString: " + text);
            assertTrue(d.hasDataForType(MIMEType.TEXT_HTML) || d.hasDataForType(MIMEType.IMAGE_PNG),
                    "only basekernel's default text/plain: is the result's renderer registered by its catalogue entry? " + text);
        }
        List<String> subjects = subjects(call);
        assertTrue(SHOWN.stream().map(d -> String.valueOf(d.getData(MIMEType.TEXT_PLAIN)))
                .anyMatch(t -> subjects.stream().anyMatch(t::contains)), "the text/plain names none of " + subjects);
    }

    /** What an example is about: its words that are not options (at least 3 characters), or else the magic's name. */
    private static List<String> subjects(LineMagicArgs call) {
        List<String> words = call.getArgs().stream().filter(a -> !a.startsWith("-") && a.length() >= 3).toList();
        return words.isEmpty() ? List.of("%" + call.getName()) : words;
    }

    static Stream<String> specNames() {
        return magics().map(m -> m.spec().name());
    }

    private static LineMagicArgs example(String name) {
        MagicSpec spec = magics().filter(x -> x.spec().name().equals(name)).findFirst().orElseThrow().spec();
        LineMagicArgs[] found = new LineMagicArgs[1];
        new MagicParser("^\\s*%", "%%").transformLineMagics(spec.example(), ctx -> {
            found[0] = ctx.getMagicCall();
            return "";
        });
        return found[0];
    }
}
