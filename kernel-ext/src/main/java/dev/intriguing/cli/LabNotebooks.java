package dev.intriguing.cli;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.stream.JsonWriter;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The student version of a classroom lab, made from its solution version: the one source of a lab is
 * {@code notebooks/labs/solutions/NAME.ipynb}, and {@code notebooks/labs/NAME.ipynb} is generated from it so the two
 * cannot drift.
 *
 * <p>In a code cell, the lines from {@code // BEGIN SOLUTION (placeholder: CODE)} to {@code // END SOLUTION} become
 * {@code CODE} at the marker's indentation (nothing when the placeholder is empty): the placeholder compiles (for
 * instance {@code return Double.NaN;}) and makes the check after it say "not yet". The {@code // TODO} that tells the
 * student what to write stands above the marker, in both versions. In a
 * markdown cell, the lines from {@code <!-- BEGIN SOLUTION -->} to {@code <!-- END SOLUTION -->} (answers for the
 * teacher) are removed. Outputs and execution counts are cleared.
 */
final class LabNotebooks {
    /** The solutions' folder, inside the labs' folder. */
    static final String SOLUTIONS = "solutions";

    private static final Pattern BEGIN_CODE = Pattern.compile("^(\\s*)// BEGIN SOLUTION(?: \\(placeholder: (.*)\\))?\\s*$");
    private static final Pattern END_CODE = Pattern.compile("^\\s*// END SOLUTION\\s*$");
    private static final Pattern BEGIN_TEXT = Pattern.compile("^\\s*<!-- BEGIN SOLUTION -->\\s*$");
    private static final Pattern END_TEXT = Pattern.compile("^\\s*<!-- END SOLUTION -->\\s*$");

    private LabNotebooks() {
    }

    /** For every solution in {@code labs}/solutions, the student notebook's path (in {@code labs}) and its text. */
    static Map<Path, String> generate(Path labs) throws IOException {
        Map<Path, String> out = new LinkedHashMap<>();
        for (Path solution : solutions(labs)) {
            out.put(labs.resolve(solution.getFileName().toString()), studentVersion(Files.readString(solution)));
        }
        return out;
    }

    /** The solution notebooks, by name. */
    static List<Path> solutions(Path labs) throws IOException {
        Path dir = labs.resolve(SOLUTIONS);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".ipynb")).sorted().toList();
        }
    }

    /** The student version of a solution notebook's JSON, as the text of a notebook file. */
    static String studentVersion(String solutionJson) {
        JsonObject nb = JsonParser.parseString(solutionJson).getAsJsonObject();
        int index = 0;
        for (JsonElement e : nb.getAsJsonArray("cells")) {
            index++;
            JsonObject cell = e.getAsJsonObject();
            boolean code = "code".equals(cell.get("cell_type").getAsString());
            String text = text(cell.get("source"));
            String student = code ? replaceCode(text, index) : removeText(text, index);
            cell.add("source", lines(student));
            if (code) {
                cell.add("outputs", new JsonArray());
                cell.add("execution_count", JsonNull.INSTANCE);
            }
        }
        return write(nb);
    }

    /** Solution blocks of a code cell replaced by their placeholders. */
    static String replaceCode(String source, int cell) {
        List<String> out = new ArrayList<>();
        String placeholder = null;
        String indent = null;
        for (String line : source.split("\n", -1)) {
            Matcher begin = BEGIN_CODE.matcher(line);
            if (begin.matches()) {
                if (indent != null) {
                    throw new IllegalArgumentException("cell " + cell + ": a second // BEGIN SOLUTION before the"
                            + " first one's // END SOLUTION");
                }
                indent = begin.group(1);
                placeholder = begin.group(2) == null ? "" : begin.group(2).strip();
            } else if (END_CODE.matcher(line).matches()) {
                if (indent == null) {
                    throw new IllegalArgumentException("cell " + cell + ": // END SOLUTION without // BEGIN SOLUTION");
                }
                if (!placeholder.isEmpty()) {
                    out.add(indent + placeholder);
                }
                indent = null;
            } else if (indent == null) {
                out.add(line);
            }
        }
        if (indent != null) {
            throw new IllegalArgumentException("cell " + cell + ": // BEGIN SOLUTION without // END SOLUTION");
        }
        return String.join("\n", out);
    }

    /** Teacher's answers removed from a markdown cell. */
    static String removeText(String source, int cell) {
        List<String> out = new ArrayList<>();
        boolean inside = false;
        for (String line : source.split("\n", -1)) {
            if (BEGIN_TEXT.matcher(line).matches()) {
                if (inside) {
                    throw new IllegalArgumentException("cell " + cell + ": a second <!-- BEGIN SOLUTION --> before"
                            + " the first one's end");
                }
                inside = true;
            } else if (END_TEXT.matcher(line).matches()) {
                if (!inside) {
                    throw new IllegalArgumentException("cell " + cell + ": <!-- END SOLUTION --> without its begin");
                }
                inside = false;
            } else if (!inside) {
                out.add(line);
            }
        }
        if (inside) {
            throw new IllegalArgumentException("cell " + cell + ": <!-- BEGIN SOLUTION --> without its end");
        }
        return String.join("\n", out).strip();
    }

    /** Notebook source, stored as one string or as a list of lines. */
    static String text(JsonElement source) {
        if (!source.isJsonArray()) {
            return source.getAsString();
        }
        StringBuilder b = new StringBuilder();
        source.getAsJsonArray().forEach(x -> b.append(x.getAsString()));
        return b.toString();
    }

    /** Text as nbformat stores it: a list of lines, each but the last ending in a newline. */
    private static JsonArray lines(String text) {
        JsonArray a = new JsonArray();
        if (text.isEmpty()) {
            return a;
        }
        String[] parts = text.split("\n", -1);
        for (int i = 0; i < parts.length; i++) {
            if (i == parts.length - 1 && parts[i].isEmpty()) {
                break;
            }
            a.add(i < parts.length - 1 ? parts[i] + "\n" : parts[i]);
        }
        return a;
    }

    /** JSON in the layout Jupyter writes (one-space indent, characters as they are), ending in a newline. */
    static String write(JsonObject nb) {
        Gson gson = new GsonBuilder().disableHtmlEscaping().serializeNulls().create();
        StringWriter s = new StringWriter();
        try (JsonWriter w = gson.newJsonWriter(s)) {
            w.setIndent(" ");
            gson.toJson(nb, w);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return s + "\n";
    }
}
