package dev.intriguing.labs;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import dev.intriguing.datasets.api.ImageSet;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * A self-check for a classroom lab: a student's value or code, what it should be, and a hint when it is not.
 *
 * <p>Every check ends in a {@link CheckResult}, never in an exception: a value that is still {@code null} (the
 * placeholder of a {@code // TODO}), of the wrong type, NaN, or code that throws all give "not yet" with a plain
 * sentence, so a lab runs to its end however far the student got. Code handed in as a {@link Supplier} runs only when
 * the check runs, inside it.
 *
 * <pre>{@code
 * Check.that("your purity function", () -> purity(new int[] {3, 3, 5, 3})).hint("count each label").isCloseTo(0.75, 1e-9)
 * // ✔ right: your purity function. Got 0.75.
 * Check.that("xAdv", xAdv).isCloseTo(reference, 1e-5)        // xAdv still null:
 * // ✘ not yet: xAdv. It is still null: write your code where the cell above says // TODO, run that cell, then this one.
 * }</pre>
 */
public final class Check {
    private final String what;
    private final Object value;
    private final Supplier<?> code;
    private final String hint;

    private Check(String what, Object value, Supplier<?> code, String hint) {
        this.what = what;
        this.value = value;
        this.code = code;
        this.hint = hint;
    }

    /** Checks {@code value}, which may be {@code null} or of any type. */
    public static Check that(String what, Object value) {
        return new Check(what, value, null, "");
    }

    /**
     * Checks what {@code code} returns; it runs when the check does, and if it throws, the check says "not yet" and
     * names the error.
     */
    public static Check that(String what, Supplier<?> code) {
        return code == null ? that(what, (Object) null) : new Check(what, null, code, "");
    }

    /** The same check, with {@code text} shown when the answer is not yet right. */
    public Check hint(String text) {
        return new Check(what, value, code, text == null ? "" : text);
    }

    /** Right when the value is a number within {@code tolerance} of {@code expected}. */
    public CheckResult isCloseTo(double expected, double tolerance) {
        return judgeNumber(d -> Math.abs(d - expected) <= tolerance ? pass("Got " + format(d) + ".")
                : notYet("Got " + format(d) + ", which is not the expected value."));
    }

    /** Right when the value lies in [{@code low}, {@code high}]. */
    public CheckResult isBetween(double low, double high) {
        return judgeNumber(d -> d >= low && d <= high ? pass("Got " + format(d) + ".")
                : notYet("Got " + format(d) + "; expected a value from " + format(low) + " to " + format(high) + "."));
    }

    /** Judges a numeric answer with {@code rule}, after the answers that are not a number or are NaN. */
    private CheckResult judgeNumber(java.util.function.DoubleFunction<CheckResult> rule) {
        return judge(v -> {
            Double d = number(v);
            if (d == null) {
                return wrongType("a number", v);
            }
            if (Double.isNaN(d)) {
                return notYet("It is NaN (not a number): still the placeholder, or a division of zero by zero.");
            }
            return rule.apply(d);
        });
    }

    /** Right when the value equals {@code expected} (arrays element by element, whole numbers whatever their type). */
    public CheckResult isEqualTo(Object expected) {
        return judge(v -> {
            boolean same = Objects.deepEquals(v, expected)
                    || (v instanceof Number a && expected instanceof Number b && isWhole(a) && isWhole(b)
                    && a.longValue() == b.longValue());
            if (same) {
                return pass("Got " + describe(v) + ".");
            }
            if (expected != null && !sameKind(v, expected)) {
                return wrongType(article(expected), v);
            }
            return notYet("Got " + describe(v) + ", which is not the expected answer.");
        });
    }

    /** Right when the value is {@code true}; {@code expectation} says in words what should hold. */
    public CheckResult isTrue(String expectation) {
        return judge(v -> {
            if (!(v instanceof Boolean b)) {
                return wrongType("true or false", v);
            }
            return b ? pass(expectation + ": yes.") : notYet(expectation + ": not yet.");
        });
    }

    /**
     * Right when the value is an array of numbers (a {@code float[]}, {@code double[]}, an {@link NDArray} or the
     * pixels of an {@link ImageSet}) of the same length as {@code expected}, each within {@code tolerance}.
     */
    public CheckResult isCloseTo(float[] expected, double tolerance) {
        return judgeNumbers(expected.length, got -> {
            double worst = 0;
            int at = 0;
            for (int i = 0; i < got.length; i++) {
                double d = Math.abs((double) got[i] - expected[i]);
                if (!(d <= worst)) { // NaN counts as the worst
                    worst = d;
                    at = i;
                    if (Double.isNaN(d)) {
                        break;
                    }
                }
            }
            if (worst <= tolerance) {
                return pass(got.length + " numbers, each within " + format(tolerance) + " of the expected value.");
            }
            return notYet("Number " + at + " is " + format(got[at]) + "; expected " + format(expected[at]) + " (and "
                    + Math.max(0, countFar(got, expected, tolerance) - 1) + " more differ).");
        });
    }

    /**
     * Right when the value, an array of numbers as for {@link #isCloseTo(float[], double)}, points the same way as
     * {@code expected}: their cosine is at least {@code minCosine}. Any positive scale is accepted (a summed loss's
     * gradient is the mean's times the batch size).
     */
    public CheckResult isParallelTo(float[] expected, double minCosine) {
        return judgeNumbers(expected.length, got -> {
            double dot = 0;
            double a = 0;
            double b = 0;
            for (int i = 0; i < got.length; i++) {
                dot += (double) got[i] * expected[i];
                a += (double) got[i] * got[i];
                b += (double) expected[i] * expected[i];
            }
            if (a == 0) {
                return notYet("It is all zeros.");
            }
            double cos = dot / Math.sqrt(a * b);
            return cos >= minCosine ? pass("It points the expected way (cosine " + format(cos) + ").")
                    : notYet("Its cosine with the expected direction is " + format(cos) + "; it should be close to 1.");
        });
    }

    /**
     * Right when the value is a {@code type} for which {@code test} holds; {@code expectation} says in words what
     * should hold ("a table with 10 rows").
     */
    public <T> CheckResult satisfies(Class<T> type, Predicate<? super T> test, String expectation) {
        return judge(v -> {
            if (!type.isInstance(v)) {
                return wrongType("a " + type.getSimpleName(), v);
            }
            return test.test(type.cast(v)) ? pass(expectation + ": yes.") : notYet(expectation + ": not yet.");
        });
    }

    /** Gets the value (running the code), answers "not yet" for null or a throw, else asks {@code rule}. */
    /** {@link #judge} for rules on an array of {@code length} numbers: any other value is "not yet" before the rule. */
    private CheckResult judgeNumbers(int length, Function<float[], CheckResult> rule) {
        return judge(v -> {
            float[] got = floats(v);
            if (got == null) {
                return wrongType("an array of numbers", v);
            }
            if (got.length != length) {
                return notYet("It has " + got.length + " numbers; expected " + length + ".");
            }
            return rule.apply(got);
        });
    }

    private CheckResult judge(Function<Object, CheckResult> rule) {
        Object v;
        try {
            v = code == null ? value : code.get();
        } catch (RuntimeException | LinkageError | StackOverflowError | AssertionError e) {
            return notYet("Your code stopped with an error: " + errorInWords(e));
        }
        if (v == null) {
            return notYet("It is still null: write your code where the cell above says // TODO, run that cell, then"
                    + " this one.");
        }
        try {
            return rule.apply(v);
        } catch (RuntimeException | LinkageError | StackOverflowError | AssertionError e) {
            // e.g. an NDArray that was closed already: the student's value cannot be read, which is theirs to fix
            return notYet("It could not be read: " + errorInWords(e));
        }
    }

    private CheckResult pass(String message) {
        return CheckResult.pass(what, message);
    }

    private CheckResult notYet(String message) {
        return CheckResult.notYet(what, message, hint);
    }

    private CheckResult wrongType(String expected, Object got) {
        String what = got instanceof Number || got instanceof Boolean ? "the value " + describe(got) : describe(got);
        return notYet("Expected " + expected + ", but it is " + what + ".");
    }

    private static String errorInWords(Throwable e) {
        String m = e.getMessage();
        String line = m == null || m.isBlank() ? "" : ": " + m.strip().lines().findFirst().orElse("");
        if (line.length() > 200) {
            line = line.substring(0, 197) + "...";
        }
        return e.getClass().getSimpleName() + line + ".";
    }

    private static boolean isWhole(Number n) {
        return n instanceof Integer || n instanceof Long || n instanceof Short || n instanceof Byte;
    }

    private static boolean sameKind(Object a, Object b) {
        if (a instanceof Number && b instanceof Number) {
            return true;
        }
        return a.getClass() == b.getClass();
    }

    private static String article(Object expected) {
        if (expected instanceof Number) {
            return "a number";
        }
        if (expected.getClass().isArray()) {
            return "an array (" + expected.getClass().getSimpleName() + ")";
        }
        return "a " + expected.getClass().getSimpleName();
    }

    private static int countFar(float[] got, float[] expected, double tolerance) {
        int n = 0;
        for (int i = 0; i < got.length; i++) {
            n += Math.abs((double) got[i] - expected[i]) <= tolerance ? 0 : 1;
        }
        return n;
    }

    /** A number, from a boxed number or a one-element NDArray; null when it is neither. */
    private static Double number(Object v) {
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        if (v instanceof NDArray a && a.size() == 1) {
            return (double) a.toType(DataType.FLOAT64, false).toDoubleArray()[0];
        }
        return null;
    }

    /** The numbers of an array-like value; null when it is none. */
    private static float[] floats(Object v) {
        if (v instanceof float[] f) {
            return f;
        }
        if (v instanceof double[] d) {
            float[] f = new float[d.length];
            for (int i = 0; i < d.length; i++) {
                f[i] = (float) d[i];
            }
            return f;
        }
        if (v instanceof NDArray a) {
            return a.toType(DataType.FLOAT32, false).toFloatArray();
        }
        if (v instanceof ImageSet s) {
            return s.pixels(0, s.size());
        }
        return null;
    }

    /** The value in a few words: a number to four significant digits, an array by its length, else its type. */
    static String describe(Object v) {
        if (v == null) {
            return "null";
        }
        if (v instanceof Double || v instanceof Float) {
            return format(((Number) v).doubleValue());
        }
        if (v instanceof Number || v instanceof Boolean) {
            return v.toString();
        }
        if (v instanceof String s) {
            return "the text \"" + (s.length() > 40 ? s.substring(0, 37) + "..." : s) + "\"";
        }
        if (v instanceof int[] a && a.length <= 12) {
            return Arrays.toString(a);
        }
        if (v.getClass().isArray()) {
            return "an array of " + java.lang.reflect.Array.getLength(v) + " " + v.getClass().getComponentType() + "s";
        }
        if (v instanceof NDArray a) {
            return "an NDArray of shape " + a.getShape();
        }
        String name = v.getClass().getSimpleName();
        return (name.isEmpty() ? "an object" : "a " + name);
    }

    /** Four significant digits, without an exponent for everyday sizes. */
    static String format(double d) {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            return Double.toString(d);
        }
        if (d != 0 && (Math.abs(d) < 1e-4 || Math.abs(d) >= 1e7)) {
            return String.format(Locale.ROOT, "%.3e", d);
        }
        return new BigDecimal(d).round(new MathContext(4)).stripTrailingZeros().toPlainString();
    }
}
