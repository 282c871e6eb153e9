package dev.intriguing.datasets.api;

/**
 * A data set could not be read, fetched or verified.
 *
 * <p>The message is one paragraph for a person: which file, what was expected, what was found, and the exact
 * command that fixes it.
 */
public class DatasetException extends RuntimeException implements UserError {
    private static final long serialVersionUID = 1L;

    public DatasetException(String message) {
        super(message);
    }

    public DatasetException(String message, Throwable cause) {
        super(message, cause);
    }
}
