package dev.intriguing.bench;

import dev.intriguing.datasets.api.Datasets;
import dev.intriguing.magics.Magic;
import dev.intriguing.magics.MagicCatalog;
import dev.intriguing.magics.MagicContext;
import dev.intriguing.magics.MagicSpec;
import dev.intriguing.session.Session;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Magic lines for fuzzing, derived from each magic's declared usage ({@link MagicSpec#usage()}): its subcommands, its
 * options and the kind of each option's value (choices {@code a|b}, integers {@code N}, numbers {@code X}, names
 * {@code VAR}), then mutated: unknown and repeated options, missing values, wrong kinds, huge and negative numbers,
 * NaN, empty and very long strings, quotes, unicode, names that do not exist or have another type; some lines stay
 * valid.
 *
 * <p>Valid lines are kept cheap (small data sets, no training or attack without a mutation), so that thousands run in
 * minutes; a mutated line that still trains is stopped by the driver's timeout.
 */
public final class MagicLineGenerator {
    private static final Pattern OPTION = Pattern.compile("--([a-z][a-z-]*)(?: ([^\\[\\]\\s]+))?");

    /** One option of a usage: its name and the placeholder of its value ({@code null} for a flag). */
    record Option(String name, String placeholder) {
    }

    /** One form of a magic: {@code %model train SPEC [...]} is the magic {@code model}, subcommand {@code train}. */
    record Form(String magic, List<String> words, List<String> positionals, List<Option> options) {
    }

    private final List<Form> forms;
    private final Random random;

    public MagicLineGenerator(long seed) {
        this(forms(specs()), seed);
    }

    MagicLineGenerator(List<Form> forms, long seed) {
        this.forms = List.copyOf(forms);
        this.random = new Random(seed);
    }

    /** The specs of every magic in the catalogue. */
    static List<MagicSpec> specs() {
        List<MagicSpec> out = new ArrayList<>();
        try (Session s = new Session(Datasets.standard())) {
            for (Magic m : MagicCatalog.create(new MagicContext(s, null))) {
                out.add(m.spec());
            }
        }
        return out;
    }

    /** Every form of every spec, read from its usage synopsis. */
    static List<Form> forms(List<MagicSpec> specs) {
        List<Form> out = new ArrayList<>();
        for (MagicSpec spec : specs) {
            String usage = spec.usage().replaceFirst("^%\\S+\\s*", "");
            int semi = usage.indexOf(';');
            if (semi >= 0) {
                usage = usage.substring(0, semi);
            }
            for (String variant : topLevelAlternatives(usage)) {
                List<String> words = new ArrayList<>();
                List<String> positionals = new ArrayList<>();
                for (String tok : variant.strip().split("\\s+")) {
                    if (tok.isEmpty() || tok.startsWith("[") || tok.startsWith("--")) {
                        break;
                    }
                    (tok.equals(tok.toLowerCase()) && positionals.isEmpty() ? words : positionals).add(tok);
                }
                List<Option> options = new ArrayList<>();
                Matcher m = OPTION.matcher(variant);
                while (m.find()) {
                    options.add(new Option(m.group(1), m.group(2)));
                }
                out.add(new Form(spec.name(), words, positionals, options));
            }
        }
        return out;
    }

