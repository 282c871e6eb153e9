package dev.intriguing.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Fuzzed magic lines through a child kernel on its real connection: no death, no trace for a usage error, no change. */
class MagicFuzzTests {
    /** Lines kept from fuzzing and from hand-made hostile input; each must fail cleanly or succeed. */
    static final List<String> REGRESSIONS = List.of(
            "%dataset mnist --limit NaN",
            "%dataset mnist --limit 99999999999999999999",
            "%dataset mnist --limit -1 --as test",
            "%dataset \"unterminated --as x",
            "%dataset mnist --split p1 --split p2 --limit 5 --as",
            "%dataset héllo\u202Eevil\uD83D\uDE00",
            "%model eval test --data mnist",
            "%model train fc100-100-10 --epochs -1 --as test",
            "%model train fc10@NaN --epochs 1",
            "%model export test /dev/null/x.npz",
            "%adversarial --model test --images 5",
            "%adversarial --model nomodel --images 1e309",
            "%model save test ../../escape",
            "%intriguing \"a b\"",
            "%nosuchmagic --x",
            // the 10,000-line run of seed 11 on 2026-12-05: after thousands of lines each kernel filled its 2 GB heap
            // with javac's state for JShell's $N values (an answer, then a death after an interrupt) until the
            // kernel kept only the last 20; an out-of-memory error is now one paragraph
            "%dataset fashion-mnist --split p2 --limit 24 --seed 10",
            "%adversarial --attack cw --data train --images 45 --range 0:4 --seed \"\" 63 --batch 97 --minimal --as fuzzset --seed ---");

    @Test
    void formsComeFromEveryMagicsDeclaredUsage() {
        List<MagicLineGenerator.Form> forms = MagicLineGenerator.forms(MagicLineGenerator.specs());
        Set<String> magics = new HashSet<>();
        forms.forEach(f -> magics.add(f.magic()));
        // every magic of the catalogue yields forms, the four of the first wave among them
        Set<String> catalogue = new HashSet<>();
        MagicLineGenerator.specs().forEach(s -> catalogue.add(s.name()));
        assertEquals(catalogue, magics);
        assertTrue(magics.containsAll(Set.of("intriguing", "dataset", "model", "adversarial")), magics.toString());
        MagicLineGenerator.Form dataset = forms.stream().filter(f -> f.magic().equals("dataset")).findFirst().orElseThrow();
        assertEquals(List.of("split", "limit", "seed", "as"), dataset.options().stream().map(MagicLineGenerator.Option::name).toList());
        assertTrue(forms.stream().anyMatch(f -> f.words().equals(List.of("train")) && f.positionals().equals(List.of("SPEC"))));
        List<String> lines = new ArrayList<>();
        MagicLineGenerator gen = new MagicLineGenerator(3);
        for (int i = 0; i < 500; i++) {
            lines.add(gen.next());
        }
        for (String m : magics) {
            assertTrue(lines.stream().anyMatch(l -> l.startsWith("%" + m)), m);
        }
        MagicLineGenerator again = new MagicLineGenerator(3);
        for (int i = 0; i < 7; i++) {
            again.next();
        }
        assertEquals(lines.get(7), again.next(), "the same seed gives the same lines");
    }

    @Test
    void aSessionCountsAsChangedOnlyWhenBothFingerprintsWereTakenAndDiffer() {
        assertTrue(FuzzBenchmark.changed("a=1,b=2", "a=1,b=3"));
        assertFalse(FuzzBenchmark.changed("a=1,b=2", "a=1,b=2"));
        // a kernel that did not answer in time (a starved or stopped machine) says nothing about the line
        assertFalse(FuzzBenchmark.changed(FuzzBenchmark.UNAVAILABLE + "timeout", "a=1,b=2"));
        assertFalse(FuzzBenchmark.changed("a=1,b=2", FuzzBenchmark.UNAVAILABLE + "timeout"));
    }

    @Test
    @Timeout(value = 15, unit = TimeUnit.MINUTES)
    void regressionLinesAndAFewFuzzedOnesFailCleanly(@TempDir Path dir) throws IOException {
        List<String> lines = new ArrayList<>(REGRESSIONS);
        MagicLineGenerator gen = new MagicLineGenerator(11);
        for (int i = 0; i < 15; i++) {
            lines.add(gen.next());
        }
        FuzzBenchmark.Result r = FuzzBenchmark.run(lines, dir);
        assertEquals(0, r.deaths() + r.traces() + r.changed(), r.findings().toString());
    }

    @Test
    @Tag("slow")
    @Timeout(value = 60, unit = TimeUnit.MINUTES)
    void threeHundredFuzzedLinesNeitherKillTraceNorChange(@TempDir Path dir) throws IOException {
        FuzzBenchmark.Result r = FuzzBenchmark.fuzz(new MagicLineGenerator(2), 300, dir, FuzzBenchmark.LINE_TIMEOUT_S * 1000L);
        assertEquals(0, r.deaths() + r.traces() + r.changed(), r.findings().toString());
    }
}
