package dev.intriguing.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the repository is: {@code -Dintriguing.root} (the launcher sets it), else the nearest parent holding it. */
final class Root {
    private Root() {
    }

    static Path find() {
        String prop = System.getProperty("intriguing.root");
        if (prop != null && !prop.isBlank()) {
            return Path.of(prop).toAbsolutePath().normalize();
        }
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("intriguing")) && Files.isDirectory(p.resolve("kernel-ext"))) {
                return p;
            }
        }
        throw new Main.UsageException("Cannot find the Intriguing repository: run this through ./intriguing, or from"
                + " inside the repository.");
    }

    /** The directory of the kernel's jars, as {@code mvn package} leaves them. */
    static Path lib(Path root) {
        return root.resolve("kernel-ext").resolve("target").resolve("lib");
    }
}
