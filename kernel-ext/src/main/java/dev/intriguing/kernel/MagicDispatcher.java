package dev.intriguing.kernel;

import dev.intriguing.magics.MagicSpec;
import dev.intriguing.magics.MagicUsageException;
import io.github.spencerpark.jupyter.kernel.magic.registry.Magics;
import io.github.spencerpark.jupyter.kernel.magic.registry.UndefinedMagicException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Runs the magic calls that rewritten cells make, by name, and knows every name: an unknown one fails with a
 * paragraph that lists the known ones.
 */
final class MagicDispatcher {
    /** IJava's class path magics, described as the catalogue describes ours. */
    private static final List<MagicSpec> CLASSPATH_SPECS = List.of(
            new MagicSpec("jars", List.of(), "add the jar files that match globs to the class path of code cells; returns"
                    + " their paths", "%jars GLOB...", "%jars lib/*.jar"),
            new MagicSpec("classpath", List.of(), "add the files and directories that match globs to the class path of"
                    + " code cells; returns their paths", "%classpath GLOB...", "%classpath target/classes"));

    private final Magics magics;
    private final List<MagicSpec> specs;

    /** @param specs the specs of the project's magics; {@code %jars} and {@code %classpath} are added to them */
    MagicDispatcher(Magics magics, List<MagicSpec> specs) {
        this.magics = magics;
        this.specs = List.copyOf(specs);
    }

    /** Runs line magic {@code name}. */
    <T> T line(String name, List<String> args) throws Exception {
        try {
            return magics.applyLineMagic(name, args);
        } catch (UndefinedMagicException e) {
            throw unknown("%" + name);
        }
    }

    /** Runs cell magic {@code name} on {@code body}. */
    <T> T cell(String name, List<String> args, String body) throws Exception {
        try {
            return magics.applyCellMagic(name, args, body);
        } catch (UndefinedMagicException e) {
            throw unknown("%%" + name);
        }
    }

    /** Every magic name and alias, the project's in catalogue order, then the class path magics. */
    List<String> names() {
        List<String> names = new ArrayList<>();
        for (MagicSpec s : specs) {
            names.add(s.name());
            names.addAll(s.aliases());
        }
        names.addAll(ClasspathMagics.NAMES);
        return names;
    }

    /** What {@code %name} does, how it is called and an example, for inspection and {@code %name?}; null if unknown. */
    String help(String name) {
        List<MagicSpec> all = new ArrayList<>(specs);
        all.addAll(CLASSPATH_SPECS);
        for (MagicSpec s : all) {
            if (s.name().equals(name) || s.aliases().contains(name)) {
                return "%" + s.name() + (s.aliases().isEmpty() ? "" : " (also %" + String.join(", %", s.aliases()) + ")")
                        + ": " + s.purpose() + "\n\nUsage: " + s.usage() + "\nExample: " + s.example();
            }
        }
        return null;
    }

    private MagicUsageException unknown(String what) {
        return new MagicUsageException("Unknown magic " + what + ": expected one of "
                + names().stream().map(n -> "%" + n).collect(Collectors.joining(", "))
                + ". Type %intriguing for what each does. Example: %dataset mnist");
    }
}
