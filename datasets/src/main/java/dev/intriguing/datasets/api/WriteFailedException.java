package dev.intriguing.datasets.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * A file or directory could not be written: the disk is full, the directory is read-only, or another file is in the
 * way. The message is one paragraph that names the path, says why in words and what to do, and that the previous
 * copy there (if any) is unchanged, which holds for every writer that goes through {@link AtomicFiles}.
 *
 * <pre>{@code
 * adv.toCsv(Path.of("/mnt/full/adv.csv"))
 * // Could not write /mnt/full/adv.csv: the disk is full (No space left on device). Free some space or choose
 * // another directory; the previous copy of /mnt/full/adv.csv, if any, is unchanged and nothing half-written was left.
 * }</pre>
 */
public class WriteFailedException extends UncheckedIOException implements UserError {
    private static final long serialVersionUID = 1L;

    private final transient Path path;

    /** {@code target} could not be written because of {@code cause}; {@code fix} (may be null) replaces the usual advice. */
    public WriteFailedException(Path target, IOException cause, String fix) {
        super(message(target, cause, fix), cause);
        this.path = target.toAbsolutePath().normalize();
    }

    /** {@code target} could not be written because of {@code cause}. */
    public WriteFailedException(Path target, IOException cause) {
        this(target, cause, null);
    }

    /** The path that could not be written, absolute. */
    public Path path() {
        return path;
    }

    /**
     * The paragraph of a {@code WriteFailedException}, for exceptions that must keep another type (a
     * {@code ModelFormatException}, a {@code DatasetException}); {@code fix} may be null.
     */
    public static String message(Path target, IOException cause, String fix) {
        Path t = target.toAbsolutePath().normalize();
        Kind kind = kind(cause);
        String advice = fix != null ? fix : switch (kind) {
            case FULL -> "Free some space there or choose another directory.";
            case READ_ONLY -> "Choose a directory on a writable file system.";
            case DENIED -> "Choose a directory you may write to.";
            case IN_THE_WAY -> "Remove what is in the way or choose another path.";
            case OTHER -> "Check the path, or choose another directory.";
        };
        return "Could not write " + t + ": " + kind.words + " (" + reason(cause) + "). " + advice + " The previous copy of "
                + t.getFileName() + ", if any, is unchanged and nothing half-written was left under its name.";
    }

    /** What went wrong, in the operating system's words but without the temporary file's name. */
    private static String reason(IOException e) {
        if (e instanceof FileSystemException f) {
            if (f.getReason() != null) {
                return f.getReason();
            }
            // its message is only the file's name, maybe a temporary one: the operating system's words instead
            return e instanceof AccessDeniedException ? "Permission denied"
                    : e instanceof java.nio.file.NoSuchFileException ? "No such file or directory"
                    : e instanceof java.nio.file.FileAlreadyExistsException ? "File exists"
                    : e instanceof NotDirectoryException ? "Not a directory"
                    : e instanceof java.nio.file.DirectoryNotEmptyException ? "Directory not empty"
                    : e.getClass().getSimpleName();
        }
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m.strip();
    }

    private enum Kind {
        FULL("the disk is full"), READ_ONLY("the file system is read-only"), DENIED("permission denied"),
        IN_THE_WAY("something else is in the way"), OTHER("an input/output error");

        private final String words;

        Kind(String words) {
            this.words = words;
        }
    }

    // Java reports ENOSPC and EROFS only through the message text (plain IOException from a stream, or a
    // FileSystemException whose reason is the C library's strerror), so the text is what can be matched.
    private static Kind kind(IOException e) {
        String r = reason(e).toLowerCase(Locale.ROOT);
        if (r.contains("no space left") || r.contains("disk quota exceeded") || r.contains("file too large")) {
            return Kind.FULL;
        }
        if (r.contains("read-only file system")) {
            return Kind.READ_ONLY;
        }
        if (e instanceof AccessDeniedException || r.contains("permission denied")) {
            return Kind.DENIED;
        }
        if (e instanceof NotDirectoryException || e instanceof java.nio.file.FileAlreadyExistsException
                || e instanceof java.nio.file.DirectoryNotEmptyException || r.contains("not a directory")) {
            return Kind.IN_THE_WAY;
        }
        return Kind.OTHER;
    }
}
