package dev.intriguing.cli;

import dev.intriguing.core.Progress;
import dev.intriguing.datasets.api.AtomicFiles;
import dev.intriguing.datasets.api.Datasets;
import dev.intriguing.datasets.api.WriteFailedException;
import dev.intriguing.kernel.IntriguingExtension;
import dev.intriguing.magics.Displayer;
import dev.intriguing.magics.MagicUsageException;
import dev.intriguing.session.Session;
import io.github.spencerpark.jupyter.kernel.display.DisplayData;
import io.github.spencerpark.jupyter.kernel.display.Renderer;
import io.github.spencerpark.jupyter.kernel.display.common.Image;
import io.github.spencerpark.jupyter.kernel.display.common.Text;
import io.github.spencerpark.jupyter.kernel.display.mime.MIMEType;
import io.github.spencerpark.jupyter.kernel.magic.LineMagicArgs;
import io.github.spencerpark.jupyter.kernel.magic.MagicParser;
import io.github.spencerpark.jupyter.kernel.magic.registry.Magics;
import io.github.spencerpark.jupyter.kernel.magic.registry.UndefinedMagicException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * {@code ./intriguing exec "MAGIC LINE" ... [--out DIR]}: runs magic lines in one headless session (no Jupyter, no
 * JShell), prints each displayed result's text/plain and saves its PNG and HTML into DIR (default {@code out/}).
 *
 * <pre>{@code
 * ./intriguing exec "%dataset mnist --split test --limit 100 --as t" "%intriguing" --out out/
 * }</pre>
 */
final class ExecCommand {
    static final String USAGE = "Usage: ./intriguing exec \"%MAGIC ARGS\" ... [--out DIR]";

    private ExecCommand() {
    }

    static int run(List<String> args) throws Exception {
        List<String> lines = new ArrayList<>();
        Path out = Path.of("out");
        for (int i = 0; i < args.size(); i++) {
            if (args.get(i).equals("--out") && i + 1 < args.size()) {
                out = Path.of(args.get(++i));
            } else {
                lines.add(args.get(i));
            }
        }
        if (lines.isEmpty()) {
            throw new Main.UsageException(USAGE + ". Example: ./intriguing exec \"%dataset mnist --limit 100\" --out out/");
        }
        List<LineMagicArgs> calls = new ArrayList<>();
        for (String line : lines) {
            calls.add(parse(line));
        }
        try {
            Files.createDirectories(out);
        } catch (IOException e) {
            throw new WriteFailedException(out, e, "Choose another directory with --out DIR.");
        }
        Renderer renderer = new Renderer();
        Image.registerAll(renderer);
        Text.registerAll(renderer);
        Saver saver = new Saver(renderer, out);
        Magics magics = new Magics();
        try (Session session = new Session(Datasets.standard())) {
            IntriguingExtension.registerAll(magics, renderer, session, saver);
            for (LineMagicArgs call : calls) {
                saver.prefix = "%" + call.getName();
                try {
                    magics.applyLineMagic(call.getName(), call.getArgs());
                } catch (MagicUsageException e) {
                    throw new Main.UsageException(e.getMessage());
                } catch (UndefinedMagicException e) {
                    throw new Main.UsageException("Unknown magic %" + call.getName() + ". Run ./intriguing exec %intriguing"
                            + " for the list.");
                }
            }
        }
        return 0;
    }

    /** One argument as a magic call; it must start with {@code %}. */
    static LineMagicArgs parse(String line) {
        LineMagicArgs[] found = new LineMagicArgs[1];
        new MagicParser("^\\s*%", "%%").transformLineMagics(line.strip(), ctx -> {
            found[0] = ctx.getMagicCall();
            return "";
        });
        if (found[0] == null || line.strip().lines().count() != 1) {
            throw new Main.UsageException("Each argument of exec is one magic line starting with %; got '" + line + "'. "
                    + USAGE + ". Example: ./intriguing exec \"%dataset mnist --limit 100\"");
        }
        return found[0];
    }

    /** Prints text/plain, saves image/png and text/html as numbered files, and prints progress to stderr. */
    private static final class Saver implements Displayer {
        private final Renderer renderer;
        private final Path dir;
        private int count;
        String prefix = "";

        Saver(Renderer renderer, Path dir) {
            this.renderer = renderer;
            this.dir = dir;
        }

        @Override
        public void display(Object value) {
            DisplayData d = value instanceof DisplayData dd ? dd : renderer.render(value);
            count++;
            String base = String.format(Locale.ROOT, "%02d-%s", count, prefix.replaceAll("[^A-Za-z0-9_-]", ""));
            System.out.println(d.getData(MIMEType.TEXT_PLAIN));
            if (d.hasDataForType(MIMEType.IMAGE_PNG)) {
                Path p = dir.resolve(base + ".png");
                byte[] png = Base64.getMimeDecoder().decode(String.valueOf(d.getData(MIMEType.IMAGE_PNG)));
                save(p, () -> AtomicFiles.write(p, out -> out.write(png)));
            }
            if (d.hasDataForType(MIMEType.TEXT_HTML)) {
                Path p = dir.resolve(base + ".html");
                save(p, () -> AtomicFiles.writeString(p, "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>" + prefix
                        + "</title></head><body>" + d.getData(MIMEType.TEXT_HTML) + "</body></html>\n"));
            }
        }

        /** A file write that may fail. */
        private interface Write {
            void run() throws IOException;
        }

        /** Runs {@code write} (atomic: a killed run never leaves a cut image); a failure is one paragraph naming {@code p}. */
        private static void save(Path p, Write write) {
            try {
                write.run();
            } catch (IOException e) {
                throw new WriteFailedException(p, e);
            }
            System.out.println("  saved " + p);
        }

        @Override
        public Progress progress(String title) {
            long[] last = {0};
            return (message, fraction) -> {
                long now = System.nanoTime();
                if (fraction >= 1 || now - last[0] > 1_000_000_000L) {
                    last[0] = now;
                    System.err.printf(Locale.ROOT, "%s  %s  %s%n", title,
                            Double.isNaN(fraction) ? "" : String.format(Locale.ROOT, "%3.0f%%", 100 * fraction), message);
                }
            };
        }
    }
}
