package dev.intriguing.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The options that {@code run} and {@code reproduce} share ({@code --out DIR}, {@code --timeout SECONDS_PER_CELL},
 * {@code --size small|full}), parsed in one place so that both commands reject the same mistakes in the same words.
 * Whatever is not one of them stays, in order, in {@link #positional()}.
 *
 * @param out        the {@code --out} folder, or {@code null} when not given
 * @param timeout    seconds per cell
 * @param size       {@code small}, {@code full}, or the caller's default when not given
 * @param positional the other words, each not starting with {@code --}
 */
record RunOptions(Path out, int timeout, String size, List<String> positional) {

    /**
     * @throws Main.UsageException for a malformed {@code --timeout} or {@code --size}, or an unknown {@code --} word
     *                             ({@code usage} and {@code example} say what was expected)
     */
    static RunOptions parse(List<String> args, int timeout, String size, String usage, String example) {
        List<String> rest = new ArrayList<>(args);
        List<String> positional = new ArrayList<>();
        Path out = null;
        while (!rest.isEmpty()) {
            String a = rest.remove(0);
            if (a.equals("--out") && !rest.isEmpty()) {
                out = Path.of(rest.remove(0));
            } else if (a.equals("--timeout") && !rest.isEmpty()) {
                String v = rest.remove(0);
                try {
                    timeout = Integer.parseInt(v);
                } catch (NumberFormatException e) {
                    throw new Main.UsageException("--timeout expects whole seconds; got '" + v + "'. " + usage);
                }
            } else if (a.equals("--size") && !rest.isEmpty()) {
                size = rest.remove(0);
                if (!size.equals("small") && !size.equals("full")) {
                    throw new Main.UsageException("--size expects small or full; got '" + size + "'. " + usage);
                }
            } else if (!a.startsWith("--")) {
                positional.add(a);
            } else {
                throw new Main.UsageException(usage + "; got: " + String.join(" ", args) + ". Example: " + example);
            }
        }
        return new RunOptions(out, timeout, size, List.copyOf(positional));
    }
}
