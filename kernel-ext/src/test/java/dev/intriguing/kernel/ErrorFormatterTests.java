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
    void runningOutOfMemoryIsOneParagraphEvenWhenBasekernelWrappedIt() {
        // basekernel's reflective magics hand an error over as new RuntimeException(cause.getMessage(), cause)
        OutOfMemoryError oom = new OutOfMemoryError("Java heap space");
        List<String> lines = ErrorFormatter.format(new CellException(new RuntimeException(oom.getMessage(), oom)),
                x -> List.of("not this"));
        assertEquals(1, lines.size(), lines.toString());
        assertTrue(lines.get(0).startsWith("Out of memory (Java heap space): the kernel's Java heap of "), lines.get(0));
        assertTrue(lines.get(0).contains("still there") && lines.get(0).contains("INTRIGUING_KERNEL_HEAP"), lines.get(0));
        assertTrue(ErrorFormatter.outOfMemoryParagraph(oom, 2048L << 20).contains("heap of 2,048 MB"));
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
