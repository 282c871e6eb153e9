package dev.intriguing.datasets.api;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The child process of {@link FetchKillTests}: fetches Fashion-MNIST from the Debian directory into the cache
 * {@code args[0]} again and again (deleting the cached files first, so that every round copies them), and prints
 * {@code fetched N MS} after each round (MS: how long it took), until it is killed.
 */
final class FetcherChild {
    private FetcherChild() {
    }

    public static void main(String[] args) {
        Path cache = Path.of(args[0]);
        for (int round = 1; ; round++) {
            long t0 = System.nanoTime();
            Datasets data = new Datasets(cache, Datasets.FASHION_DEBIAN_DIR);
            for (String f : Datasets.info("fashion-mnist").fileNames()) {
                try {
                    Files.deleteIfExists(data.cachedFile("fashion-mnist", f));
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
            data.fetch("fashion-mnist");
            System.out.println("fetched " + round + " " + (System.nanoTime() - t0) / 1_000_000);
            System.out.flush();
        }
    }
}
