package dev.intriguing.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.intriguing.datasets.api.DatasetException;
import dev.intriguing.datasets.api.UserError;
import dev.intriguing.magics.MagicUsageException;
import dev.intriguing.models.ModelFormatException;
import dev.intriguing.session.Session;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a notebook shows for an exception a cell's code threw. */
class ErrorFormatterTests {
    /** A user mistake of a module the kernel has never heard of. */
    static final class NoSuchUnitException extends RuntimeException implements UserError {
        NoSuchUnitException(String message) {
            super(message);
        }
    }

    @Test
    void everyUserErrorIsShownAsItsMessageAlone() {
        for (RuntimeException e : List.of(new MagicUsageException("%x: bad."), new Session.UnknownNameException("No model named 'q'."),
                new DatasetException("No data set 'cifar'."), new ModelFormatException("/m is truncated."),
                new NoSuchUnitException("No unit 900 in layer 1: it has 100 units."))) {
            assertEquals(List.of(e.getMessage()), ErrorFormatter.format(new CellException(e), x -> List.of("not this")));
        }
    }

    @Test
    void otherExceptionsShowATraceThatStartsWithTheirClass() {
        List<String> lines = ErrorFormatter.format(new CellException(new IllegalStateException("broken")), x -> List.of());
        assertEquals("java.lang.IllegalStateException: broken", lines.get(0));
        assertTrue(lines.size() > 1 && lines.get(1).startsWith("    at "), lines.toString());
    }

    @Test
    void exceptionsFromOutsideACellGoToTheKernelsOwnFormat() {
        assertEquals(List.of("basekernel"), ErrorFormatter.format(new IllegalStateException("x"), x -> List.of("basekernel")));
    }
}
