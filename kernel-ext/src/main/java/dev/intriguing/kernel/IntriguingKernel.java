package dev.intriguing.kernel;

import dev.intriguing.datasets.api.DatasetException;
import dev.intriguing.magics.MagicSpec;
import dev.intriguing.magics.MagicUsageException;
import dev.intriguing.session.Session;
import io.github.spencerpark.jupyter.kernel.BaseKernel;
import io.github.spencerpark.jupyter.kernel.LanguageInfo;
import io.github.spencerpark.jupyter.kernel.ReplacementOptions;
import io.github.spencerpark.jupyter.kernel.display.DisplayData;
import io.github.spencerpark.jupyter.kernel.magic.registry.MagicArgsParseException;
import io.github.spencerpark.jupyter.kernel.magic.registry.Magics;
import io.github.spencerpark.jupyter.kernel.magic.registry.UndefinedMagicException;
import io.github.spencerpark.jupyter.kernel.util.GlobFinder;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import jdk.jshell.DeclarationSnippet;
import jdk.jshell.Diag;
import jdk.jshell.EvalException;
import jdk.jshell.JShell;
import jdk.jshell.JShellException;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.UnresolvedReferenceException;

/**
 * Our IJava-compatible Jupyter kernel: JShell in this JVM, IJava's magic syntax, the project's magics and renderers
 * installed, and its packages imported.
 *
 * <p>A cell is rewritten ({@code %magic} lines become calls), cut into snippets, and each snippet runs on a worker
 * thread; the last expression's real object goes through the kernel's renderer. User mistakes (a bad magic option, an
 * unknown name, a compile error) are shown as one paragraph, anything else with its stack trace cut at the cell.
 */
public class IntriguingKernel extends BaseKernel implements VariableBinder {
    /** Imported into every notebook; an import whose package is still empty is skipped. */
    static final List<String> STARTUP_IMPORTS = List.of(
            "java.util.*", "java.util.function.*", "java.util.stream.*", "java.io.*", "java.nio.file.*", "java.math.*",
            "java.awt.image.BufferedImage",
            "dev.intriguing.datasets.api.*", "dev.intriguing.session.*", "dev.intriguing.core.*",
            "dev.intriguing.models.*", "dev.intriguing.adversarial.*", "dev.intriguing.units.*", "dev.intriguing.spectral.*",
            "dev.intriguing.transfer.*", "dev.intriguing.labs.*",
            "dev.intriguing.render.*", "dev.intriguing.kernel.IntriguingExtension",
            "tech.tablesaw.api.*", "org.knowm.xchart.*", "ai.djl.ndarray.*", "ai.djl.ndarray.types.*",
            "static dev.intriguing.kernel.Notebook.*");

    private static final String STARTUP_THREAD = "intriguing-startup";
    private static final Pattern MAGIC_PREFIX = Pattern.compile("(?m)^\\s*%%?(\\w*)$");
    private static volatile IntriguingKernel current;

    private final DirectControl control = new DirectControl();
    private final JShell shell;
    private final SourceCodeAnalysis analysis;
    private final MagicTransformer transformer = new MagicTransformer();
    private final Magics magics = new Magics();
    private final IntriguingExtension extension;
    private final CompletableFuture<Void> startup;
    private final Map<String, String> pendingDeclarations = new LinkedHashMap<>();
    private final AtomicInteger depth = new AtomicInteger();
    private final LanguageInfo languageInfo = new LanguageInfo.Builder("Java").version(Runtime.version().toString())
            .mimetype("text/x-java-source").fileExtension(".jshell").pygments("java").codemirror("java").build();
    private volatile boolean interrupted;

    public IntriguingKernel() {
        this.shell = JShell.builder().executionEngine(control.provider(), Map.of()).build();
        // Under Surefire or `java -jar`, java.class.path names one jar whose manifest lists the rest.
        String declared = System.getProperty("java.class.path", "");
        String expanded = Classpath.currentString();
        if (!expanded.equals(declared)) {
            shell.addToClasspath(expanded);
        }
        this.analysis = shell.sourceCodeAnalysis();
        magics.registerLineMagic("jars", args -> addToClasspath(args, true));
        magics.registerLineMagic("classpath", args -> addToClasspath(args, false));
        current = this;
        this.extension = IntriguingExtension.install(magics, this);
        // The first JShell compile takes seconds: warm it with the imports while the front end connects.
        this.startup = CompletableFuture.runAsync(this::runStartup, r -> {
            Thread t = new Thread(r, STARTUP_THREAD);
            t.setDaemon(true);
            t.start();
        });
    }

    /** The kernel running in this JVM, or {@code null}. */
    public static IntriguingKernel current() {
        return current;
    }

