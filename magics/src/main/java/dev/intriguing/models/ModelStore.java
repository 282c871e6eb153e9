package dev.intriguing.models;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.SequentialBlock;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;
import com.google.gson.TypeAdapter;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonWriter;
import dev.intriguing.datasets.api.AtomicFiles;
import dev.intriguing.datasets.api.Split;
import dev.intriguing.datasets.api.WriteFailedException;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.stream.Stream;

/**
 * Saves a model to a directory and loads it back: {@code params.djl} (DJL's parameter format) plus
 * {@code manifest.json} ({@link ModelManifest}: spec, training settings, seed, data and its checksum, errors, and the
 * SHA-256 of {@code params.djl}).
 *
 * <p>Saves are atomic ({@link AtomicFiles#writeDirectory}): everything is written into a hidden temporary directory
 * beside the target, and only a complete copy is renamed into place; the previous copy is moved aside first and
 * deleted last, so a crash at any point leaves either the old or the new copy under the name (or the old one under
 * {@code .NAME.old-*}). Loading checks the manifest, the checksum and the shapes, and a damaged directory gives a
 * {@link ModelFormatException} that says what is wrong; loading never writes.
 *
 * <pre>{@code
 * ModelStore.save(a, Path.of("models/a"));
 * TrainedModel b = ModelStore.load(Path.of("models/a"));   // identical predictions
 * }</pre>
 */
public final class ModelStore {
    /** The manifest format written by this version. */
    public static final int FORMAT = 1;
    static final String MANIFEST = "manifest.json";
    static final String PARAMS = "params.djl";
    static final long MAX_MANIFEST_BYTES = 1 << 20;
    static final Gson GSON = new GsonBuilder().setPrettyPrinting().serializeSpecialFloatingPointValues()
            .registerTypeAdapter(Split.class, new SplitAdapter().nullSafe()).create();

    private ModelStore() {
    }

    /** Saves {@code model} to {@code dir}, replacing a model saved there before; atomic. */
    public static void save(TrainedModel model, Path dir) {
        save(model, dir, () -> {
        });
    }

    /** As {@link #save(TrainedModel, Path)}, running {@code beforeCommit} after writing and before renaming (tests). */
    static void save(TrainedModel model, Path dir, Runnable beforeCommit) {
        Path target = dir.toAbsolutePath().normalize();
        checkReplaceable(target);
        try {
            AtomicFiles.writeDirectory(target, tmp -> {
                try (OutputStream raw = Files.newOutputStream(tmp.resolve(PARAMS));
                     DataOutputStream out = new DataOutputStream(new BufferedOutputStream(raw))) {
                    model.block().saveParameters(out);
                }
                String sha = sha256(tmp.resolve(PARAMS));
                Files.writeString(tmp.resolve(MANIFEST), GSON.toJson(model.manifest().withParamsSha256(sha)), StandardCharsets.UTF_8);
                beforeCommit.run();
            });
        } catch (IOException e) {
            throw new ModelFormatException("Could not save model " + model.name() + ". "
                    + WriteFailedException.message(target, e, null), e);
        }
    }

