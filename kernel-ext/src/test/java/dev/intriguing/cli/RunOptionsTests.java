package dev.intriguing.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class RunOptionsTests {
    private static RunOptions parse(String... args) {
        return RunOptions.parse(List.of(args), 60, "full", "Usage: test", "an example");
    }

    @Test
    void givenOptionsOverrideTheDefaultsAndOtherWordsStayInOrder() {
        RunOptions o = parse("a.ipynb", "--size", "small", "--out", "x", "--timeout", "7", "b");
        assertEquals(Path.of("x"), o.out());
        assertEquals(7, o.timeout());
        assertEquals("small", o.size());
        assertEquals(List.of("a.ipynb", "b"), o.positional());
    }

    @Test
    void absentOptionsKeepTheCallersDefaults() {
        RunOptions o = parse();
        assertNull(o.out());
        assertEquals(60, o.timeout());
        assertEquals("full", o.size());
    }

    @Test
    void aBadSizeTimeoutOrUnknownOptionIsAUsageErrorThatNamesIt() {
        assertTrue(assertThrows(Main.UsageException.class, () -> parse("--size", "huge")).getMessage().contains("'huge'"));
        assertTrue(assertThrows(Main.UsageException.class, () -> parse("--timeout", "ten")).getMessage().contains("'ten'"));
        String m = assertThrows(Main.UsageException.class, () -> parse("--colour", "red")).getMessage();
        assertTrue(m.startsWith("Usage: test") && m.contains("--colour") && m.contains("an example"), m);
    }
}
