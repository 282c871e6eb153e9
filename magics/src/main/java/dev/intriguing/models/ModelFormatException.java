package dev.intriguing.models;

import dev.intriguing.datasets.api.UserError;

/**
 * A model directory or file could not be read or written: missing, truncated, corrupt, or of another format. The
 * message names the path, what is wrong and how to fix it; nothing else was changed.
 */
public class ModelFormatException extends RuntimeException implements UserError {
    private static final long serialVersionUID = 1L;

    public ModelFormatException(String message) {
        super(message);
    }

    public ModelFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
