package dev.intriguing.kernel;

import io.github.spencerpark.jupyter.kernel.magic.CellMagicArgs;
import io.github.spencerpark.jupyter.kernel.magic.CellMagicParseContext;
import io.github.spencerpark.jupyter.kernel.magic.LineMagicArgs;
import io.github.spencerpark.jupyter.kernel.magic.LineMagicParseContext;
import io.github.spencerpark.jupyter.kernel.magic.MagicParser;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * IJava's magic syntax, rewritten into plain Java calls: a line {@code %name args} becomes the void call
 * {@code Notebook.runLineMagic("name", List.of(args));}, {@code x = %name args} becomes
 * {@code x = Notebook.lineMagic(...);}, and a cell starting with {@code %%name args} becomes one
 * {@code Notebook.cellMagic(...)} call with the rest of the cell as body.
 *
 * <p>As in IJava, a magic's value is not the cell's value (magics show their own output), yet
 * {@code Model m = %model ...} can still assign it. IJava gets there by appending a {@code {};} statement; a void call
 * does the same with one JShell snippet fewer.
 */
final class MagicTransformer {
    private static final Pattern UNESCAPED_QUOTE = Pattern.compile("(?<!\\\\)\"");
    private static final String RUNTIME = Notebook.class.getName();

    private final MagicParser parser = new MagicParser("(?<=(?:^|=))\\s*%", "%%");

    /** The cell with its magics rewritten into calls. */
    String transform(String cell) {
        CellMagicParseContext cellMagic = parser.parseCellMagic(cell);
        if (cellMagic != null) {
            return RUNTIME + ".cellMagic(" + literal(cellMagic.getMagicCall().getName()) + ", "
                    + list(cellMagic.getMagicCall().getArgs()) + ", " + literal(cellMagic.getMagicCall().getBody())
                    + ");{};";
        }
        return parser.transformLineMagics(cell, this::lineMagic);
    }

    /**
     * The magic that is the whole of {@code cell}: a cell magic (a {@link CellMagicArgs}), a line magic standing alone
     * on the cell's only non-blank line, or {@code null} when the cell holds Java too.
     *
     * <p>Such a cell is the void call {@link #transform} would write, so the kernel can make that call itself and
     * skip JShell's compile (three javac tasks, tens of milliseconds) for it.
     */
    LineMagicArgs wholeCellMagic(String cell) {
        CellMagicParseContext cellMagic = parser.parseCellMagic(cell);
        if (cellMagic != null) {
            return cellMagic.getMagicCall();
        }
        List<LineMagicParseContext> found = new ArrayList<>();
        String rest = parser.transformLineMagics(cell, ctx -> {
            found.add(ctx);
            return "";
        });
        return found.size() == 1 && rest.isBlank() && found.get(0).getLinePrefix().isBlank()
                ? found.get(0).getMagicCall() : null;
    }

    private String lineMagic(LineMagicParseContext ctx) {
        boolean inString = false;
        Matcher m = UNESCAPED_QUOTE.matcher(ctx.getLinePrefix());
        while (m.find()) {
            inString = !inString;
        }
        if (inString) {
            return ctx.getRaw();
        }
        String call = "(" + literal(ctx.getMagicCall().getName()) + ", " + list(ctx.getMagicCall().getArgs()) + ");";
        // A magic standing alone is a void call (no cell value, one snippet); after `=` its value is assigned.
        return ctx.getLinePrefix().isBlank() ? RUNTIME + ".runLineMagic" + call : RUNTIME + ".lineMagic" + call;
    }

    private static String list(List<String> args) {
        return "java.util.List.of(" + args.stream().map(MagicTransformer::literal).collect(Collectors.joining(", ")) + ")";
    }

    /** {@code s} as a Java string literal. */
    static String literal(String s) {
        StringBuilder b = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20 || c > 0x7e) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }
}
