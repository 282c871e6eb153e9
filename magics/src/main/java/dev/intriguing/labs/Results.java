package dev.intriguing.labs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where a reproduction notebook leaves its numbers for the report: the directory named by the environment variable
 * {@value #VARIABLE} (set by {@code ./intriguing reproduce}) or the system property {@code intriguing.results}. When
 * neither is set (a notebook run by hand) nothing is written and the notebook says so.
 *
 * <pre>{@code
 * Results.save(PaperTables.TABLE_2.ours(t2))
 * // "table2.csv written to /repo/out/results"
 * Results.file("table5-conv.csv").ifPresent(lip::toCsv);
 * }</pre>
 */
public final class Results {
    /** The environment variable that names the results directory. */
    public static final String VARIABLE = "INTRIGUING_RESULTS";

    private Results() {
    }

    /** The results directory of this run, if one was given. */
    public static Optional<Path> dir() {
        String env = System.getenv(VARIABLE);
        if (env != null && !env.isBlank()) {
            return Optional.of(Path.of(env).toAbsolutePath());
        }
        String prop = System.getProperty("intriguing.results");
        return prop == null || prop.isBlank() ? Optional.empty() : Optional.of(Path.of(prop).toAbsolutePath());
    }

    /** The path of result file {@code name} in the results directory (created), if there is one. */
    public static Optional<Path> file(String name) {
        return dir().map(d -> {
            try {
                Files.createDirectories(d);
            } catch (IOException e) {
                throw new UncheckedIOException("could not create the results directory " + d, e);
            }
            return d.resolve(name);
        });
    }

    /** Saves our values of a paper's table as {@code <id>.csv} in the results directory; returns what it did. */
    public static String save(Reproduced ours) {
        Optional<Path> dir = dir();
        if (dir.isEmpty()) {
            return "not saved: " + VARIABLE + " is not set (./intriguing reproduce sets it)";
        }
        return save(dir.get(), ours);
    }

    /** Saves our values of a paper's table as {@code <id>.csv} in {@code dir}; returns what it did. */
    public static String save(Path dir, Reproduced ours) {
        String name = PaperTables.id(ours.paper()) + ".csv";
        ours.toCsv(dir.resolve(name));
        return name + " written to " + dir;
    }
}
