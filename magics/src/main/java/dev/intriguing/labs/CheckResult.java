package dev.intriguing.labs;

/**
 * The verdict of one self-check in a classroom lab: right, or not yet with the reason and a hint.
 *
 * <p>A notebook shows it as a green tick or a red cross ({@code render/LabsRenders}); its {@link #toString()} is the
 * plain-text form, which starts with {@value #PASS_MARK} or {@value #NOT_YET_MARK} so that tests and headless runs can
 * count the verdicts of an executed notebook.
 *
 * @param what    what was checked, in the student's words ("your purity function")
 * @param passed  whether the answer is right
 * @param message what was found, one or two plain sentences
 * @param hint    what to try next; empty when the check passed or no hint was given
 */
public record CheckResult(String what, boolean passed, String message, String hint) {
    /** The start of a passed check's text. */
    public static final String PASS_MARK = "✔ right";
    /** The start of a failed check's text. */
    public static final String NOT_YET_MARK = "✘ not yet";

    public CheckResult {
        what = what == null || what.isBlank() ? "your answer" : what;
        message = message == null ? "" : message;
        hint = hint == null || passed ? "" : hint;
    }

    /** A passed check. */
    static CheckResult pass(String what, String message) {
        return new CheckResult(what, true, message, "");
    }

    /** A check that is not yet right. */
    static CheckResult notYet(String what, String message, String hint) {
        return new CheckResult(what, false, message, hint);
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder(passed ? PASS_MARK : NOT_YET_MARK).append(": ").append(what)
                .append(". ").append(message);
        if (!hint.isEmpty()) {
            b.append(" Hint: ").append(hint);
        }
        return b.toString();
    }
}
