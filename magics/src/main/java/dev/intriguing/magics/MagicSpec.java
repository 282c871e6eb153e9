package dev.intriguing.magics;

import java.util.List;

/**
 * What a magic is, in one place: {@code %help}, completion and the README's magic table are generated from it.
 *
 * @param name    the magic's name, without {@code %}
 * @param aliases other names it answers to
 * @param purpose one line: what it is for
 * @param usage   the synopsis, e.g. {@code %dataset NAME [--split train|test|p1|p2] [--limit N] [--as VAR]}
 * @param example one real line a user can paste
 */
public record MagicSpec(String name, List<String> aliases, String purpose, String usage, String example) {
    public MagicSpec {
        aliases = List.copyOf(aliases);
    }
}
