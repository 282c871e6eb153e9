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

    private MagicUsageException unknown(String what) {
        return new MagicUsageException("Unknown magic " + what + ": expected one of "
                + names().stream().map(n -> "%" + n).collect(Collectors.joining(", "))
                + ". Type %intriguing for what each does. Example: %dataset mnist");
    }
}
