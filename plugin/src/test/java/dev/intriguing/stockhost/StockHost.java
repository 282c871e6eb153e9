package dev.intriguing.stockhost;

import io.github.spencerpark.jupyter.kernel.BaseKernel;
import io.github.spencerpark.jupyter.kernel.LanguageInfo;
import io.github.spencerpark.jupyter.kernel.display.DisplayData;
import io.github.spencerpark.jupyter.kernel.magic.MagicParser;
import io.github.spencerpark.jupyter.kernel.magic.registry.Magics;
import io.github.spencerpark.jupyter.kernel.util.GlobFinder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import jdk.jshell.EvalException;
import jdk.jshell.JShell;
import jdk.jshell.JShellException;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;

/**
 * A kernel with stock IJava 1.3.0's behaviour as a plugin meets it (shared/IJAVA.md sections 1.4, 2, 3): JShell in
 * this JVM with {@link ExecutorControl}, IJava's startup imports run lazily before the first cell, then the startup
 * script; {@code %jars}; magics rewritten to {@code lineMagic(...)} calls whose value is dropped; {@code evalRaw}
 * callable from inside a running snippet; errors formatted as IJava formats them.
 */
public final class StockHost extends BaseKernel {
    /** IJava's bundled init script, with this host's runtime class in place of IJava's three. */
    private static final String INIT = """
            import java.util.*;
            import java.io.*;
            import java.math.*;
            import java.net.*;
            import java.util.concurrent.*;
            import java.util.prefs.*;
            import java.util.regex.*;
            import static dev.intriguing.stockhost.HostRuntime.*;
            """;

    private final ExecutorControl control = new ExecutorControl();
    private final JShell shell;
    private final Magics magics = new Magics();
    private final MagicParser parser = new MagicParser("(?<=(?:^|=))\\s*%", "%%");
    private final List<String> startupScripts = new ArrayList<>();
    private final Consumer<DisplayData> displays;
    private volatile boolean initialized;

    /**
     * @param classpath     what IJAVA_CLASSPATH would add
     * @param startupScript what IJAVA_STARTUP_SCRIPT would run, or {@code null}
     * @param displays      receives everything published with {@link #display}
     */
    public StockHost(List<String> classpath, String startupScript, Consumer<DisplayData> displays) {
        this.shell = JShell.builder().out(System.out).err(System.err)
                .executionEngine(new ExecutorControl.Provider(control), Map.of()).build();
        this.displays = displays;
        classpath.forEach(shell::addToClasspath);
        startupScripts.add(INIT);
        if (startupScript != null) {
            startupScripts.add(startupScript);
        }
        magics.registerLineMagic("jars", this::jars);
    }

    /** IJava's name for the magic registry. */
    public Magics getMagics() {
        return magics;
    }

    public void addToClasspath(String path) {
        shell.addToClasspath(path);
    }

    /** Runs code (magics rewritten) and returns its last value; callable from inside a running snippet. */
    public Object evalRaw(String code) throws Exception {
        String source = transform(code);
        if (!initialized) {
            initialized = true;
            for (String script : startupScripts) {
                evalAll(script);
            }
        }
        return evalAll(source);
    }

    @Override
    public DisplayData eval(String code) throws Exception {
        Object value = evalRaw(code);
        if (value == null) {
            return null;
        }
        return value instanceof DisplayData d ? d : getRenderer().render(value);
    }

    @Override
    public void display(DisplayData data) {
        displays.accept(data);
    }

    @Override
    public LanguageInfo getLanguageInfo() {
        return new LanguageInfo.Builder("Java").version(Runtime.version().toString()).build();
    }

    /** As IJava: an exception thrown by a snippet is printed with its trace, under its real class name. */
    @Override
    public List<String> formatError(Exception e) {
        if (e instanceof CompileError c) {
            return c.lines;
        }
        List<String> lines = super.formatError(e);
        if (e instanceof EvalException ee) {
            return lines.stream().map(l -> l.replace(EvalException.class.getName(), ee.getExceptionClassName())).toList();
        }
        return lines;
    }

    private String transform(String code) {
        var cell = parser.parseCellMagic(code);
        if (cell != null) {
            return "cellMagic(" + literal(cell.getMagicCall().getName()) + ", List.of("
                    + cell.getMagicCall().getArgs().stream().map(StockHost::literal).collect(Collectors.joining(", "))
                    + "), " + literal(cell.getMagicCall().getBody()) + ");{};";
        }
        return parser.transformLineMagics(code, ctx -> "lineMagic(" + literal(ctx.getMagicCall().getName()) + ", List.of("
                + ctx.getMagicCall().getArgs().stream().map(StockHost::literal).collect(Collectors.joining(", ")) + "));{};");
    }

    private Object evalAll(String code) throws Exception {
        Object last = null;
        SourceCodeAnalysis.CompletionInfo info = shell.sourceCodeAnalysis().analyzeCompletion(code);
        while (info.completeness().isComplete()) {
            last = evalSingle(info.source());
            info = shell.sourceCodeAnalysis().analyzeCompletion(info.remaining());
        }
        if (info.completeness() != SourceCodeAnalysis.Completeness.EMPTY) {
            throw new CompileError(List.of("Incomplete input:", info.remaining().strip()));
        }
        return last;
    }

    private Object evalSingle(String code) throws Exception {
        List<SnippetEvent> events = shell.eval(code);
        Object result = null;
        for (SnippetEvent ev : events) {
            if (ev.value() == null) {
                continue;
            }
            Snippet.SubKind kind = ev.snippet().subKind();
            Object value = kind.isExecutable() ? control.takeResult(ev.value()) : ev.value();
            result = switch (kind) {
                case VAR_VALUE_SUBKIND, OTHER_EXPRESSION_SUBKIND, TEMP_VAR_EXPRESSION_SUBKIND -> value;
                default -> null;
            };
        }
        for (SnippetEvent ev : events) {
            if (ev.causeSnippet() != null) {
                continue;
            }
            JShellException ex = ev.exception();
            if (ex != null) {
                throw ex;
            }
            if (!ev.status().isDefined()) {
                List<String> lines = new ArrayList<>();
                lines.add(ev.snippet().source().strip());
                shell.diagnostics(ev.snippet()).forEach(d -> lines.add(d.getMessage(Locale.ROOT)));
                throw new CompileError(lines);
            }
        }
        return result;
    }

    private List<String> jars(List<String> globs) throws Exception {
        List<String> added = new ArrayList<>();
        for (String g : globs) {
            for (Path p : new GlobFinder(g).computeMatchingFiles()) {
                added.add(p.toAbsolutePath().toString());
            }
        }
        added.forEach(this::addToClasspath);
        return added;
    }

    private static String literal(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> b.append(c);
            }
        }
        return b.append('"').toString();
    }

    /** A snippet JShell did not accept. */
    static final class CompileError extends Exception {
        private static final long serialVersionUID = 1L;
        final transient List<String> lines;

        CompileError(List<String> lines) {
            super(String.join("\n", lines));
            this.lines = lines;
        }
    }
}