    /** The registry of line and cell magics (IJava's name). */
    public Magics getMagics() {
        return magics;
    }

    /** The session shared by magics and code cells. */
    public Session session() {
        return extension.session();
    }

    @Override
    public LanguageInfo getLanguageInfo() {
        return languageInfo;
    }

    @Override
    public String getBanner() {
        return "Java " + Runtime.version() + " :: Intriguing kernel (IJava-compatible) on jupyter-jvm-basekernel "
                + KERNEL_META.getOrDefault("version", "2.3.0") + "\nType %intriguing for the magics.";
    }

    @Override
    public DisplayData eval(String code) throws Exception {
        Object result = evalRaw(code);
        if (result == null) {
            return null;
        }
        return result instanceof DisplayData d ? d : getRenderer().render(result);
    }

    /**
     * Runs a cell and returns the real object of its last expression (or {@code null}); may be called from inside a
     * running cell, as IJava's {@code evalRaw} can.
     */
    public Object evalRaw(String code) throws Exception {
        awaitStartup();
        boolean top = depth.getAndIncrement() == 0;
        if (top) {
            interrupted = false;
        }
        try {
            return evalCell(transformer.transform(code));
        } finally {
            depth.decrementAndGet();
        }
    }

    private Object evalCell(String code) throws Exception {
        Object last = null;
        SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(code);
        try {
            while (info.completeness().isComplete()) {
                checkInterrupted();
                last = evalSnippet(info.source());
                definePendingVariables();
                info = analysis.analyzeCompletion(info.remaining());
            }
        } finally {
            definePendingVariables();
        }
        if (info.completeness() != SourceCodeAnalysis.Completeness.EMPTY) {
            String rest = info.remaining().strip();
            throw new CellException("incomplete input", List.of("Incomplete input (a missing ';', ')' or '}'?):", rest));
        }
        return last;
    }

    private Object evalSnippet(String source) throws CellException {
        List<SnippetEvent> events = shell.eval(source);
        Object value = null;
        try {
            for (SnippetEvent ev : events) {
                if (ev.causeSnippet() != null || ev.value() == null) {
                    continue;
                }
                Snippet.SubKind kind = ev.snippet().subKind();
                Object v = kind.isExecutable() ? control.takeResult(ev.value()) : null;
                value = switch (kind) {
                    case VAR_VALUE_SUBKIND, OTHER_EXPRESSION_SUBKIND, TEMP_VAR_EXPRESSION_SUBKIND -> v;
                    default -> null;
                };
            }
        } finally {
            control.clearResults();
        }
        for (SnippetEvent ev : events) {
            if (ev.causeSnippet() != null) {
                continue;
            }
            JShellException ex = ev.exception();
            if (ex != null) {
                checkInterrupted();
                Throwable real = control.takeFailure();
                if (ex instanceof UnresolvedReferenceException u) {
                    throw new CellException("unresolved reference", List.of("'" + u.getSnippet().name()
                            + "' cannot run yet: it uses " + String.join(", ", shell.unresolvedDependencies(u.getSnippet()).toList())
                            + ", which is not defined."));
                }
                throw new CellException(real != null ? real : ex);
            }
            if (ev.status() == Snippet.Status.REJECTED) {
                throw compileError(ev.snippet());
            }
        }
        checkInterrupted();
        return value;
    }

    private void checkInterrupted() throws CellException {
        if (interrupted) {
            if (control.takeStillRunning()) {
                throw new CellException("interrupted", List.of("Interrupted, but the cell's code does not check"
                        + " Thread.currentThread().isInterrupted() and still runs in the background. The kernel and the"
                        + " session are still there; restart the kernel to stop that code."));
            }
            throw new CellException("interrupted", List.of("Interrupted: the cell was stopped. The kernel and the session"
                    + " are still there; the next cell runs normally."));
        }
    }

    private CellException compileError(Snippet snippet) {
        List<String> lines = new ArrayList<>();
        String src = snippet.source();
        String first = null;
        for (Diag d : shell.diagnostics(snippet).toList()) {
            if (!d.isError()) {
                continue;
            }
            for (String l : d.getMessage(Locale.ROOT).split("\\R")) {
                if (!l.strip().startsWith("location:")) {
                    lines.add(l);
                    first = first == null ? l : first;
                }
            }
            lines.addAll(pointAt(src, (int) d.getStartPosition(), (int) d.getEndPosition()));
        }
        if (snippet instanceof DeclarationSnippet decl) {
            List<String> missing = shell.unresolvedDependencies(decl).toList();
            if (!missing.isEmpty()) {
                lines.add("Not yet defined: " + String.join(", ", missing));
            }
        }
        if (lines.isEmpty()) {
            lines.add("This code does not compile: " + src.strip());
        }
        return new CellException("compile error: " + (first == null ? src.strip() : first), lines);
    }

