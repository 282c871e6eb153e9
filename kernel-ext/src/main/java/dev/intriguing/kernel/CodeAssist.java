package dev.intriguing.kernel;

import io.github.spencerpark.jupyter.kernel.ReplacementOptions;
import io.github.spencerpark.jupyter.kernel.display.DisplayData;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import jdk.jshell.SourceCodeAnalysis;

/**
 * Answers the notebook's Tab and Shift-Tab: completion of magic names after {@code %} and of Java elsewhere; a magic's
 * purpose and usage, or the signatures and javadoc of the Java the cursor stands on, from JShell's source analysis.
 */
final class CodeAssist {
    private static final Pattern MAGIC_PREFIX = Pattern.compile("(?m)^\\s*%%?(\\w*)$");

    /** A magic call: at the start of a line or after {@code =} (IJava's assignment form). */
    private static final Pattern MAGIC_CALL = Pattern.compile("(?:^|=)\\s*(%%?(\\w+))");

    /** JShell's analysis, asked for at each request: JShell is built after the kernel, on its startup thread. */
    private final Supplier<SourceCodeAnalysis> analysis;
    private final Supplier<List<String>> magicNames;
    private final Function<String, String> magicHelp;

    /** @param magicHelp what a magic does and how it is called, by name; null for an unknown name */
    CodeAssist(Supplier<SourceCodeAnalysis> analysis, Supplier<List<String>> magicNames, Function<String, String> magicHelp) {
        this.analysis = analysis;
        this.magicNames = magicNames;
        this.magicHelp = magicHelp;
    }

    /** The completions at {@code at}, or {@code null} when there are none. */
    ReplacementOptions complete(String code, int at) {
        int lineStart = code.lastIndexOf('\n', Math.max(0, at - 1)) + 1;
        Matcher m = MAGIC_PREFIX.matcher(code.substring(lineStart, at));
        if (m.matches()) {
            String prefix = m.group(1);
            List<String> names = magicNames.get().stream().filter(n -> n.startsWith(prefix)).sorted().toList();
            return names.isEmpty() ? null : new ReplacementOptions(names, at - prefix.length(), at);
        }
        int[] anchor = new int[1];
        List<SourceCodeAnalysis.Suggestion> suggestions = analysis.get().completionSuggestions(code, at, anchor);
        if (suggestions == null || suggestions.isEmpty()) {
            return null;
        }
        List<String> options = suggestions.stream()
                .sorted((a, b) -> Boolean.compare(b.matchesType(), a.matchesType()))
                .map(SourceCodeAnalysis.Suggestion::continuation).distinct().toList();
        return new ReplacementOptions(options, anchor[0], at);
    }

    /**
     * The documentation of the name at {@code at}, or {@code null}: with the cursor anywhere in or just after a name
     * ({@code Math.m|ax}, {@code Math.max|}) or inside a call's parentheses ({@code Math.max(|}, {@code Math.max(1, |}).
     */
    DisplayData inspect(String code, int at) {
        at = Math.max(0, Math.min(at, code.length()));
        String magic = magicAt(code, at);
        if (magic != null) {
            String help = magicHelp.apply(magic);
            return help == null ? null : new DisplayData(help);
        }
        int end = at;
        while (end < code.length() && Character.isJavaIdentifierPart(code.charAt(end))) {
            end++;
        }
        // JShell documents a method only when the cursor stands inside its call's parenthesis: move there when one
        // follows the name, or pretend one follows it.
        int paren = end;
        while (paren < code.length() && Character.isWhitespace(code.charAt(paren))) {
            paren++;
        }
        List<SourceCodeAnalysis.Documentation> docs;
        if (paren < code.length() && code.charAt(paren) == '(') {
            docs = analysis.get().documentation(code, paren + 1, true);
        } else {
            docs = analysis.get().documentation(code, end, true);
            if ((docs == null || docs.isEmpty()) && end > 0 && Character.isJavaIdentifierPart(code.charAt(end - 1))) {
                docs = analysis.get().documentation(code.substring(0, end) + "(", end + 1, true);
            }
        }
        if (docs == null || docs.isEmpty()) {
            return null;
        }
        String text = docs.stream().map(d -> d.signature() + (d.javadoc() == null ? "" : "\n" + d.javadoc()))
                .collect(Collectors.joining("\n\n"));
        return new DisplayData(text);
    }

    /** The name of the magic whose {@code %name} the cursor is in or just after, or null. */
    private static String magicAt(String code, int at) {
        int lineStart = code.lastIndexOf('\n', Math.max(0, at - 1)) + 1;
        int lineEnd = code.indexOf('\n', at);
        Matcher m = MAGIC_CALL.matcher(code.substring(lineStart, lineEnd < 0 ? code.length() : lineEnd));
        while (m.find()) {
            if (at - lineStart >= m.start(1) && at - lineStart <= m.end(1)) {
                return m.group(2);
            }
        }
        return null;
    }
}
