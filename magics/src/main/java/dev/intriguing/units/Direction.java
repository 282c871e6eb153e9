package dev.intriguing.units;

/**
 * A direction of a layer's unit space along which images are ranked: a unit e_i (its own activation) or a random
 * unit vector v.
 *
 * @param kind   whether it is a unit or a random direction
 * @param id     the unit's index, or the random direction's number (0, 1, ... in drawing order)
 * @param vector the unit-length vector of a random direction (d values); {@code null} for a unit
 */
public record Direction(Kind kind, int id, float[] vector) {
    /** A unit of the layer or a random direction. */
    public enum Kind { UNIT, RANDOM }

    /** The unit e_i. */
    public static Direction unit(int i) {
        return new Direction(Kind.UNIT, i, null);
    }

    /** Random direction number {@code id} with the given unit-length vector. */
    public static Direction random(int id, float[] vector) {
        return new Direction(Kind.RANDOM, id, vector);
    }

    /** {@code unit 17} or {@code random 3}: how rows and tables name it. */
    public String label() {
        return (kind == Kind.UNIT ? "unit " : "random ") + id;
    }

    @Override
    public String toString() {
        return label();
    }
}
