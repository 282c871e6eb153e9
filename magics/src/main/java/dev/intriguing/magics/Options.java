package dev.intriguing.magics;

import io.github.spencerpark.jupyter.kernel.magic.registry.MagicArgsParseException;
import io.github.spencerpark.jupyter.kernel.magic.registry.MagicsArgs;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A magic's parsed arguments with typed, range-checked getters; every mistake becomes a {@link MagicUsageException}
 * that names the option, what is accepted and an example.
 *
 * <p>Magics build their immutable options record from this at the edge; the raw map never travels further.
 */
public final class Options {
    private final MagicSpec spec;
    private final Map<String, List<String>> raw;

    private Options(MagicSpec spec, Map<String, List<String>> raw) {
        this.spec = spec;
        this.raw = raw;
    }

    /** Parses {@code args} with {@code schema}; a parse error becomes a one-paragraph usage error. */
    public static Options parse(MagicSpec spec, MagicsArgs schema, List<String> args) {
        return parse(spec, schema, args, List.of());
    }

    /**
     * Parses {@code args} with {@code schema}, where each of {@code switches} is an on/off option written bare
     * ({@code --log}); {@code schema} declares each as a keyword. Basekernel's parser knows only one-letter flags and
     * keywords with values, so a bare switch is rewritten to {@code --log=true} first; read it with {@link #on}.
     */
    public static Options parse(MagicSpec spec, MagicsArgs schema, List<String> args, List<String> switches) {
        List<String> rewritten = args.stream().map(a -> a.startsWith("--") && switches.contains(a.substring(2))
                ? a + "=true" : a).toList();
        try {
            return new Options(spec, schema.parse(rewritten));
        } catch (MagicArgsParseException e) {
            String why = e.getMessage() == null ? "the arguments could not be parsed" : e.getMessage().strip();
            throw MagicUsageException.of(spec, why.endsWith(".") ? why : why + ".");
        }
    }

    /** A usage error for this magic. */
    public MagicUsageException error(String what) {
        return MagicUsageException.of(spec, what);
    }

    /** All values given for {@code key} (positional, keyword or flag). */
    public List<String> all(String key) {
        return raw.getOrDefault(key, List.of());
    }

    /** The single value of {@code key}, if given; a repeated keyword is an error. */
    public Optional<String> string(String key) {
        List<String> v = all(key);
        if (v.size() > 1) {
            throw error("--" + key + " was given " + v.size() + " times; give it once.");
        }
        return v.isEmpty() ? Optional.empty() : Optional.of(v.get(0));
    }

    /** The value of {@code key}, or {@code def}. */
    public String string(String key, String def) {
        return string(key).orElse(def);
    }

    /** The value of positional or keyword {@code key}, which must be given. */
    public String required(String key) {
        return string(key).orElseThrow(() -> error("missing " + key.toUpperCase() + "."));
    }

    /** Whether switch {@code key} (see {@link #parse(MagicSpec, MagicsArgs, List, List)}) is on. */
    public boolean on(String key) {
        Optional<String> v = string(key);
        if (v.isPresent() && !v.get().equals("true") && !v.get().equals("false")) {
            throw error("--" + key + " is a switch: write --" + key + " alone; got '--" + key + "=" + v.get() + "'.");
        }
        return v.isPresent() && v.get().equals("true");
    }

    /** Whether flag {@code key} was given. */
    public boolean flag(String key) {
        return !all(key).isEmpty();
    }

    /**
     * The comma-separated values of {@code key} ({@code a,b,c}), each stripped; empty when absent. An empty item
     * ({@code a,,b}) is an error.
     */
    public List<String> list(String key) {
        Optional<String> s = string(key);
        if (s.isEmpty()) {
            return List.of();
        }
        List<String> items = java.util.Arrays.stream(s.get().split(",", -1)).map(String::strip).toList();
        if (items.stream().anyMatch(String::isEmpty)) {
            throw error("--" + key + " expects items separated by commas, without spaces or empty items; got '" + s.get()
                    + "'.");
        }
        return items;
    }

    /**
     * The comma-separated names of {@code key}, each a name the session can hold, without repeats; empty when
     * absent. Errors call the option {@code label} (e.g. {@code SETS} or {@code --to}).
     */
    public List<String> names(String key, String label) {
        List<String> names = list(key);
        for (String n : names) {
            if (!dev.intriguing.session.Session.isValidName(n)) {
                throw error(label + " expects names bound in the session (letters, digits, _), separated by commas; got '"
                        + n + "'.");
            }
        }
        if (names.stream().distinct().count() < names.size()) {
            throw error(label + " names something twice: " + String.join(",", names) + ".");
        }
        return names;
    }

    /** An int in [min, max], or {@code def} when absent. */
    public int integer(String key, int def, int min, int max) {
        Optional<String> s = string(key);
        if (s.isEmpty()) {
            return def;
        }
        int v;
        try {
            v = Integer.parseInt(s.get().strip());
        } catch (NumberFormatException e) {
            throw error("--" + key + " expects a whole number from " + min + " to " + max + "; got '" + s.get() + "'.");
        }
        if (v < min || v > max) {
            throw error("--" + key + " expects a whole number from " + min + " to " + max + "; got " + v + ".");
        }
        return v;
    }

    /** A long (a seed, say), or {@code def} when absent. */
    public long longValue(String key, long def) {
        Optional<String> s = string(key);
        if (s.isEmpty()) {
            return def;
        }
        try {
            return Long.parseLong(s.get().strip());
        } catch (NumberFormatException e) {
            throw error("--" + key + " expects a whole number; got '" + s.get() + "'.");
        }
    }

    /** A finite number in [min, max], or {@code def} when absent. */
    public double number(String key, double def, double min, double max) {
        Optional<String> s = string(key);
        if (s.isEmpty()) {
            return def;
        }
        double v;
        try {
            v = Double.parseDouble(s.get().strip());
        } catch (NumberFormatException e) {
            throw error("--" + key + " expects a number from " + min + " to " + max + "; got '" + s.get() + "'.");
        }
        if (!(v >= min && v <= max)) {
            throw error("--" + key + " expects a number from " + min + " to " + max + "; got " + s.get() + ".");
        }
        return v;
    }

    /** One of {@code allowed}, or {@code def} when absent. */
    public String choice(String key, String def, List<String> allowed) {
        String v = string(key, def);
        if (!allowed.contains(v)) {
            throw error("--" + key + " expects one of " + String.join(", ", allowed) + "; got '" + v + "'.");
        }
        return v;
    }

    /** A name to bind (a Java identifier), or {@code def} when absent. */
    public String name(String key, String def) {
        String v = string(key, def);
        if (v != null && !dev.intriguing.session.Session.isValidName(v)) {
            throw error("--" + key + " expects a Java name (letters, digits, _; not starting with a digit); got '" + v + "'.");
        }
        if (v != null && javax.lang.model.SourceVersion.isKeyword(v)) {
            // it becomes a notebook variable, so a Java keyword cannot be one
            throw error("--" + key + " expects a Java name, and '" + v + "' is a Java keyword; pick another name.");
        }
        return v;
    }
}
