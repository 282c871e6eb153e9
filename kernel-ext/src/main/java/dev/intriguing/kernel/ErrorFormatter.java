package dev.intriguing.kernel;

import dev.intriguing.datasets.api.UserError;
import io.github.spencerpark.jupyter.kernel.magic.registry.MagicArgsParseException;
import io.github.spencerpark.jupyter.kernel.magic.registry.UndefinedMagicException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import jdk.jshell.DeclarationSnippet;
import jdk.jshell.Diag;
import jdk.jshell.EvalException;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;

/**
 * Turns what went wrong in a cell into the lines a notebook shows: a user mistake (a {@link UserError}, a compile
 * error, a bad magic argument) as its paragraph alone, running out of memory as one paragraph too, anything else with
 * its trace cut where the cell was called.
 */
final class ErrorFormatter {
    private ErrorFormatter() {
    }

    /** The lines for {@code e}; exceptions that did not come from a cell go to {@code other} (basekernel's format). */
    static List<String> format(Exception e, Function<Exception, List<String>> other) {
        if (e instanceof CellException c && !c.lines().isEmpty()) {
            return c.lines();
        }
        Throwable t = e instanceof CellException && e.getCause() != null ? e.getCause() : e;
        OutOfMemoryError oom = outOfMemory(t);
        if (oom != null) {
            return List.of(outOfMemoryParagraph(oom, Runtime.getRuntime().maxMemory()));
        }
        if (isMessageOnly(t)) {
            return List.of(t.getMessage().split("\\R"));
        }
        if (t instanceof EvalException ee) {
            return List.of(ee.getExceptionClassName() + ": " + ee.getMessage());
        }
        if (e instanceof CellException) {
            return trace(t);
        }
        return other.apply(e);
    }

    /**
     * Exceptions that mean "you asked for something wrong": the project's {@link UserError}s and basekernel's two
     * magic errors, which cannot carry our marker.
     */
    static boolean isMessageOnly(Throwable t) {
        return t instanceof UserError || t instanceof MagicArgsParseException || t instanceof UndefinedMagicException;
    }

    /** The {@link OutOfMemoryError} that {@code t} is or was caused by, or {@code null}. */
    static OutOfMemoryError outOfMemory(Throwable t) {
        for (Throwable x = t; x != null; x = x.getCause() == x ? null : x.getCause()) {
            if (x instanceof OutOfMemoryError oom) {
                return oom;
            }
        }
        return null;
    }

    /**
     * What a cell that ran out of memory shows: one paragraph, since its trace says only where the last allocation
     * happened to fall, not what holds the memory (basekernel hands a magic's error over wrapped in a
     * RuntimeException, so the error is looked for among the causes).
     */
    static String outOfMemoryParagraph(OutOfMemoryError oom, long maxHeapBytes) {
        return String.format(Locale.ROOT, "Out of memory (%s): the kernel's Java heap of %,d MB is full. The kernel and"
                + " its session are still there. Values bound in the session (data sets, models, attack results) hold"
                + " memory: rebind or null the ones you no longer need, or give the kernel a larger heap"
                + " (INTRIGUING_KERNEL_HEAP=16g ./intriguing install, then restart it).",
                oom.getMessage() == null ? "OutOfMemoryError" : oom.getMessage(), maxHeapBytes >> 20);
    }

    /** The exception and its causes, each cut where the cell's code was called from the kernel. */
    static List<String> trace(Throwable t) {
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

    /** JShell's errors for a rejected snippet, each with the line it points at, and what is not yet defined. */
    static CellException compileError(JShell shell, Snippet snippet) {
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
}