    /** The source line holding {@code start}, and a line of carets under {@code start..end}. */
    private static List<String> pointAt(String src, int start, int end) {
        if (start < 0 || start > src.length()) {
            return List.of();
        }
        int lineStart = src.lastIndexOf('\n', Math.max(0, start - 1)) + 1;
        if (start == 0) {
            lineStart = 0;
        }
        int lineEnd = src.indexOf('\n', start);
        lineEnd = lineEnd < 0 ? src.length() : lineEnd;
        String line = src.substring(lineStart, lineEnd);
        int col = start - lineStart;
        int len = Math.max(1, Math.min(end, lineEnd) - start);
        return List.of("    " + line, "    " + " ".repeat(Math.max(0, col)) + "^".repeat(len));
    }

    @Override
    public void defineVariable(String name, String declaration) {
        synchronized (pendingDeclarations) {
            // A loop that binds one name 100 times needs one declaration, the last.
            pendingDeclarations.remove(name);
            pendingDeclarations.put(name, declaration);
        }
    }

    private void definePendingVariables() throws CellException {
        while (true) {
            String decl;
            synchronized (pendingDeclarations) {
                if (pendingDeclarations.isEmpty()) {
                    return;
                }
                String first = pendingDeclarations.keySet().iterator().next();
                decl = pendingDeclarations.remove(first);
            }
            evalSnippet(decl);
        }
    }

    /** Runs line magic {@code name}; an unknown name lists the known ones. */
    public <T> T applyLineMagic(String name, List<String> args) throws Exception {
        try {
            return magics.applyLineMagic(name, args);
        } catch (UndefinedMagicException e) {
            throw unknownMagic("%" + name);
        }
    }

    /** Runs cell magic {@code name} on {@code body}; an unknown name lists the known ones. */
    public <T> T applyCellMagic(String name, List<String> args, String body) throws Exception {
        try {
            return magics.applyCellMagic(name, args, body);
        } catch (UndefinedMagicException e) {
            throw unknownMagic("%%" + name);
        }
    }

    private MagicUsageException unknownMagic(String what) {
        return new MagicUsageException("Unknown magic " + what + ": expected one of "
                + magicNames().stream().map(n -> "%" + n).collect(Collectors.joining(", "))
                + ". Type %intriguing for what each does. Example: %dataset mnist");
    }

    /** Every magic name (and alias) this kernel answers to. */
    public List<String> magicNames() {
        List<String> names = new ArrayList<>();
        for (MagicSpec s : extension.specs()) {
            names.add(s.name());
            names.addAll(s.aliases());
        }
        names.add("jars");
        names.add("classpath");
        return names;
    }

    /** Adds files (or, for {@code %classpath}, directories too) matching the globs to the notebook's class path. */
    private List<String> addToClasspath(List<String> globs, boolean filesOnly) throws IOException {
        List<String> added = new ArrayList<>();
        for (String g : globs) {
            GlobFinder finder = new GlobFinder(g);
            try {
                for (Path p : filesOnly ? finder.computeMatchingFiles() : finder.computeMatchingPaths()) {
                    added.add(p.toAbsolutePath().toString());
                }
            } catch (java.nio.file.NoSuchFileException e) {
                // a glob under a missing directory matches nothing
            }
        }
        if (added.isEmpty()) {
            throw new MagicUsageException("%" + (filesOnly ? "jars" : "classpath") + ": nothing matches "
                    + String.join(" ", globs) + ". Give files or globs, e.g. %jars lib/*.jar");
        }
        added.forEach(this::addToClasspath);
        return added;
    }

    /** Adds a jar or directory to the compile and run class path of code cells. */
    public void addToClasspath(String path) {
        awaitStartup();
        shell.addToClasspath(path);
    }

    @Override
    public List<String> formatError(Exception e) {
        if (e instanceof CellException c && !c.lines().isEmpty()) {
            return c.lines();
        }
        Throwable t = e instanceof CellException && e.getCause() != null ? e.getCause() : e;
        if (isUserMistake(t)) {
            return List.of(t.getMessage().split("\\R"));
        }
        if (t instanceof EvalException ee) {
            return List.of(ee.getExceptionClassName() + ": " + ee.getMessage());
        }
        if (e instanceof CellException) {
            return trace(t);
        }
        return super.formatError(e);
    }

    /** Exceptions that mean "you asked for something wrong": shown as their message alone. */
    static boolean isUserMistake(Throwable t) {
        return t instanceof MagicUsageException || t instanceof Session.UnknownNameException
                || t instanceof DatasetException || t instanceof MagicArgsParseException
                || t instanceof UndefinedMagicException;
    }

