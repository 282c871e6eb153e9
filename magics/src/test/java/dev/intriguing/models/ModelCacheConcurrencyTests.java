package dev.intriguing.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two real JVMs ask one cache directory for the same model at the same moment: one trains, the other waits on the
 * cache entry's lock and loads what the first saved, both hold the same weights, and the cache ends with one valid
 * model and nothing else.
 */
class ModelCacheConcurrencyTests {
    @Test
    @Tag("slow") // child JVMs that each start the MXNet engine
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void twoProcessesTrainingOneSpecIntoOneCacheTrainOnceAndShareIt(@TempDir Path root) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<Process> children = new ArrayList<>();
        List<BufferedReader> outs = new ArrayList<>();
        try {
            for (int i = 0; i < 2; i++) {
                Process p = new ProcessBuilder(java, "-Dai.djl.offline=true", "-cp", System.getProperty("java.class.path"),
                        CacheTrainerChild.class.getName(), root.toString()).redirectErrorStream(true).start();
                children.add(p);
                outs.add(new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8)));
            }
            for (BufferedReader out : outs) {
                assertEquals("ready", firstLineStartingWith(out, "ready"));
            }
            // both go at once: whichever takes the lock trains, the other waits
            for (Process p : children) {
                p.getOutputStream().write('\n');
                p.getOutputStream().flush();
            }
            List<String> results = new ArrayList<>();
            for (BufferedReader out : outs) {
                results.add(firstLineStartingWith(out, "trained", "loaded"));
            }
            for (Process p : children) {
                assertTrue(p.waitFor(5, TimeUnit.MINUTES));
                assertEquals(0, p.exitValue());
            }
            List<String> kinds = results.stream().map(r -> r.split(" ")[0]).sorted().toList();
            assertEquals(List.of("loaded", "trained"), kinds, "one trains, the other waits and loads: " + results);
            assertEquals(results.get(0).split(" ")[1], results.get(1).split(" ")[1], "the same weights");
        } finally {
            children.forEach(Process::destroyForcibly);
        }
        ModelSpec spec = ModelSpec.parse("fc10@1e-2");
        TrainOptions options = TrainOptions.defaults(spec).withEpochs(1);
        Path entry = new ModelCache(root, dev.intriguing.datasets.api.Datasets.standard()).directory(spec, options);
        try (TrainedModel m = ModelStore.load(entry)) {
            assertEquals(spec.toString(), m.manifest().spec());
        }
        try (Stream<Path> s = Files.list(root)) {
            assertEquals(List.of(entry.getFileName().toString(), entry.getFileName() + ".lock"),
                    s.map(p -> p.getFileName().toString()).sorted().toList(), "one model and its lock file, nothing else");
        }
    }

    /** Reads lines until one starts with one of {@code prefixes}; fails with everything read when the stream ends. */
    private static String firstLineStartingWith(BufferedReader out, String... prefixes) throws Exception {
        StringBuilder seen = new StringBuilder();
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            for (String p : prefixes) {
                if (line.startsWith(p)) {
                    return line;
                }
            }
            seen.append(line).append('\n');
        }
        throw new AssertionError("the child ended without " + String.join("/", prefixes) + ":\n" + seen);
    }
}
