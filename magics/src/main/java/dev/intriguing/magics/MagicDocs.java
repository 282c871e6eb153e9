package dev.intriguing.magics;

import java.util.List;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The magic table, generated from the specs: shown by {@code %intriguing} and written into {@code README.md} between
 * {@link #BEGIN} and {@link #END} by {@code ./intriguing readme}.
 */
public final class MagicDocs {
    /** The marker line before the generated table in README.md. */
    public static final String BEGIN = "<!-- magics:begin -->";
    /** The marker line after the generated table in README.md. */
    public static final String END = "<!-- magics:end -->";

    private MagicDocs() {
    }

    /** One row per magic: name, aliases, purpose and example (the usage lines are long; errors and README show them). */
    public static Table table(List<MagicSpec> specs) {
        StringColumn name = StringColumn.create("magic");
        StringColumn aliases = StringColumn.create("aliases");
        StringColumn purpose = StringColumn.create("purpose");
        StringColumn example = StringColumn.create("example");
        for (MagicSpec s : specs) {
            name.append("%" + s.name());
            aliases.append(String.join(", ", s.aliases().stream().map(a -> "%" + a).toList()));
            purpose.append(s.purpose());
            example.append(s.example());
        }
        return Table.create("Intriguing magics").addColumns(name, aliases, purpose, example);
    }

    /** The Markdown table for README.md (without the markers). */
    public static String markdown(List<MagicSpec> specs) {
        StringBuilder b = new StringBuilder("| Magic | Purpose | Usage | Example |\n|---|---|---|---|\n");
        for (MagicSpec s : specs) {
            String names = "`%" + s.name() + "`" + s.aliases().stream().map(a -> " (`%" + a + "`)").reduce("", String::concat);
            b.append("| ").append(names).append(" | ").append(cell(s.purpose())).append(" | `").append(cell(s.usage()))
                    .append("` | `").append(cell(s.example())).append("` |\n");
        }
        return b.toString();
    }

    /**
     * {@code readme} with the text between the markers replaced by the table for {@code specs}.
     *
     * @throws IllegalArgumentException when the markers are missing
     */
    public static String updateReadme(String readme, List<MagicSpec> specs) {
        int begin = readme.indexOf(BEGIN);
        int end = readme.indexOf(END);
        if (begin < 0 || end < begin) {
            throw new IllegalArgumentException("README.md lacks the lines " + BEGIN + " and " + END
                    + " around the magic table; add them where the table belongs.");
        }
        return readme.substring(0, begin + BEGIN.length()) + "\n" + markdown(specs) + readme.substring(end);
    }

    private static String cell(String s) {
        return s.replace("|", "\\|").replace("\n", " ");
    }
}
