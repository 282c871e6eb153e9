package dev.intriguing.stockhost;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;

/** What the one plugin jar carries, and what it must leave to the host kernel. */
class PluginJarTests {
    /** Packages that stock IJava 1.3.0's jar carries unrelocated (gson, jeromq, jnacl, commons-lang3, ivy, maven). */
    private static final List<String> IJAVA_PACKAGES = List.of("com/google/gson/", "org/zeromq/", "zmq/",
            "com/neilalexander/jnacl/", "org/apache/commons/lang3/", "org/apache/ivy/", "fr/jayasoft/",
            "org/apache/maven/", "org/codehaus/plexus/", "io/github/spencerpark/");

    @Test
    void carriesNoClassInAPackageThatIJavasJarAlsoCarries() throws IOException {
        List<String> clashes = new ArrayList<>();
        try (JarFile jar = new JarFile(StockHostRunner.PLUGIN_JAR.toFile())) {
            jar.stream().map(JarEntry::getName).filter(n -> n.endsWith(".class"))
                    .map(n -> n.startsWith("META-INF/versions/") ? n.replaceFirst("META-INF/versions/\\d+/", "") : n)
                    .filter(n -> IJAVA_PACKAGES.stream().anyMatch(n::startsWith))
                    .limit(10).forEach(clashes::add);
        }
        assertEquals(List.of(), clashes, "relocate these in plugin/pom.xml (or let the host provide them)");
    }

    @Test
    void carriesTheProjectDjlWithItsEngineAndTheMxnetNativeLibrary() throws IOException {
        try (JarFile jar = new JarFile(StockHostRunner.PLUGIN_JAR.toFile())) {
            for (String entry : List.of("dev/intriguing/kernel/IntriguingExtension.class", "dev/intriguing/models/ModelStore.class",
                    "dev/intriguing/datasets/api/Datasets.class", "dev/intriguing/shaded/gson/Gson.class", "ai/djl/engine/Engine.class",
                    "ai/djl/mxnet/engine/MxEngine.class", "native/lib/mxnet.properties", "tech/tablesaw/api/Table.class",
                    "org/knowm/xchart/XYChart.class", "simplelogger.properties")) {
                assertTrue(jar.getEntry(entry) != null, "missing " + entry);
            }
            String services = new String(jar.getInputStream(jar.getEntry("META-INF/services/ai.djl.engine.EngineProvider")).readAllBytes());
            assertTrue(services.contains("ai.djl.mxnet.engine.MxEngineProvider"), services);
        }
    }

    @Test
    void staysUnder120Megabytes() throws IOException {
        // About 47 MB of it is MXNet's native library (as shipped in mxnet-native-mkl), 23 MB fastutil (Tablesaw).
        long mb = Files.size(StockHostRunner.PLUGIN_JAR) >> 20;
        assertTrue(mb < 120, mb + " MB");
    }
}
