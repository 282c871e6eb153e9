package dev.intriguing.magics;

import dev.intriguing.report.Environment;
import dev.intriguing.session.Session;
import io.github.spencerpark.jupyter.kernel.magic.registry.LineMagic;
import io.github.spencerpark.jupyter.kernel.magic.registry.MagicsArgs;
import java.util.List;

/**
 * {@code %environment}: records in the notebook's output how it was run (project version, git commit, Java, DJL and
 * MXNet versions, the SHA-256 of the data files, the seeds), so a shared executed notebook says how it was made.
 * Every notebook of the project starts with it.
 *
 * <pre>{@code
 * %environment
 * env.commit()    // "5749eec..."
 * }</pre>
 */
public final class EnvironmentMagic implements Magic {
    public static final MagicSpec SPEC = new MagicSpec("environment", List.of(),
            "record how this notebook runs: project version, git commit, Java/DJL/MXNet versions, data SHA-256, seeds",
            "%environment [--as VAR]", "%environment");

    private static final MagicsArgs SCHEMA = MagicsArgs.builder().keyword("as").onlyKnownKeywords().onlyKnownFlags()
            .build();

    private final Session session;
    private final Displayer displayer;

    public EnvironmentMagic(MagicContext context) {
        this.session = context.session();
        this.displayer = context.displayer();
    }

    @Override
    public MagicSpec spec() {
        return SPEC;
    }

    @LineMagic("environment")
    public Environment environment(List<String> args) {
        String as = Options.parse(SPEC, SCHEMA, args).name("as", "env");
        Environment env = Environment.capture(session.datasets());
        session.put(as, env);
        displayer.display(env);
        return env;
    }
}
