package dev.intriguing.core;

import java.util.List;

/** What every {@code ./intriguing bench NAME} shares: reading its few numeric options and rounding its JSON figures. */
public final class BenchArgs {
    private BenchArgs() {
    }

    /** A benchmark option the user wrote wrong; the command line shows its message alone. */
    public static final class BadOption extends IllegalArgumentException {
        BadOption(String message) {
            super(message);
        }
    }

    /**
     * The comma-separated names after option {@code name} (e.g. {@code --attacks lbfgs,fmn}), each one of
     * {@code allowed}, or {@code def} when the option is absent.
     *
     * @throws BadOption naming the option and the accepted names when a value is missing or unknown
     */
    public static List<String> names(List<String> args, String name, List<String> allowed, List<String> def) {
        int i = args.indexOf(name);
        if (i < 0) {
            return def;
        }
        String accepted = String.join(", ", allowed);
        if (i + 1 >= args.size()) {
            throw new BadOption(name + " needs names from " + accepted + ", e.g. " + name + " " + allowed.get(0));
        }
        List<String> out = List.of(args.get(i + 1).split(","));
        for (String w : out) {
            if (!allowed.contains(w)) {
                throw new BadOption(name + " takes names from " + accepted + "; got '" + w + "'");
            }
        }
        return out;
    }

    /**
     * The whole number after option {@code name} in {@code args} (e.g. {@code --images 1000}), or {@code def} when the
     * option is absent.
     *
     * @throws BadOption naming the option when its value is missing, not a number or negative
     */
    public static int integer(List<String> args, String name, int def) {
        int i = args.indexOf(name);
        if (i < 0) {
            return def;
        }
        if (i + 1 >= args.size()) {
            throw new BadOption(name + " needs a whole number, e.g. " + name + " " + def);
        }
        try {
            int v = Integer.parseInt(args.get(i + 1));
            if (v < 0) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw new BadOption(name + " needs a whole number >= 0; got '" + args.get(i + 1) + "'");
        }
    }

    /**
     * A positional whole number {@code value} of at least {@code min} (e.g. the epochs of {@code bench train 3}).
     *
     * @throws BadOption naming the argument when {@code value} is not such a number
     */
    public static int positional(String value, String name, int min) {
        try {
            int v = Integer.parseInt(value);
            if (v < min) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw new BadOption(name + " needs a whole number >= " + min + "; got '" + value + "'");
        }
    }

    /** {@code v} to four decimals for a JSON line (a figure a person reads); NaN and infinities as they are. */
    public static double round4(double v) {
        return Double.isFinite(v) ? Math.round(v * 1e4) / 1e4 : v;
    }
}
