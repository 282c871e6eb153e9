package dev.intriguing.models;

import dev.intriguing.core.Progress;
import dev.intriguing.datasets.api.Datasets;
import dev.intriguing.datasets.api.ImageSet;
import dev.intriguing.datasets.api.Split;
import dev.intriguing.datasets.api.WriteFailedException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * Trained models on disk, keyed by spec and training options, so that tests and notebooks train each model once.
 *
 * <p>{@link #trained} loads {@code <root>/<key>} when its manifest matches the spec and options (and training was not
 * interrupted); otherwise it trains the model on this cache's {@link Datasets} and saves it there atomically. A lock
 * file serialises processes that ask for the same model at once. The default root is {@link #defaultRoot()}
 * ({@code $INTRIGUING_CACHE/models} or {@code ~/.cache/intriguing/models}); magics use the session's data sets.
 *
 * <pre>{@code
 * ModelCache cache = new ModelCache(Datasets.standard());
 * try (TrainedModel m = cache.trained(ModelSpec.parse("fc100-100-10"))) {   // trains the first time only
 *     m.manifest().testError()    // 0.0145
 * }
 * }</pre>
 */
public final class ModelCache {
    /** Bumped when training changes so that older cached models are not reused. */
    static final int TRAINING_VERSION = 2;
    /**
     * One lock for every instance: the cache directory is shared, and a JVM may not hold two overlapping file locks on
     * the same lock file, so requests from this process are serialised before the file lock orders processes.
     */
    private static final Object LOCK = new Object();

    private final Path root;
    private final Datasets datasets;

    /** A cache at {@link #defaultRoot()} that trains on {@code datasets}. */
    public ModelCache(Datasets datasets) {
        this(defaultRoot(), datasets);
    }

    /** A cache at {@code root} that trains on {@code datasets}. */
    public ModelCache(Path root, Datasets datasets) {
        this.root = root.toAbsolutePath();
        this.datasets = Objects.requireNonNull(datasets);
    }

    /** The default cache directory of models: {@code Datasets.defaultCacheRoot()/models}. */
    public static Path defaultRoot() {
        return Datasets.defaultCacheRoot().resolve("models");
    }

    /** Where this cache keeps its models. */
    public Path root() {
        return root;
    }

    /** The model {@code spec} with its default options; see {@link #trained(ModelSpec, TrainOptions, Progress)}. */
    public TrainedModel trained(ModelSpec spec) {
        return trained(spec, TrainOptions.defaults(spec), Progress.NONE);
    }

    /** The model {@code spec} trained with {@code options}; see {@link #trained(ModelSpec, TrainOptions, Progress)}. */
    public TrainedModel trained(ModelSpec spec, TrainOptions options) {
        return trained(spec, options, Progress.NONE);
    }

    /**
     * A new handle (the caller closes it) on the model {@code spec} trained with {@code options} on this cache's data
     * sets: loaded from the cache, or trained, saved to the cache and returned.
     */
    public TrainedModel trained(ModelSpec spec, TrainOptions options, Progress progress) {
        return trained(spec, options, BatchMixer.NONE, progress);
    }

    /**
     * As {@link #trained(ModelSpec, TrainOptions, Progress)}, training (on a cache miss) with {@code mixer}, which must
     * match {@code options} as {@link ModelTrainer#train(ModelSpec, TrainOptions, ImageSet, ImageSet, BatchMixer,
     * Progress)} says; a model trained adversarially is cached under its own key, since its options differ.
     */
    public TrainedModel trained(ModelSpec spec, TrainOptions options, BatchMixer mixer, Progress progress) {
        Path dir = directory(spec, options);
        synchronized (LOCK) {
            try {
                Files.createDirectories(dir.getParent());
                try (FileChannel ch = FileChannel.open(dir.resolveSibling(dir.getFileName() + ".lock"), StandardOpenOption.CREATE,
                        StandardOpenOption.WRITE); FileLock lock = ch.lock()) {
                    if (matches(dir, spec, options)) {
                        try {
                            TrainedModel m = ModelStore.load(dir);
                            m.setName(spec.toString());
                            return m;
                        } catch (ModelFormatException e) {
                            // a damaged cache entry is retrained and replaced below
                        }
                    }
                    TrainedModel m = ModelTrainer.train(spec, options, ModelTrainer.trainingSet(options, datasets),
                            datasets.load(options.data(), Split.TEST), mixer, progress);
                    if (!m.manifest().interrupted()) {
                        ModelStore.save(m, dir);
                    }
                    return m;
                }
            } catch (IOException e) {
                // before any training: the lock file is the cache's first write
                throw new WriteFailedException(dir.resolveSibling(dir.getFileName() + ".lock"), e,
                        "The model cache needs a writable directory: set INTRIGUING_CACHE to one, or free some space.");
            }
        }
    }

    private static boolean matches(Path dir, ModelSpec spec, TrainOptions options) {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try {
            ModelManifest m = ModelStore.readManifest(dir);
            return m.spec().equals(spec.toString()) && options.equals(m.options()) && !m.interrupted();
        } catch (ModelFormatException e) {
            return false;
        }
    }

    /**
     * Where {@code spec} trained with {@code options} is cached: {@code <root>/<spec>-<data>-<split>-<hash>}, the hash
     * of the training version, the spec and the options' command line.
     */
    public Path directory(ModelSpec spec, TrainOptions options) {
        String id = TRAINING_VERSION + "|" + spec + "|" + options;
        String safeSpec = spec.toString().replace('@', '_');
        return root.resolve(safeSpec + "-" + options.data() + "-" + options.split() + "-" + hash(id).substring(0, 10));
    }

    private static String hash(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