    private static void checkReplaceable(Path target) {
        if (Files.exists(target) && !Files.isDirectory(target)) {
            throw new ModelFormatException("Cannot save a model to " + target + ": it is a file. Choose a directory path.");
        }
        if (Files.isDirectory(target) && !Files.exists(target.resolve(MANIFEST))) {
            try (Stream<Path> s = Files.list(target)) {
                if (s.findAny().isPresent()) {
                    throw new ModelFormatException("Cannot save a model to " + target + ": the directory is not empty and holds no "
                            + MANIFEST + ", so it is not a saved model that may be replaced. Choose a new or empty directory.");
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** Reads the manifest of the model saved in {@code dir}, without loading parameters. */
    public static ModelManifest readManifest(Path dir) {
        Path d = AtomicFiles.committed(dir);
        if (!Files.isDirectory(d)) {
            throw new ModelFormatException("No saved model at " + d + ": the directory does not exist. Save one with "
                    + "%model save NAME " + dir + " or ModelStore.save(model, path).");
        }
        Path m = d.resolve(MANIFEST);
        if (!Files.isRegularFile(m)) {
            throw new ModelFormatException("The directory " + d + " is not a saved model: " + MANIFEST
                    + " is missing. Save the model again with %model save NAME " + dir + ".");
        }
        ModelManifest manifest;
        try {
            // A manifest is a page of JSON; a huge file there is not one and is not read into memory.
            if (Files.size(m) > MAX_MANIFEST_BYTES) {
                throw new ModelFormatException("The manifest " + m + " has " + Files.size(m) + " bytes; a manifest has at most "
                        + MAX_MANIFEST_BYTES + ". The directory is not a saved model; save the model again with %model save NAME "
                        + dir + ".");
            }
            manifest = GSON.fromJson(Files.readString(m, StandardCharsets.UTF_8), ModelManifest.class);
        } catch (IOException | JsonParseException | IllegalArgumentException e) {
            throw new ModelFormatException("The manifest " + m + " is truncated or corrupt (" + e.getMessage()
                    + "). Save the model again with %model save NAME " + dir + ".", e);
        }
        if (manifest == null || manifest.spec() == null || manifest.options() == null) {
            throw new ModelFormatException("The manifest " + m + " is empty or incomplete. Save the model again with %model save NAME " + dir + ".");
        }
        if (manifest.format() != FORMAT) {
            throw new ModelFormatException("The model at " + d + " has manifest format " + manifest.format()
                    + "; this version reads format " + FORMAT + ". Retrain and save it with this version.");
        }
        return manifest;
    }

    /** Loads the model saved in {@code dir}; a missing, truncated or corrupt directory gets a clear error. */
    public static TrainedModel load(Path dir) {
        Path named = dir.toAbsolutePath().normalize();
        // a save killed between its two renames left the previous copy under a hidden name: that one is whole
        Path d = AtomicFiles.committed(named);
        ModelManifest manifest = readManifest(d);
        ModelSpec spec;
        try {
            spec = ModelSpec.parse(manifest.spec());
        } catch (IllegalArgumentException e) {
            throw new ModelFormatException("The manifest in " + d + " names an unknown spec: " + e.getMessage(), e);
        }
        Path params = d.resolve(PARAMS);
        if (!Files.isRegularFile(params)) {
            throw new ModelFormatException("The saved model " + d + " is incomplete: " + PARAMS + " is missing. Save it again.");
        }
        String sha;
        try {
            sha = sha256(params);
        } catch (IOException e) {
            throw new ModelFormatException("Could not read " + params + " (" + e.getMessage() + ").", e);
        }
        if (!sha.equals(manifest.paramsSha256())) {
            throw new ModelFormatException("The saved model " + d + " is truncated or corrupt: " + PARAMS + " has SHA-256 "
                    + sha + " but its manifest expects " + manifest.paramsSha256() + ". Save or train it again.");
        }
        Model model = Model.newInstance(spec.toString(), Device.cpu(), "MXNet");
        try {
            SequentialBlock net = Networks.classifier(spec);
            net.initialize(model.getNDManager(), DataType.FLOAT32, new Shape(1, spec.inputSize()));
            try (InputStream raw = Files.newInputStream(params);
                 DataInputStream in = new DataInputStream(new BufferedInputStream(raw))) {
                net.loadParameters(model.getNDManager(), in);
            }
            model.setBlock(net);
            TrainedModel loaded = new TrainedModel(spec, model, net, manifest);
            loaded.setName(named.getFileName().toString());
            return loaded;
        } catch (IOException | MalformedModelException | RuntimeException e) {
            model.close();
            throw new ModelFormatException("The parameters in " + params + " do not fit " + spec + " (" + e.getMessage()
                    + "). Save or train the model again.", e);
        }
    }

    /**
     * A split as the manifest has always held it: its label ({@code "train"}, {@code "p1"}), not the enum constant's
     * name, so manifests of models already in the cache keep matching.
     */
    private static final class SplitAdapter extends TypeAdapter<Split> {
        @Override
        public void write(JsonWriter out, Split split) throws IOException {
            out.value(split.label());
        }

        @Override
        public Split read(JsonReader in) throws IOException {
            return Split.parse(in.nextString());
        }
    }

    static String sha256(Path file) throws IOException {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
