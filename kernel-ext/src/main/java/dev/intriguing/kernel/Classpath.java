package dev.intriguing.kernel;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/** The class path of this JVM as a list of files, manifest {@code Class-Path} entries expanded (Surefire, -jar). */
public final class Classpath {
    private Classpath() {
    }

    /** Every entry of {@code java.class.path}, followed by what their manifests add. */
    public static List<Path> current() {
        Set<Path> out = new LinkedHashSet<>();
        for (String e : System.getProperty("java.class.path", "").split(File.pathSeparator)) {
            if (!e.isBlank()) {
                add(Path.of(e).toAbsolutePath().normalize(), out);
            }
        }
        return new ArrayList<>(out);
    }

    /** {@link #current()} joined with the path separator. */
    public static String currentString() {
        return String.join(File.pathSeparator, current().stream().map(Path::toString).toList());
    }

    private static void add(Path p, Set<Path> out) {
        if (!out.add(p) || !p.toString().endsWith(".jar") || !Files.isRegularFile(p)) {
            return;
        }
        try (JarFile jar = new JarFile(p.toFile())) {
            Manifest m = jar.getManifest();
            String cp = m == null ? null : m.getMainAttributes().getValue(Attributes.Name.CLASS_PATH);
            if (cp == null) {
                return;
            }
            URI base = p.getParent().toUri();
            for (String entry : cp.trim().split("\\s+")) {
                if (!entry.isEmpty()) {
                    add(Path.of(base.resolve(entry)).toAbsolutePath().normalize(), out);
                }
            }
        } catch (IOException | IllegalArgumentException e) {
            // an unreadable jar or odd entry adds nothing; the JVM itself would ignore it too
        }
    }
}
