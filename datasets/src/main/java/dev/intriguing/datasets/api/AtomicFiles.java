package dev.intriguing.datasets.api;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.stream.Stream;

/**
 * Writes files and directories so that their final name only ever holds a complete copy: the content goes to a hidden
 * temporary name in the same directory, and only then is it renamed over the target.
 *
 * <p>The rename is an atomic move where the file system offers one, else a plain replacing move. A writer that fails
 * (with any exception) leaves the previous file as it was and no temporary file behind; the exception reaches the
 * caller unchanged. The data cache, saved models and {@code .npz} exports are written this way, and it is meant to be
 * the project's one implementation of the pattern (CSV files, the kernelspec, the README).
 *
 * <pre>{@code
 * AtomicFiles.writeString(Path.of("out/summary.txt"), "distortion 0.0612\n");
 * AtomicFiles.write(Path.of("out/a.npz"), out -> zipTo(out));
 * }</pre>
 */
public final class AtomicFiles {
    private static final SecureRandom RANDOM = new SecureRandom();

    private AtomicFiles() {
    }

    /** Writes content to a stream or a path; may throw {@link IOException}. */
    @FunctionalInterface
    public interface IoConsumer<T> {
        void accept(T target) throws IOException;
    }

    /** Writes {@code content} (to a buffered stream it must not close) to {@code target}, atomically. */
    public static void write(Path target, IoConsumer<OutputStream> content) throws IOException {
        writeFile(target, tmp -> {
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp))) {
                content.accept(out);
            }
        });
    }

    /** Writes UTF-8 text through {@code content} (a writer it must not close) to {@code target}, atomically. */
    public static void writeText(Path target, IoConsumer<Writer> content) throws IOException {
        write(target, out -> {
            Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            content.accept(w);
            w.flush();
        });
    }

    /** Writes {@code text} as UTF-8 to {@code target}, atomically. */
    public static void writeString(Path target, CharSequence text) throws IOException {
        writeText(target, w -> w.append(text));
    }

    /**
     * Lets {@code fill} write an empty temporary file by its path (for {@code Files.copy} and libraries that take a
     * path; it may replace the file), then renames it to {@code target}. An exception from {@code fill}, a checksum
     * check for instance, keeps the previous {@code target}.
     */
    public static void writeFile(Path target, IoConsumer<Path> fill) throws IOException {
        Path t = target.toAbsolutePath().normalize();
        Files.createDirectories(t.getParent());
        Path tmp = null;
        try {
            tmp = newTemp(t, false);
            fill.accept(tmp);
            // on disk before the rename, so that a crash cannot leave the new name on empty blocks
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ch.force(true);
            }
            move(tmp, t);
            tmp = null;
        } finally {
            if (tmp != null) {
                deleteQuietly(tmp);
            }
        }
    }

    /**
     * Lets {@code fill} write the files of an empty temporary directory, then puts it in place of {@code target}.
     *
     * <p>A directory cannot be renamed over a non-empty one, so an existing {@code target} is first renamed aside to a
     * hidden {@code .NAME.old-*}, the new one renamed in, and the old one deleted last: a crash at any point leaves the
     * old or the new copy under the name (or the old one under the hidden name). A failed rename puts the old copy back.
     */
    public static void writeDirectory(Path target, IoConsumer<Path> fill) throws IOException {
        Path t = target.toAbsolutePath().normalize();
        Files.createDirectories(t.getParent());
        Path tmp = null;
        try {
            tmp = newTemp(t, true);
            fill.accept(tmp);
            if (!Files.exists(t)) {
                move(tmp, t);
            } else {
                Path old = reserveName(t, ".old-");
                move(t, old);
                try {
                    move(tmp, t);
                } catch (IOException | RuntimeException e) {
                    move(old, t);
                    throw e;
                }
                deleteQuietly(old);
            }
            tmp = null;
            // copies a killed writer had moved aside are stale now that a whole copy is under the name
            deleteStale(t, ".old-");
        } finally {
            if (tmp != null) {
                deleteQuietly(tmp);
            }
        }
    }

    /**
     * The copy of a directory written by {@link #writeDirectory} that a reader should use: {@code target} itself, or,
     * when a writer was killed between its two renames (the old copy moved aside, the new one not yet in), the old
     * copy under its hidden {@code .NAME.old-*} name. Never writes; returns {@code target} when neither exists.
     */
    public static Path committed(Path target) {
        Path t = target.toAbsolutePath().normalize();
        if (Files.exists(t) || t.getParent() == null || !Files.isDirectory(t.getParent())) {
            return t;
        }
        String prefix = "." + t.getFileName() + ".old-";
        try (Stream<Path> s = Files.list(t.getParent())) {
            return s.filter(p -> p.getFileName().toString().startsWith(prefix) && Files.isDirectory(p))
                    .max(Comparator.comparing(AtomicFiles::modified)).orElse(t);
        } catch (IOException | RuntimeException e) {
            return t;
        }
    }

    private static long modified(Path p) {
        try {
            return Files.getLastModifiedTime(p).toMillis();
        } catch (IOException e) {
            return 0;
        }
    }

    /** Deletes hidden {@code .NAME<infix>*} siblings of {@code target} left by killed writers. */
    private static void deleteStale(Path target, String infix) {
        String prefix = "." + target.getFileName() + infix;
        try (Stream<Path> s = Files.list(target.getParent())) {
            s.filter(p -> p.getFileName().toString().startsWith(prefix)).forEach(AtomicFiles::deleteQuietly);
        } catch (IOException | RuntimeException e) {
            // a leftover is harmless: see deleteQuietly
        }
    }

    /** Renames {@code from} to {@code to}, atomically where the file system can, replacing a file at {@code to}. */
    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /**
     * A new empty hidden file or directory beside {@code target}. Made with {@code createFile}/{@code createDirectory}
     * rather than {@code createTempFile}, whose owner-only permissions would follow the rename and make a saved file
     * unreadable to others; these take the usual umask permissions.
     */
    private static Path newTemp(Path target, boolean directory) throws IOException {
        for (int attempt = 0; ; attempt++) {
            Path p = target.resolveSibling("." + target.getFileName() + ".tmp-" + randomSuffix());
            try {
                return directory ? Files.createDirectory(p) : Files.createFile(p);
            } catch (FileAlreadyExistsException e) {
                if (attempt >= 20) {
                    throw e;
                }
            }
        }
    }

    /** A hidden name beside {@code target} that does not exist yet. */
    private static Path reserveName(Path target, String infix) {
        Path p;
        do {
            p = target.resolveSibling("." + target.getFileName() + infix + randomSuffix());
        } while (Files.exists(p));
        return p;
    }

    private static String randomSuffix() {
        byte[] b = new byte[6];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    /** Deletes a file or a directory tree; a leftover is harmless (hidden, and never read), so failures are ignored. */
    private static void deleteQuietly(Path p) {
        try (Stream<Path> s = Files.walk(p)) {
            s.sorted(Comparator.reverseOrder()).forEach(q -> q.toFile().delete());
        } catch (IOException | RuntimeException e) {
            // nothing to do: see the comment above
        }
    }
}
