package dev.intriguing.magics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.spencerpark.jupyter.kernel.magic.registry.MagicsArgs;
import java.util.List;
import org.junit.jupiter.api.Test;

class OptionsTests {
    private static final MagicSpec SPEC = new MagicSpec("demo", List.of(), "a demo", "%demo NAME [--n N]", "%demo a --n 3");
    private static final MagicsArgs SCHEMA = MagicsArgs.builder().required("name").keyword("n")
            .onlyKnownKeywords().onlyKnownFlags().build();

    private static String error(String... args) {
        return assertThrows(MagicUsageException.class,
                () -> Options.parse(SPEC, SCHEMA, List.of(args)).integer("n", 1, 1, 10)).getMessage();
    }

    @Test
    void parseErrorsReadAsOneParagraphWithUsageAndExample() {
        String m = error("a", "b");
        assertTrue(m.startsWith("%demo: "), m);
        assertTrue(m.contains("Usage: %demo NAME [--n N]. Example: %demo a --n 3"), m);
        assertFalse(m.contains(".."), "no doubled full stop: " + m);
        assertFalse(m.contains("\n"), "one paragraph: " + m);
    }

    @Test
    void numbersOutsideTheirRangeNameTheOptionAndTheRange() {
        assertTrue(error("a", "--n", "11").contains("--n expects a whole number from 1 to 10; got 11."));
        assertTrue(error("a", "--n", "three").contains("got 'three'"));
        assertEquals(4, Options.parse(SPEC, SCHEMA, List.of("a", "--n=4")).integer("n", 1, 1, 10));
    }
}
