package dev.intriguing.cli;

import dev.intriguing.datasets.api.AtomicFiles;
import dev.intriguing.datasets.api.Datasets;
import dev.intriguing.magics.Displayer;
import dev.intriguing.magics.Magic;
import dev.intriguing.magics.MagicCatalog;
import dev.intriguing.magics.MagicContext;
import dev.intriguing.magics.MagicDocs;
import dev.intriguing.magics.MagicSpec;
import dev.intriguing.session.Session;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** {@code ./intriguing readme}: regenerates README.md's magic table from the magics' specs. */
final class ReadmeCommand {
    private ReadmeCommand() {
    }

    static int run(List<String> args) throws Exception {
        if (!args.isEmpty()) {
            throw new Main.UsageException("Usage: ./intriguing readme (takes no arguments); got: readme " + String.join(" ", args));
        }
        Path readme = Root.find().resolve("README.md");
        String before = Files.readString(readme);
        String after;
        try (Session s = new Session(Datasets.standard())) {
            List<MagicSpec> specs = MagicCatalog.create(new MagicContext(s, Displayer.NONE)).stream().map(Magic::spec).toList();
            after = MagicDocs.updateReadme(before, specs);
            if (after.equals(before)) {
                System.out.println(readme + ": the magic table is up to date (" + specs.size() + " magics).");
                return 0;
            }
            AtomicFiles.writeString(readme, after);
            System.out.println(readme + ": magic table regenerated (" + specs.size() + " magics).");
        }
        return 0;
    }
}
