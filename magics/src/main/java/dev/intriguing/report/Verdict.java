package dev.intriguing.report;

/** How one of our numbers compares with the paper's, as the report says it (see {@link VerdictRules}). */
public enum Verdict {
    /** within the tolerance of the paper's value for its kind of number */
    REPRODUCED("reproduced"),
    /** off in the digits, but the same phenomenon at the same scale */
    IN_KIND("in kind"),
    /** outside even the wide tolerance */
    DIFFERS("differs"),
    /** no value of ours: the notebook did not measure it or did not run */
    NOT_MEASURED("not measured");

    private final String label;

    Verdict(String label) {
        this.label = label;
    }

    /** The words the report prints. */
    public String label() {
        return label;
    }

    /** A CSS class name for the report's colours. */
    public String cssClass() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
