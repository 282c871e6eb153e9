package dev.intriguing.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The kill tests' child: a JVM on this test's classpath that prints {@code committed N} after each whole write, let
 * run until it has committed twice, then killed with SIGKILL after a random pause, while it writes again.
 */
public final class KilledChild {
    private KilledChild() {
    }

    /**
     * Starts {@code java [jvmFlags] -cp CLASSPATH main args}, waits for its second commit, sleeps up to
     * {@code maxPauseMs} (drawn from {@code random}) and kills it; asserts that it committed twice and died of SIGKILL.
     */
    public static void runAndKill(List<String> jvmFlags, Class<?> main, List<String> args, int maxPauseMs, Random random)
            throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmFlags);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), main.getName()));
        command.addAll(args);
        Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
        int committed = 0;
        StringBuilder log = new StringBuilder();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null && committed < 2; line = out.readLine()) {
                log.append(line).append('\n');
                if (line.startsWith("committed ")) {
                    committed = Integer.parseInt(line.substring(10));
                }
            }
            assertEquals(2, committed, "the child wrote twice before the kill: " + log);
            Thread.sleep(random.nextInt(maxPauseMs));
            child.destroyForcibly();
            assertTrue(child.waitFor(30, TimeUnit.SECONDS));
        }
        assertEquals(137, child.exitValue(), "killed by SIGKILL");
    }

    /** What a kill test checks after each round: the file under the name, in round {@code round}. */
    @FunctionalInterface
    public interface RoundCheck {
        void check(int round) throws Exception;
    }

    /**
     * {@code rounds} times: runs {@code main} on {@code target} (its only argument) and kills it as {@link #runAndKill}
     * does (pauses drawn from {@code seed}), runs {@code check}, and asserts that besides {@code target} its folder
     * holds only the hidden temporary files of {@code AtomicFiles} ({@code .NAME.tmp-*}).
     */
    public static void killWriterRounds(int rounds, long seed, List<String> jvmFlags, Class<?> main, Path target,
            int maxPauseMs, RoundCheck check) throws Exception {
        Random random = new Random(seed);
        for (int round = 0; round < rounds; round++) {
            runAndKill(jvmFlags, main, List.of(target.toString()), maxPauseMs, random);
            check.check(round);
            assertOnlyHiddenTemporariesBeside(target);
        }
    }

    private static void assertOnlyHiddenTemporariesBeside(Path target) throws IOException {
        String temporary = "." + target.getFileName() + ".tmp-";
        try (Stream<Path> s = Files.list(target.getParent())) {
            for (Path p : s.toList()) {
                assertTrue(p.equals(target) || p.getFileName().toString().startsWith(temporary), p.toString());
            }
        }
    }
}
