package dev.intriguing.render;

import dev.intriguing.labs.CheckResult;
import io.github.spencerpark.jupyter.kernel.display.Renderer;
import io.github.spencerpark.jupyter.kernel.display.mime.MIMEType;

/**
 * How a lab's self-check looks: a {@link CheckResult} as a green tick or a red cross with its sentence and hint (HTML),
 * and as its one line of text.
 *
 * <pre>{@code
 * Check.that("your purity", p).isCloseTo(0.7, 1e-9)   // HTML: ✔ right: your purity. Got 0.7.
 * }</pre>
 */
public final class LabsRenders {
    private LabsRenders() {
    }

    /** Registers the renderers of the labs package. */
    public static void register(Renderer renderer) {
        renderer.createRegistration(CheckResult.class).preferring(MIMEType.TEXT_HTML, MIMEType.TEXT_PLAIN)
                .register((check, ctx) -> {
                    ctx.renderIfRequested(MIMEType.TEXT_HTML, () -> html(check));
                    ctx.renderIfRequested(MIMEType.TEXT_PLAIN, check::toString);
                });
    }

    /** A coloured box: the mark and what was checked, the message, then the hint when there is one. */
    static String html(CheckResult check) {
        String colour = check.passed() ? "#1a7f37" : "#cf222e";
        String background = check.passed() ? "#e6f4ea" : "#fdecea";
        String mark = check.passed() ? "&#10004; Right" : "&#10008; Not yet";
        StringBuilder b = new StringBuilder()
                .append("<div class=\"intriguing-check ").append(check.passed() ? "pass" : "not-yet")
                .append("\" style=\"border-left:4px solid ").append(colour).append(";background:").append(background)
                .append(";padding:6px 10px;margin:4px 0\"><b style=\"color:").append(colour).append("\">")
                .append(mark).append("</b> &mdash; ").append(Tables.escape(check.what())).append(". ")
                .append(Tables.escape(check.message()));
        if (!check.hint().isEmpty()) {
            b.append("<br/><i>Hint:</i> ").append(Tables.escape(check.hint()));
        }
        return b.append("</div>").toString();
    }
}
