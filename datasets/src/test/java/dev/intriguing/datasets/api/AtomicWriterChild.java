package dev.intriguing.datasets.api;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;

/**
 * The child process of {@link AtomicFilesKillTests}: saves {@code args[0]} again and again through
 * {@link AtomicFiles#write}, slowly, each version a header, 2 MiB of data and the data's SHA-256, and prints
 * {@code committed N} after each save, until it is killed.
 */
final class AtomicWriterChild {
    private AtomicWriterChild() {
    }

    public static void main(String[] args) throws Exception {
        Path target = Path.of(args[0]);
        Random random = new Random();
        for (int version = 1; ; version++) {
            int v = version;
            AtomicFiles.write(target, out -> writeVersion(out, v, random));
            System.out.println("committed " + version);
            System.out.flush();
        }
    }

    private static void writeVersion(OutputStream out, int version, Random random) throws java.io.IOException {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            out.write(("version " + version + "\n").getBytes(StandardCharsets.US_ASCII));
            byte[] chunk = new byte[64 << 10];
            for (int i = 0; i < 32; i++) {
                random.nextBytes(chunk);
                sha.update(chunk);
                out.write(chunk);
                out.flush();
                Thread.sleep(2);
            }
            out.write(("\nsha256 " + HexFormat.of().formatHex(sha.digest()) + "\n").getBytes(StandardCharsets.US_ASCII));
        } catch (InterruptedException | java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