    /** {@code a [x|y] | b} splits into {@code a [x|y]} and {@code b}: only bars outside brackets separate forms. */
    private static List<String> topLevelAlternatives(String usage) {
        List<String> out = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < usage.length(); i++) {
            char c = usage.charAt(i);
            depth += c == '[' ? 1 : c == ']' ? -1 : 0;
            if (c == '|' && depth == 0 && i > 0 && usage.charAt(i - 1) == ' ') {
                out.add(usage.substring(start, i));
                start = i + 1;
            }
        }
        out.add(usage.substring(start));
        return out;
    }

    /** The next line; about one in six is valid. */
    public String next() {
        Form f = forms.get(random.nextInt(forms.size()));
        boolean heavy = f.magic().equals("adversarial") || f.words().contains("train") || f.words().contains("eval");
        List<String> tokens = new ArrayList<>(f.words());
        for (String p : f.positionals()) {
            tokens.add(validPositional(p));
        }
        for (Option o : f.options()) {
            if (random.nextInt(3) == 0 && !(o.name().equals("limit") || o.name().equals("images"))) {
                continue;
            }
            tokens.add("--" + o.name());
            if (o.placeholder() != null) {
                tokens.add(validValue(o));
            }
        }
        int mutations = heavy ? 1 + random.nextInt(3) : random.nextInt(6) == 0 ? 0 : 1 + random.nextInt(3);
        for (int i = 0; i < mutations; i++) {
            mutate(tokens, f);
        }
        return "%" + f.magic() + (tokens.isEmpty() ? "" : " " + String.join(" ", tokens));
    }

    private String validPositional(String placeholder) {
        return switch (placeholder) {
            case "NAME" -> pick("mnist", "fashion-mnist", "fuzzset", "m");
            case "SPEC" -> pick("fc100-100-10", "fc10@0.001", "fc200-200-10");
            case "DIR" -> pick("/tmp/intriguing-fuzz/model", "out/m");
            default -> placeholder.toLowerCase();
        };
    }

    private String validValue(Option o) {
        String p = o.placeholder();
        if (p.contains("|")) {
            String[] choices = p.split("\\|");
            return choices[random.nextInt(choices.length)];
        }
        return switch (o.name()) {
            case "limit", "images" -> Integer.toString(1 + random.nextInt(50));
            case "epochs" -> "1";
            case "range" -> "0:" + (1 + random.nextInt(5));
            case "as" -> pick("fuzzset", "m", "adv", "x1");
            case "model" -> pick("m", "fuzzset", "nomodel");
            default -> switch (p) {
                case "X", "λ" -> pick("0.1", "0.001", "1e-4");
                case "VAR", "NAME" -> pick("fuzzset", "m");
                default -> Integer.toString(random.nextInt(100));
            };
        };
    }

    private void mutate(List<String> tokens, Form f) {
        String hostile = hostileValue();
        switch (random.nextInt(9)) {
            case 0 -> tokens.add("--" + pick("nope", "limits", "x", "as-as", "", "-", "--"));
            case 1 -> {
                if (!f.options().isEmpty()) {
                    Option o = f.options().get(random.nextInt(f.options().size()));
                    tokens.add("--" + o.name());
                    tokens.add(o.placeholder() == null ? hostile : validValue(o));
                }
            }
            case 2 -> {
                if (!f.options().isEmpty()) {
                    tokens.add("--" + f.options().get(random.nextInt(f.options().size())).name());
                }
            }
            case 3 -> replaceAValue(tokens, hostile);
            case 4 -> {
                if (!tokens.isEmpty()) {
                    tokens.remove(random.nextInt(tokens.size()));
                }
            }
            case 5 -> tokens.add(random.nextInt(tokens.size() + 1), hostile);
            case 6 -> replaceAValue(tokens, pick("test", "mnist", "m", "fuzzset", "kernel", "System"));
            case 7 -> tokens.replaceAll(t -> t.startsWith("--") ? t.toUpperCase() : t);
            default -> replaceAValue(tokens, pick("-1", "0", "-2147483649", "99999999999999999999", "NaN", "Infinity",
                    "-0.0", "1e309", "0x10", "1_000"));
        }
    }

    private void replaceAValue(List<String> tokens, String value) {
        List<Integer> values = new ArrayList<>();
        for (int i = 0; i < tokens.size(); i++) {
            if (!tokens.get(i).startsWith("--")) {
                values.add(i);
            }
        }
        if (!values.isEmpty()) {
            tokens.set(values.get(random.nextInt(values.size())), value);
        }
    }

    private String hostileValue() {
        return switch (random.nextInt(12)) {
            case 0 -> "\"\"";
            case 1 -> "x".repeat(5000);
            case 2 -> "\"unterminated";
            case 3 -> "'single'";
            case 4 -> "\"a b\"";
            case 5 -> "héllo\u202Eevil\uD83D\uDE00";
            case 6 -> "\\";
            case 7 -> "a\\\"b";
            case 8 -> "${x}";
            case 9 -> "%dataset";
            case 10 -> "1:2:3";
            default -> "名字";
        };
    }

    private String pick(String... options) {
        return options[random.nextInt(options.length)];
    }
}
