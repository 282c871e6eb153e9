package dev.intriguing.render;

import dev.intriguing.report.Environment;
import io.github.spencerpark.jupyter.kernel.display.Renderer;
import io.github.spencerpark.jupyter.kernel.display.mime.MIMEType;

/** How an {@link Environment} looks: its two-column table as HTML, and one line of text. */
public final class EnvironmentRenders {
    private EnvironmentRenders() {
    }

    /** Registers the renderer of the environment record. */
    public static void register(Renderer renderer) {
        renderer.createRegistration(Environment.class)
                .preferring(MIMEType.TEXT_HTML, MIMEType.TEXT_PLAIN)
                .register((env, ctx) -> {
                    ctx.renderIfRequested(MIMEType.TEXT_HTML, () -> Tables.html(env.table()));
                    ctx.renderIfRequested(MIMEType.TEXT_PLAIN, () -> Tables.text(env.table()));
                });
    }
}
