package dev.intriguing.magics;

import dev.intriguing.datasets.api.UserError;

/**
 * A magic was given bad input. Its message is one paragraph (what was wrong, what is accepted, an example) and the
 * kernel shows that paragraph alone, without a stack trace. It is thrown before any side effect.
 */
public class MagicUsageException extends RuntimeException implements UserError {
    private static final long serialVersionUID = 1L;

    public MagicUsageException(String message) {
        super(message);
    }

    public MagicUsageException(String message, Throwable cause) {
        super(message, cause);
    }

    /** The paragraph for a magic: {@code what}, then the usage and an example from {@code spec}. */
    public static MagicUsageException of(MagicSpec spec, String what) {
        return new MagicUsageException("%" + spec.name() + ": " + what + " Usage: " + spec.usage() + ". Example: "
                + spec.example());
    }
}
