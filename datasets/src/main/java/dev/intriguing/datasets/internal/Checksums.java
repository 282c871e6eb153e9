package dev.intriguing.datasets.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/** The expected SHA-256 sums of the data files (a copy of the project's checksums.sha256, kept as a resource). */
public final class Checksums {
    private static final String RESOURCE = "/dev/intriguing/datasets/checksums.sha256";
    private static final Map<String, String> EXPECTED = load();

    private Checksums() {
    }

    /** The expected sum for {@code key}, such as {@code mnist/train-images-idx3-ubyte}. */
    public static String expected(String key) {
        String sum = EXPECTED.get(key);
        if (sum == null) {
            throw new IllegalArgumentException("no checksum is known for " + key);
        }
        return sum;
    }

    /** The SHA-256 of a file, as lower-case hex. */
    public static String sha256(Path file) throws IOException {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        byte[] buf = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            int r;
            while ((r = in.read(buf)) > 0) {
                md.update(buf, 0, r);
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }

    private static Map<String, String> load() {
        Map<String, String> sums = new LinkedHashMap<>();
        try (InputStream in = Checksums.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("resource " + RESOURCE + " is missing from the build");
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = r.readLine()) != null) {
                line = line.strip();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                String[] parts = line.split("\\s+", 2);
                sums.put(parts[1].replaceFirst("^\\*", ""), parts[0].toLowerCase());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.copyOf(sums);
    }
}
