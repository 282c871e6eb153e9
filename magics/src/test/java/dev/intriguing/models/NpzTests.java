package dev.intriguing.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NpzTests {

    @Test
    void exportWritesOneWeightAndOneBiasPerLayerThatReadBackExactly(@TempDir Path tmp) {
        try (TrainedModel m = Fixtures.quick("fc30-20-10", 3)) {
            Path file = tmp.resolve("m.npz");
            Npz.export(m, file);
            Map<String, Npz.Array> back = Npz.read(file);
            assertEquals(List.of("fc1.weight", "fc1.bias", "fc2.weight", "fc2.bias", "fc3.weight", "fc3.bias"),
                    List.copyOf(back.keySet()));
            long[][] shapes = {{30, 784}, {30}, {20, 30}, {20}, {10, 20}, {10}};
            int i = 0;
            for (Map.Entry<String, Npz.Array> e : back.entrySet()) {
                assertArrayEquals(shapes[i], e.getValue().shape(), e.getKey());
                int layer = i / 2;
                float[] expected = (i % 2 == 0 ? m.weight(layer) : m.bias(layer)).toFloatArray();
                assertArrayEquals(expected, e.getValue().data(), e.getKey());
                i++;
            }
        }
    }

    @Test
    void numpyReadsTheExportAndComputesTheSameLogits(@TempDir Path tmp) throws IOException, InterruptedException {
        org.junit.jupiter.api.Assumptions.assumeTrue(numpyAvailable(), "python3 with numpy is not installed");
        try (TrainedModel m = Fixtures.quick("fc30-20-10", 3); var mm = m.manager().newSubManager()) {
            Path file = tmp.resolve("m.npz");
            Npz.export(m, file);
            float[] logits = m.logits(Fixtures.smallTest().toFlat(mm, 0, 1)).toFloatArray();
            Path x = tmp.resolve("x.npz");
            Npz.write(Map.of("x", new Npz.Array(new long[] {1, 784}, Fixtures.smallTest().image(0))), x);
            String script = "import numpy as np\n"
                    + "p = np.load(r'" + file + "'); x = np.load(r'" + x + "')['x']\n"
                    + "s = lambda z: 1 / (1 + np.exp(-z))\n"
                    + "h = s(x @ p['fc1.weight'].T + p['fc1.bias']); h = s(h @ p['fc2.weight'].T + p['fc2.bias'])\n"
                    + "print(' '.join(repr(float(v)) for v in (h @ p['fc3.weight'].T + p['fc3.bias'])[0]))\n";
            Process p = new ProcessBuilder("python3", "-c", script).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes()).strip();
            assertEquals(0, p.waitFor(), out);
            String[] parts = out.split(" ");
            assertEquals(10, parts.length, out);
            for (int k = 0; k < 10; k++) {
                assertEquals(logits[k], Double.parseDouble(parts[k]), 1e-4, "logit " + k);
            }
        }
    }

    @Test
    void npyHeadersArePaddedToSixtyFourBytes(@TempDir Path tmp) throws IOException {
        Path file = tmp.resolve("a.npz");
        Npz.write(Map.of("v", new Npz.Array(new long[] {3}, new float[] {1, 2, 3})), file);
        try (var zip = new java.util.zip.ZipFile(file.toFile())) {
            byte[] b = zip.getInputStream(zip.getEntry("v.npy")).readAllBytes();
            int hlen = (b[8] & 0xFF) | (b[9] & 0xFF) << 8;
            assertEquals(0, (10 + hlen) % 64);
            assertTrue(new String(b, 10, hlen).contains("'shape': (3,)"));
        }
        assertArrayEquals(new float[] {1, 2, 3}, Npz.read(file).get("v").data());
    }

    private static boolean numpyAvailable() {
        try {
            Process p = new ProcessBuilder("python3", "-c", "import numpy").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }
}
