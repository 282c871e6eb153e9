package dev.intriguing.magics;

import io.github.spencerpark.jupyter.kernel.magic.registry.LineMagic;
import io.github.spencerpark.jupyter.kernel.magic.registry.MagicsArgs;
import java.util.List;
import tech.tablesaw.api.Table;

/**
 * {@code %intriguing} (also {@code %help}): a table of every magic, generated from each magic's {@link MagicSpec}.
 *
 * <pre>{@code
 * %intriguing
 * // magic | aliases | purpose | example
 * // %dataset |  | load a data set ... | %dataset mnist --split test --limit 1000 --as test
 * }</pre>
 */
public final class HelpMagic implements Magic {
    public static final MagicSpec SPEC = new MagicSpec("intriguing", List.of("help"),
            "list every magic with its purpose and an example", "%intriguing", "%intriguing");

    private static final MagicsArgs SCHEMA = MagicsArgs.builder().onlyKnownKeywords().onlyKnownFlags().build();

    private final MagicContext context;

    public HelpMagic(MagicContext context) {
        this.context = context;
    }

    @Override
    public MagicSpec spec() {
        return SPEC;
    }

    @LineMagic(value = "intriguing", aliases = "help")
    public Table intriguing(List<String> args) {
        Options.parse(SPEC, SCHEMA, args);
        // The catalogue is read at call time: magic constructors only keep their context, so this is cheap.
        Table table = MagicDocs.table(MagicCatalog.create(context).stream().map(Magic::spec).toList());
        context.displayer().display(table);
        return table;
    }
}
