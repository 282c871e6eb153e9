package dev.intriguing.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Jupyter's own kernel conformance suite ({@code jupyter_kernel_test}, Debian's {@code python3-jupyter-kernel-test})
 * against the built kernel, through a private kernelspec and the real connection, with our Java samples for every test
 * it offers, plus our tests of history across restarts, control replies and the iopub messages of magics
 * ({@code src/test/python/test_conformance.py}).
 */
class KernelConformanceTests {
    private static final Path PYTHON_TESTS = Path.of("src/test/python").toAbsolutePath();
    @Tag("slow")
    @Test
    void jupyterConformanceSuitePassesEveryTestItOffersUs(@TempDir Path tmp) throws Exception {
        KernelSpec.write(tmp.resolve("jupyter/kernels"), Classpath.currentString());
        Path results = tmp.resolve("results.json");
        // Kept in target, so that a failed CI run can show every test's line.
        Path log = Files.createDirectories(Path.of("target")).resolve("conformance-suite.log");
        ProcessBuilder pb = new ProcessBuilder(python(), "run_conformance.py", results.toString())
                .directory(PYTHON_TESTS.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("JUPYTER_PATH", tmp.resolve("jupyter").toString());
        // A scratch history, so the history tests start from an empty file and leave the user's alone.
        pb.environment().put("INTRIGUING_HISTORY", tmp.resolve("history.json").toString());
        // No __pycache__ in the source tree.
        pb.environment().put("PYTHONDONTWRITEBYTECODE", "1");
        Process p = pb.start();
        if (!p.waitFor(30, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            fail("the conformance suite ran for 30 minutes:\n" + tail(log));
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        assertTrue(Files.exists(results), "the suite did not run (is Debian's python3-jupyter-kernel-test installed?"
                + " ./intriguing setup installs it):\n" + tail(log));
        List<String> problems = problems(JsonParser.parseString(Files.readString(results)).getAsJsonObject());
        System.out.println(output.lines().filter(l -> l.startsWith("conformance:") || l.startsWith("Ran ")).toList());
        assertEquals(List.of(), problems, "conformance suite:\n" + tail(log));
        assertEquals(0, p.exitValue(), tail(log));
    }

    @Test
    void aFailedErroredSkippedOrMissingTestIsAProblem() {
        JsonObject r = JsonParser.parseString("""
                {"suite_tests": ["test_a", "test_b", "test_c", "test_d"],
                 "outcomes": {"test_conformance.IntriguingKernelTests.test_a": "pass",
                              "test_conformance.IntriguingKernelTests.test_b": "skip",
                              "test_conformance.IntriguingKernelTests.test_c (status='x')": "fail",
                              "test_conformance.OurTests.test_e": "error"},
                 "details": {"test_conformance.OurTests.test_e": "Traceback: boom"}}""").getAsJsonObject();
        assertEquals(List.of("test_conformance.IntriguingKernelTests.test_b: skip",
                "test_conformance.IntriguingKernelTests.test_c (status='x'): fail",
                "test_conformance.OurTests.test_e: error\nTraceback: boom",
                "test_conformance.IntriguingKernelTests.test_c: missing",
                "test_conformance.IntriguingKernelTests.test_d: missing"), problems(r));
    }

    /**
     * What keeps a run of the suite from passing: every outcome that is not a pass (a skip too: the kernel offers
     * everything the suite tests), then every test of the suite that did not run for our kernel's class.
     */
    static List<String> problems(JsonObject results) {
        JsonObject outcomes = results.getAsJsonObject("outcomes");
        JsonObject details = results.getAsJsonObject("details");
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, JsonElement> e : outcomes.entrySet()) {
            if (!e.getValue().getAsString().equals("pass")) {
                problems.add(e.getKey() + ": " + e.getValue().getAsString()
                        + (details.has(e.getKey()) ? "\n" + details.get(e.getKey()).getAsString() : ""));
            }
        }
        for (JsonElement t : results.getAsJsonArray("suite_tests")) {
            String id = "test_conformance.IntriguingKernelTests." + t.getAsString();
            if (!outcomes.has(id)) {
                problems.add(id + ": missing");
            }
        }
        return problems;
    }

    private static String python() {
        // Debian's python3 has jupyter_client and the suite; one from pyenv or a venv earlier on PATH may not.
        return Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : "python3";
    }

    private static String tail(Path log) throws java.io.IOException {
        if (!Files.exists(log)) {
            return "(no output)";
        }
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8).stream()
                .filter(l -> !l.contains("io.github.spencerpark.jupyter.channels.Loop") && !l.startsWith("INFO: Loop")).toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 150), lines.size()));
    }
}
