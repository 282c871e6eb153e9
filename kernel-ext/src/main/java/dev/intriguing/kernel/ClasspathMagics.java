package dev.intriguing.kernel;

import dev.intriguing.magics.MagicUsageException;
import io.github.spencerpark.jupyter.kernel.magic.registry.LineMagic;
import io.github.spencerpark.jupyter.kernel.util.GlobFinder;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * IJava's {@code %jars} and {@code %classpath}: add the files (for {@code %classpath} also directories) that match
 * globs to the class path of code cells, and return their absolute paths.
 *
 * <pre>{@code
 * List<String> added = %jars lib/*.jar
 * }</pre>
 * Public with public methods because basekernel registers and calls them by reflection.
 */
public final class ClasspathMagics {
    /** The names these magics answer to. */
    static final List<String> NAMES = List.of("jars", "classpath");

    private final Consumer<String> classpath;

    /** @param classpath adds one absolute path to the class path of code cells */
    ClasspathMagics(Consumer<String> classpath) {
        this.classpath = classpath;
    }

    /** {@code %jars GLOB...}: adds the matching files. */
    @LineMagic("jars")
    public List<String> jars(List<String> globs) throws IOException {
        return add(globs, true);
    }

    /** {@code %classpath GLOB...}: adds the matching files and directories. */
    @LineMagic("classpath")
    public List<String> classpath(List<String> globs) throws IOException {
        return add(globs, false);
    }

    private List<String> add(List<String> globs, boolean filesOnly) throws IOException {
        List<String> added = new ArrayList<>();
        for (String g : globs) {
            GlobFinder finder = new GlobFinder(g);
            try {
                for (Path p : filesOnly ? finder.computeMatchingFiles() : finder.computeMatchingPaths()) {
                    added.add(p.toAbsolutePath().toString());
                }
            } catch (NoSuchFileException e) {
                // a glob under a missing directory matches nothing
            }
        }
        if (added.isEmpty()) {
            throw new MagicUsageException("%" + (filesOnly ? "jars" : "classpath") + ": nothing matches "
                    + String.join(" ", globs) + ". Give files or globs, e.g. %jars lib/*.jar");
        }
        added.forEach(classpath);
        return added;
    }
}
