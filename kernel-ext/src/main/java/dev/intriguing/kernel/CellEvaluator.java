package dev.intriguing.kernel;

import io.github.spencerpark.jupyter.kernel.magic.CellMagicArgs;
import io.github.spencerpark.jupyter.kernel.magic.LineMagicArgs;
import java.lang.reflect.InvocationTargetException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;
import jdk.jshell.JShell;
import jdk.jshell.JShellException;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.UnresolvedReferenceException;
import jdk.jshell.VarSnippet;
import jdk.jshell.spi.ExecutionControl;

/**
 * Evaluates cells: rewrites their magics, cuts them into JShell snippets and runs each in this JVM through
 * {@link DirectControl}, returning the real object of the last expression.
 *
 * <p>Variables that magics bind while a snippet runs are declared right after it, because JShell cannot take a new
 * snippet while one is running. An interrupt stops the running snippet and fails the cell with a paragraph that says
 * whether the code still runs.
 *
 * <p>A cell that is one magic and nothing else is called directly, as its rewritten form would call it, but without
 * JShell's compile. JShell itself is built by {@link #open()}, which the kernel runs on its startup thread so that
 * it answers Jupyter before the build is done.
 *
 * <p>JShell keeps every expression's value as a variable {@code $N}, and every later compile imports all of them:
 * each costs about 37 µs of javac time in every later cell, so a session of a thousand expressions answered
 * {@code 1+1} in 47 ms of CPU instead of 9. Only the last {@link #KEPT_RESULTS} are kept; older ones are dropped
 * (the notebook shows values, not their {@code $N} names; a value worth keeping belongs in a named variable), and a
 * compile error that names a dropped one says so.
 */
final class CellEvaluator implements VariableBinder, AutoCloseable {
    /** Runs a magic by name and arguments (a {@link CellMagicArgs} for a cell magic), as {@code Notebook}'s calls do. */
    @FunctionalInterface
    interface MagicRunner {
        Object run(LineMagicArgs call) throws Exception;
    }

    /** Throwaway expressions for {@link #warmUp()}: an arithmetic one, a call and a lambda, as cells have. */
    private static final List<String> WARM_UP = List.of("1 + 1", "String.valueOf(2).length()",
            "java.util.stream.IntStream.range(0, 3).map(i -> i * i).sum()");

    /** How many of the latest expression values stay reachable as {@code $N}. */
    static final int KEPT_RESULTS = 20;
    /** A {@code $N} name in source code. */
    private static final Pattern DOLLAR_NAME = Pattern.compile("(?<![\\w$])\\$\\d+\\b");

    private final DirectControl control = new DirectControl();
    /** The {@code $N} variables kept, oldest first. */
    private final Deque<VarSnippet> results = new ArrayDeque<>();
    private final MagicRunner magics;
    private volatile JShell shell;
    private volatile SourceCodeAnalysis analysis;
    private boolean closed;
    private final MagicTransformer transformer = new MagicTransformer();
    private final Map<String, String> pendingDeclarations = new LinkedHashMap<>();
    private final AtomicInteger depth = new AtomicInteger();
    private volatile boolean interrupted;

    CellEvaluator(MagicRunner magics) {
        this.magics = magics;
    }

    /** Builds JShell (a few hundred milliseconds of class loading); every other method but the binding ones needs it. */
    synchronized void open() {
        if (shell != null || closed) {
            return;
        }
        JShell built = JShell.builder().executionEngine(control.provider(), Map.of()).build();
        // Under Surefire or `java -jar`, java.class.path names one jar whose manifest lists the rest.
        String declared = System.getProperty("java.class.path", "");
        String expanded = Classpath.currentString();
        if (!expanded.equals(declared)) {
            built.addToClasspath(expanded);
        }
        this.analysis = built.sourceCodeAnalysis();
        this.shell = built;
    }

    private JShell shell() {
        JShell s = shell;
        if (s == null) {
            throw new IllegalStateException("JShell is not built yet: the kernel calls open() on its startup thread first");
        }
        return s;
    }

    /**
     * Compiles and runs a few throwaway expressions, then drops them, so that javac's classes are loaded and its hot
     * code compiled before the first cell instead of during it.
     */
    void warmUp() {
        for (String code : WARM_UP) {
            for (SnippetEvent ev : shell().eval(code)) {
                if (ev.causeSnippet() == null) {
                    shell().drop(ev.snippet());
                }
            }
        }
        control.clearResults();
    }

    /** JShell's analysis of this shell's code, for completion and inspection. */
    SourceCodeAnalysis analysis() {
        shell();
        return analysis;
    }

    /** Imports each of {@code imports}; one JShell rejects (a package with no classes yet) is simply not kept. */
    void importAll(List<String> imports) {
        for (String imp : imports) {
            shell().eval("import " + imp + ";");
        }
        control.clearResults();
    }