    /** The exception and its causes, each cut where the cell's code was called from the kernel. */
    private static List<String> trace(Throwable t) {
        List<String> lines = new ArrayList<>();
        for (Throwable x = t; x != null; x = x.getCause() == x ? null : x.getCause()) {
            lines.add((x == t ? "" : "Caused by: ") + x);
            for (StackTraceElement s : x.getStackTrace()) {
                String c = s.getClassName();
                if (c.startsWith("jdk.internal.reflect.") || c.startsWith("java.lang.reflect.")
                        || c.startsWith(DirectControl.class.getName())) {
                    break;
                }
                lines.add("    at " + s);
            }
        }
        return lines;
    }

    @Override
    public DisplayData inspect(String code, int at, boolean extraDetail) {
        awaitStartup();
        int end = at;
        while (end < code.length() && Character.isJavaIdentifierPart(code.charAt(end))) {
            end++;
        }
        // JShell documents a method when the cursor stands just inside its call's parenthesis.
        int paren = end;
        while (paren < code.length() && Character.isWhitespace(code.charAt(paren))) {
            paren++;
        }
        if (paren < code.length() && code.charAt(paren) == '(') {
            end = paren + 1;
        }
        List<SourceCodeAnalysis.Documentation> docs = analysis.documentation(code, end, true);
        if (docs == null || docs.isEmpty()) {
            return null;
        }
        String text = docs.stream().map(d -> d.signature() + (d.javadoc() == null ? "" : "\n" + d.javadoc()))
                .collect(Collectors.joining("\n\n"));
        return new DisplayData(text);
    }

    @Override
    public ReplacementOptions complete(String code, int at) {
        awaitStartup();
        int lineStart = code.lastIndexOf('\n', Math.max(0, at - 1)) + 1;
        Matcher m = MAGIC_PREFIX.matcher(code.substring(lineStart, at));
        if (m.matches()) {
            String prefix = m.group(1);
            List<String> names = magicNames().stream().filter(n -> n.startsWith(prefix)).sorted().toList();
            return names.isEmpty() ? null : new ReplacementOptions(names, at - prefix.length(), at);
        }
        int[] anchor = new int[1];
        List<SourceCodeAnalysis.Suggestion> suggestions = analysis.completionSuggestions(code, at, anchor);
        if (suggestions == null || suggestions.isEmpty()) {
            return null;
        }
        List<String> options = suggestions.stream()
                .sorted((a, b) -> Boolean.compare(b.matchesType(), a.matchesType()))
                .map(SourceCodeAnalysis.Suggestion::continuation).distinct().toList();
        return new ReplacementOptions(options, anchor[0], at);
    }

    @Override
    public String isComplete(String code) {
        awaitStartup();
        SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(transformer.transform(code));
        while (info.completeness().isComplete() && !info.remaining().isBlank()) {
            info = analysis.analyzeCompletion(info.remaining());
        }
        return switch (info.completeness()) {
            case COMPLETE, COMPLETE_WITH_SEMI, EMPTY -> IS_COMPLETE_YES;
            case DEFINITELY_INCOMPLETE, CONSIDERED_INCOMPLETE -> "    ";
            case UNKNOWN -> IS_COMPLETE_BAD;
        };
    }

    @Override
    public void interrupt() {
        interrupted = true;
        control.stop();
    }

    @Override
    public void onShutdown(boolean isRestarting) {
        if (current == this) {
            current = null;
        }
        extension.session().close();
        shell.close();
    }

    private void awaitStartup() {
        // The startup thread and cell threads (which run only inside an evaluation) must not wait for startup.
        if (Thread.currentThread().getName().startsWith("intriguing-")) {
            return;
        }
        startup.join();
    }

    private void runStartup() {
        for (String imp : STARTUP_IMPORTS) {
            // A rejected import (a package with no classes yet) is simply not kept by JShell.
            shell.eval("import " + imp + ";");
        }
        control.clearResults();
        // Stock IJava's two variables work here too, so a notebook set up for IJava needs no change.
        String cp = System.getenv("IJAVA_CLASSPATH");
        String script = System.getenv("IJAVA_STARTUP_SCRIPT");
        try {
            if (cp != null && !cp.isBlank()) {
                addToClasspath(List.of(cp.split(File.pathSeparator)), false);
            }
            if (script != null && !script.isBlank()) {
                evalCell(transformer.transform(script));
            }
        } catch (Exception e) {
            System.err.println("intriguing: IJAVA_CLASSPATH / IJAVA_STARTUP_SCRIPT failed: " + String.join("\n", formatError(e)));
        }
    }

    @Override
    public String toString() {
        return "IntriguingKernel[" + String.join(File.pathSeparator, magicNames()) + "]";
    }
}
