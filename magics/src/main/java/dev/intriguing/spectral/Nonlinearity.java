package dev.intriguing.spectral;

import java.util.Optional;

/**
 * What follows a layer's linear part, with its Lipschitz constant in the L2 norm: ReLU and max-pooling over
 * non-overlapping windows cannot stretch distances (constant 1), the logistic sigmoid at most by its largest slope,
 * 1/4, and the identity after the logits by 1.
 */
public enum Nonlinearity {
    /** No nonlinearity: the logits. */
    NONE("none", "none", 1.0),
    /** The logistic sigmoid, whose slope is at most 1/4 (at 0). */
    SIGMOID("sigmoid", "sigmoid", 0.25),
    /** ReLU: |max(a, 0) − max(b, 0)| ≤ |a − b| in every coordinate. */
    RELU("relu", "ReLU", 1.0),
    /**
     * ReLU, then 2×2 max-pooling with stride 2: windows do not overlap, and the maximum over a window moves no more
     * than the largest change inside it, so the whole map is 1-Lipschitz.
     */
    RELU_MAXPOOL2("relu+maxpool2", "ReLU, max-pool 2x2/2", 1.0);

    private final String code;
    private final String label;
    private final double constant;

    Nonlinearity(String code, String label, double constant) {
        this.code = code;
        this.label = label;
        this.constant = constant;
    }

    /** The upper Lipschitz constant of the nonlinearity (and pooling), in the L2 norm. */
    public double constant() {
        return constant;
    }

    /** How tables show it. */
    public String label() {
        return label;
    }

    /** The pooling window that follows it (2), or 1 when none. */
    public int pool() {
        return this == RELU_MAXPOOL2 ? 2 : 1;
    }

    /**
     * The nonlinearity a layer description names ({@code LayerInfo.activation()}: {@code sigmoid}, {@code relu},
     * {@code relu+maxpool2}, {@code none}); empty when it is not one we can bound.
     */
    public static Optional<Nonlinearity> of(String activation) {
        for (Nonlinearity n : values()) {
            if (n.code.equals(activation)) {
                return Optional.of(n);
            }
        }
        return Optional.empty();
    }
}
