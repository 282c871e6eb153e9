package dev.intriguing.report;

import dev.intriguing.labs.PaperTables.Unit;

/**
 * The rule per kind of number that turns the paper's value and ours into a {@link Verdict}; the report prints
 * {@link #rule(Unit)} beside its tables so a reader can check every verdict by hand.
 *
 * <p>Why these tolerances: our models are trained with another optimiser and schedule, and our samples are smaller
 * than the paper's whole sets, so a few points of error rate and a tenth or two of a distortion are what a faithful
 * reproduction can promise; a factor of two still shows the same phenomenon. Table 5 bounds belong to another network
 * (the paper's is AlexNet on ImageNet, ours a small MNIST conv net), so they can agree in kind at best.
 *
 * <pre>{@code
 * VerdictRules.verdict(Unit.PERCENT, 1.64, 1.45)      // REPRODUCED (0.19 points)
 * VerdictRules.verdict(Unit.DISTORTION, 0.086, 0.05)  // IN_KIND (0.58 times the paper's)
 * }</pre>
 */
public final class VerdictRules {
    /** Rates: reproduced within this many percentage points ... */
    static final double RATE_CLOSE_POINTS = 2;
    /** ... or within this share of the paper's value. */
    static final double RATE_CLOSE_SHARE = 0.10;
    /** Rates: in kind within this many points ... */
    static final double RATE_KIND_POINTS = 10;
    /** ... or within this share of the paper's value. */
    static final double RATE_KIND_SHARE = 0.5;
    /** Distortions: reproduced within this share of the paper's value. */
    static final double DISTORTION_CLOSE_SHARE = 0.2;
    /** Distortions: in kind within this factor either way. */
    static final double DISTORTION_KIND_FACTOR = 2;
    /** Bounds of another network: in kind within this factor either way. */
    static final double BOUND_KIND_FACTOR = 10;

    private VerdictRules() {
    }

    /**
     * The verdict on our value {@code ours} against the paper's {@code paper}, both in the paper's units (percent,
     * RMS, operator norm); NaN or infinite ours is {@link Verdict#NOT_MEASURED}.
     */
    public static Verdict verdict(Unit unit, double paper, double ours) {
        if (!Double.isFinite(ours)) {
            return Verdict.NOT_MEASURED;
        }
        double d = Math.abs(ours - paper);
        switch (unit) {
            case PERCENT:
                if (d <= RATE_CLOSE_POINTS || d <= RATE_CLOSE_SHARE * paper) {
                    return Verdict.REPRODUCED;
                }
                return d <= RATE_KIND_POINTS || d <= RATE_KIND_SHARE * paper ? Verdict.IN_KIND : Verdict.DIFFERS;
            case DISTORTION:
                if (d <= DISTORTION_CLOSE_SHARE * paper) {
                    return Verdict.REPRODUCED;
                }
                return withinFactor(paper, ours, DISTORTION_KIND_FACTOR) ? Verdict.IN_KIND : Verdict.DIFFERS;
            case BOUND:
                return withinFactor(paper, ours, BOUND_KIND_FACTOR) ? Verdict.IN_KIND : Verdict.DIFFERS;
            default:
                throw new IllegalArgumentException("no rule for " + unit);
        }
    }

    /**
     * The verdict on one layer bound of ours against the paper's range of layer bounds {@code [paperMin, paperMax]}
     * (Table 5, another network): in kind within {@value #BOUND_KIND_FACTOR} times either end, else differs.
     */
    public static Verdict boundVerdict(double paperMin, double paperMax, double ours) {
        if (!Double.isFinite(ours)) {
            return Verdict.NOT_MEASURED;
        }
        return ours >= paperMin / BOUND_KIND_FACTOR && ours <= paperMax * BOUND_KIND_FACTOR ? Verdict.IN_KIND
                : Verdict.DIFFERS;
    }

    /**
     * The verdict on a whole table from its cells' verdicts: not measured when no cell was; reproduced when at least
     * two thirds of the measured cells are; differs when more than a third differ; otherwise in kind.
     */
    public static Verdict overall(java.util.Collection<Verdict> cells) {
        long measured = cells.stream().filter(v -> v != Verdict.NOT_MEASURED).count();
        if (measured == 0) {
            return Verdict.NOT_MEASURED;
        }
        long reproduced = cells.stream().filter(v -> v == Verdict.REPRODUCED).count();
        long differs = cells.stream().filter(v -> v == Verdict.DIFFERS).count();
        if (3 * reproduced >= 2 * measured) {
            return Verdict.REPRODUCED;
        }
        return 3 * differs > measured ? Verdict.DIFFERS : Verdict.IN_KIND;
    }

    /** How {@link #overall} decides, as the report prints it. */
    public static String overallRule() {
        return "A whole table: reproduced when at least two thirds of its measured cells are; differs when more than a"
                + " third differ; otherwise in kind.";
    }

    /** The rule for {@code unit} in one sentence, as the report prints it. */
    public static String rule(Unit unit) {
        switch (unit) {
            case PERCENT:
                return String.format(java.util.Locale.ROOT, "Rates (error %%): reproduced when ours is within %.0f"
                        + " percentage points or %.0f%% of the paper's value; in kind within %.0f points or %.0f%%;"
                        + " otherwise differs.", RATE_CLOSE_POINTS, 100 * RATE_CLOSE_SHARE, RATE_KIND_POINTS,
                        100 * RATE_KIND_SHARE);
            case DISTORTION:
                return String.format(java.util.Locale.ROOT, "Distortions (per-pixel RMS): reproduced within %.0f%% of"
                        + " the paper's value; in kind within a factor of %.0f either way; otherwise differs.",
                        100 * DISTORTION_CLOSE_SHARE, DISTORTION_KIND_FACTOR);
            case BOUND:
                return String.format(java.util.Locale.ROOT, "Lipschitz bounds (Table 5): the paper's network is"
                        + " AlexNet on ImageNet and ours a small conv net on MNIST, so never reproduced; in kind when"
                        + " each of our layers' bounds is within a factor of %.0f of the paper's range of layer bounds;"
                        + " otherwise differs.", BOUND_KIND_FACTOR);
            default:
                throw new IllegalArgumentException("no rule for " + unit);
        }
    }

    /** The rule for figures, which have no number to compare. */
    public static String figureRule() {
        return "Figures (pictures of units and adversarial examples): in kind when the notebook drew the same kind of"
                + " picture, to be judged by eye through the link; not measured when the notebook did not run.";
    }

    private static boolean withinFactor(double paper, double ours, double factor) {
        return paper > 0 && ours > 0 && ours <= factor * paper && ours >= paper / factor;
    }
}
