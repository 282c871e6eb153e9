package dev.intriguing.units;

/**
 * How semantic one direction's top-k images look, measured three ways.
 *
 * @param direction the direction
 * @param k         how many top images were scored
 * @param majority  the most common label among them (the lowest such label on a tie)
 * @param purity    the share of the k images that carry the majority label, in [1/classes, 1]
 * @param entropy   the entropy of their label distribution, in bits (0 when all share one label)
 * @param coherence the mean cosine similarity, in pixel space, over the k(k-1)/2 pairs of images (label-free)
 */
public record Score(Direction direction, int k, int majority, double purity, double entropy, double coherence) {
    /** One of the three scores, by {@link Measure}. */
    public double get(Measure m) {
        return switch (m) {
            case PURITY -> purity;
            case ENTROPY -> entropy;
            case COHERENCE -> coherence;
        };
    }

    /** The three scores, in the order tables show them. */
    public enum Measure {
        /** Share of the top-k with the most common label. */
        PURITY("purity"),
        /** Label entropy of the top-k, bits. */
        ENTROPY("entropy (bits)"),
        /** Mean pairwise pixel-space cosine of the top-k. */
        COHERENCE("coherence");

        private final String title;

        Measure(String title) {
            this.title = title;
        }

        /** The name tables use. */
        public String title() {
            return title;
        }
    }
}
