package dev.intriguing.units;

import java.util.Locale;

/**
 * How a conv layer's output (channels × height × width per image) becomes a vector of units.
 *
 * <p>{@link #NONE} flattens it, so every position of every channel is a unit; {@link #MAX} and {@link #MEAN} reduce
 * each channel to one unit, its largest or its mean value over the positions. A dense layer's output is already a
 * vector and only takes {@link #NONE}.
 */
public enum Pooling {
    /** Every position of every channel is a unit (channel-major, then row, then column). */
    NONE,
    /** One unit per channel: its largest value over the positions. */
    MAX,
    /** One unit per channel: its mean over the positions. */
    MEAN;

    /** The option value: {@code none}, {@code max} or {@code mean}. */
    public String option() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The pooling called {@code value} ({@code none}, {@code max} or {@code mean}). */
    public static Pooling of(String value) {
        for (Pooling p : values()) {
            if (p.option().equals(value)) {
                return p;
            }
        }
        throw new IllegalArgumentException("expected one of none, max, mean; got '" + value + "'");
    }
}
