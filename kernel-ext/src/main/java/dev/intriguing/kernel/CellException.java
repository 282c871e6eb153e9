package dev.intriguing.kernel;

import java.util.List;

/**
 * A cell did not run to its end: it did not compile, was incomplete, was interrupted, or its code threw (then the
 * thrown exception is the cause). {@link ErrorFormatter} shows {@link #lines()} or the cause.
 */
public final class CellException extends Exception {
    private static final long serialVersionUID = 1L;

    private final transient List<String> lines;

    CellException(String message, List<String> lines) {
        super(message);
        this.lines = List.copyOf(lines);
    }

    CellException(Throwable thrownByCode) {
        super(ErrorFormatter.isMessageOnly(thrownByCode) ? thrownByCode.getMessage()
                : thrownByCode.getClass().getName() + ": " + thrownByCode.getMessage(), thrownByCode);
        this.lines = List.of();
    }

    /** The lines to show, when the kernel formatted them already; empty for exceptions thrown by code. */
    public List<String> lines() {
        return lines;
    }
}
