package dev.intriguing.transfer;

import dev.intriguing.datasets.api.AtomicFiles;
import dev.intriguing.datasets.api.WriteFailedException;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.Path;

/** Numbers for a person to read, and CSV files written atomically: what both result records of this package need. */
final class Format {
    /** Significant digits of distortions in displayed tables. */
    static final int DIGITS = 4;

    private Format() {
    }

    /** A rate in [0, 1] as a percentage with one decimal. */
    static double percent(double rate) {
        double p = 100 * rate;
        return Double.isFinite(p) ? Math.round(p * 10) / 10.0 : p;
    }

    /** {@code v} rounded to four significant digits (zero, NaN and infinities unchanged). */
    static double significant(double v) {
        if (!Double.isFinite(v) || v == 0) {
            return v;
        }
        return new BigDecimal(v).round(new MathContext(DIGITS)).doubleValue();
    }

    /** A short text for a size, e.g. {@code 0.1} or {@code 0.05812}. */
    static String number(double v) {
        return BigDecimal.valueOf(significant(v)).stripTrailingZeros().toPlainString();
    }

    /** Writes {@code text} to {@code file}: a temporary file beside it, renamed into place. */
    static Path writeAtomically(Path file, String text) {
        try {
            AtomicFiles.writeString(file, text);
            return file;
        } catch (IOException e) {
            throw new WriteFailedException(file, e);
        }
    }

    /** {@code s} quoted for CSV when it holds a comma, a quote or a line break. */
    static String csv(String s) {
        return s.contains(",") || s.contains("\"") || s.contains("\n") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }
}
