package dev.intriguing.kernel;

import io.github.spencerpark.jupyter.kernel.magic.registry.UndefinedMagicException;

/**
 * A usage error of one of our magics, as it leaves a stock IJava 1.3.0 kernel's magic registry: the paragraph alone.
 *
 * <p>IJava's {@code runtime.Magics.lineMagic} wraps whatever a magic throws in a {@code RuntimeException} ("Exception
 * occurred while running line magic ...") and {@code JavaKernel.formatError} prints that with its stack trace; the
 * one exception it passes on untouched is basekernel's {@link UndefinedMagicException}. So the paragraph travels as
 * that type, with no stack trace of its own, and the cell shows IJava's rule line and then
 * {@code dev.intriguing.kernel.MagicUsageReport: <the paragraph>}. Only kernels that are not ours see this type; ours
 * formats {@link dev.intriguing.magics.MagicUsageException} itself.
 */
public final class MagicUsageReport extends UndefinedMagicException {
    private static final long serialVersionUID = 1L;

    private final String paragraph;

    MagicUsageReport(String magic, boolean line, String paragraph) {
        super(magic, line);
        this.paragraph = paragraph;
    }

    @Override
    public String getMessage() {
        return paragraph;
    }

    /** No frames: what went wrong is the user's input, which the paragraph names; a trace would only bury it. */
    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }
}