    /** Adds a jar or directory to the compile and run class path of code cells. */
    void addToClasspath(String path) {
        shell().addToClasspath(path);
    }

    /** Runs a cell, possibly from inside a running one, and returns its last expression's object (or {@code null}). */
    Object eval(String cell) throws CellException {
        boolean top = depth.getAndIncrement() == 0;
        if (top) {
            interrupted = false;
            control.clearPendingStop();
        }
        try {
            LineMagicArgs magic = transformer.wholeCellMagic(cell);
            return magic != null ? evalMagic(magic) : evalTransformed(transformer.transform(cell));
        } finally {
            depth.decrementAndGet();
        }
    }

    /** Runs a cell that is one magic: as a snippet would run it, the value dropped as its void call drops it. */
    private Object evalMagic(LineMagicArgs call) throws CellException {
        try {
            checkInterrupted();
            control.call(() -> magics.run(call));
        } catch (InvocationTargetException e) {
            checkInterrupted();
            Throwable real = control.takeFailure();
            throw new CellException(real != null ? real : e.getCause());
        } catch (ExecutionControl.StoppedException e) {
            checkInterrupted();
            throw new CellException("interrupted", List.of("Interrupted: the cell was stopped."));
        } catch (CellException e) {
            throw e;
        } catch (Exception e) {
            throw new CellException(e);
        } finally {
            definePendingVariables();
        }
        checkInterrupted();
        return null;
    }

    private Object evalTransformed(String code) throws CellException {
        Object last = null;
        SourceCodeAnalysis.CompletionInfo info = analysis().analyzeCompletion(code);
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
        List<SnippetEvent> events = shell().eval(source);
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
        keepRecentResults(events);
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
                            + "' cannot run yet: it uses " + String.join(", ", shell().unresolvedDependencies(u.getSnippet()).toList())
                            + ", which is not defined."));
                }
                throw new CellException(real != null ? real : ex);
            }
            if (ev.status() == Snippet.Status.REJECTED) {
                throw withDroppedResults(ErrorFormatter.compileError(shell(), ev.snippet()), ev.snippet().source());
            }
        }
        checkInterrupted();
        return value;
    }

    /** Records the {@code $N} that {@code events} made and drops the oldest beyond {@link #KEPT_RESULTS}. */
    private void keepRecentResults(List<SnippetEvent> events) {
        for (SnippetEvent ev : events) {
            if (ev.causeSnippet() == null && ev.snippet() instanceof VarSnippet v
                    && v.subKind() == Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND && ev.status().isDefined()) {
                results.addLast(v);
            }
        }
        while (results.size() > KEPT_RESULTS) {
            shell().drop(results.removeFirst());
        }
    }

    /**
     * {@code error} with a last line naming the {@code $N} in {@code source} that are no longer defined, when there
     * are any (most likely dropped by {@link #keepRecentResults}).
     */
    private CellException withDroppedResults(CellException error, String source) {
        Set<String> defined = new HashSet<>();
        shell().variables().forEach(v -> defined.add(v.name()));
        List<String> gone = DOLLAR_NAME.matcher(source).results().map(MatchResult::group)
                .filter(n -> !defined.contains(n)).distinct().toList();
        if (gone.isEmpty()) {
            return error;
        }
        List<String> lines = new ArrayList<>(error.lines());
        lines.add(String.join(", ", gone) + (gone.size() == 1 ? " is" : " are") + " not defined: the kernel keeps only the"
                + " last " + KEPT_RESULTS + " expression values as $N. Assign a value to a variable to keep it.");
        return new CellException(error.getMessage(), lines);
    }

    /** The names of the expression values still kept as {@code $N}, oldest first. */
    List<String> keptResultNames() {
        return results.stream().map(VarSnippet::name).toList();
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

    @Override
    public void defineVariable(String name, String declaration) {
        synchronized (pendingDeclarations) {
            // A loop that binds one name 100 times needs one declaration, the last.
            pendingDeclarations.remove(name);
            pendingDeclarations.put(name, declaration);
        }
    }

    private void definePendingVariables() throws CellException {
        // what a stopped magic bound (a partial attack result) is still declared for code cells
        control.clearPendingStop();
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

    /** How complete {@code code} is, magics rewritten, judged on its last snippet. */
    SourceCodeAnalysis.Completeness completeness(String code) {
        SourceCodeAnalysis.CompletionInfo info = analysis().analyzeCompletion(transformer.transform(code));
        while (info.completeness().isComplete() && !info.remaining().isBlank()) {
            info = analysis.analyzeCompletion(info.remaining());
        }
        return info.completeness();
    }

    /** Stops the running snippet; the cell then fails with an "Interrupted" paragraph. */
    void interrupt() {
        // An interrupt that arrives after its cell ended must not stop the next cell.
        if (depth.get() == 0) {
            return;
        }
        interrupted = true;
        control.stop();
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (shell != null) {
            shell.close(); // closes the execution engine too
        } else {
            control.close();
        }
    }
}
