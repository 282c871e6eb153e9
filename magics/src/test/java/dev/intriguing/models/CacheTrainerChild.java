package dev.intriguing.models;

import dev.intriguing.core.Progress;
import dev.intriguing.datasets.api.Datasets;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The child process of {@link ModelCacheConcurrencyTests}: asks the cache at {@code args[0]} for {@code fc10@1e-2}
 * trained one epoch, after printing {@code ready} and reading one line from stdin (so that both children start
 * together), and prints {@code trained} or {@code loaded} with the SHA-256 of the model's weights.
 */
final class CacheTrainerChild {
    private CacheTrainerChild() {
    }

    public static void main(String[] args) throws Exception {
        ModelSpec spec = ModelSpec.parse("fc10@1e-2");
        TrainOptions options = TrainOptions.defaults(spec).withEpochs(1);
        ModelCache cache = new ModelCache(Path.of(args[0]), Datasets.standard());
        Datasets.standard().load("mnist", options.split());
        System.out.println("ready");
        System.out.flush();
        System.in.read();
        AtomicBoolean trained = new AtomicBoolean();
        Progress progress = (message, fraction) -> trained.set(true);
        try (TrainedModel m = cache.trained(spec, options, progress)) {
            float[] w = m.weight(0).toFloatArray();
            ByteBuffer b = ByteBuffer.allocate(4 * w.length);
            b.asFloatBuffer().put(w);
            String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b.array()));
            System.out.println((trained.get() ? "trained " : "loaded ") + sha);
        }
    }
}
