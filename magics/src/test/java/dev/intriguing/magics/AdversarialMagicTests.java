package dev.intriguing.magics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.intriguing.adversarial.AttackResult;
import dev.intriguing.adversarial.SmallMlp;
import dev.intriguing.datasets.api.Datasets;
import dev.intriguing.models.ModelCache;
import dev.intriguing.models.ModelSpec;
import dev.intriguing.models.TrainedModel;
import dev.intriguing.session.Session;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

class AdversarialMagicTests {
    private final Session session = new Session(Datasets.standard());
    private final RecordingDisplayer recorder = new RecordingDisplayer();
    private final List<Object> shown = recorder.shown;
    private final List<String> progress = recorder.progressTitles;
    private final AdversarialMagic magic = new AdversarialMagic(new MagicContext(session, recorder));

    private MagicUsageException usageError(String line) {
        return assertThrows(MagicUsageException.class, () -> magic.adversarial(Arrays.asList(line.split(" "))));
    }

    @Test
    void attacksTheModelBindsTheResultAndDisplaysIt() {
        session.put("m", SmallMlp.trained());
        AttackResult r = magic.adversarial(List.of("--model", "m", "--range", "10:14", "--target", "next", "--as", "adv"));
        assertSame(r, session.get("adv", AttackResult.class, "result"));
        assertEquals(List.of(r), shown);
        assertEquals(1, progress.size());
        assertEquals(4, r.size());
        assertEquals(List.of(10, 11, 12, 13), r.examples().stream().map(AttackResult.Example::index).toList());
        assertTrue(r.examples().stream().allMatch(e -> e.target() == (e.label() + 1) % 10));
    }

    @Test
    @Tag("slow")
    void attacksATrainedModelOnItsOwnDataSet() {
        try (TrainedModel a = new ModelCache(session.datasets()).trained(ModelSpec.fc100x100x10())) {
            session.put("a", a);
            AttackResult r = magic.adversarial(List.of("--model", "a", "--images", "3"));
            assertSame(r, session.get("adv", AttackResult.class, "result"));
            assertEquals("mnist-test", r.data());
            assertEquals(1.0, r.successRate(), r.toString());
        }
    }

    @Test
    void attackOptionNamesTheAttackThatRuns() {
        session.put("m", SmallMlp.trained());
        AttackResult r = magic.adversarial(List.of("--model", "m", "--attack", "lbfgs", "--range", "0:2", "--batch", "2"));
        assertEquals("lbfgs", r.attack());
        assertEquals("c", r.parameterName());
        assertEquals(2, r.size());
        assertEquals(1.0, r.successRate(), r.toString());
        assertSame(r, session.get("adv", AttackResult.class, "result"));
    }

    @Test
    void unknownAttackListsTheKnownAttacks() {
        session.put("m", SmallMlp.trained());
        MagicUsageException e = usageError("--model m --attack foo");
        assertTrue(e.getMessage().startsWith("%adversarial: --attack expects one of "
                + String.join(", ", dev.intriguing.adversarial.Attacks.names()) + "; got 'foo'. Usage: "),
                e.getMessage());
        assertFalse(e.getMessage().contains("\n"), "one paragraph: " + e.getMessage());
        assertTrue(shown.isEmpty() && progress.isEmpty() && session.names(Object.class).equals(List.of("m")),
                "nothing happens before the input is valid");
    }

    @Test
    void unknownModelListsTheKnownModels() {
        session.put("m", SmallMlp.trained());
        MagicUsageException e = usageError("--model b");
        assertTrue(e.getMessage().contains("No model named 'b'") && e.getMessage().contains("Known models: m"),
                e.getMessage());
        assertTrue(shown.isEmpty() && progress.isEmpty(), "nothing happens before the input is valid");
    }

    @Test
    void rejectsUnknownFlag() {
        MagicUsageException e = usageError("--model a --fast");
        assertTrue(e.getMessage().startsWith("%adversarial: "), e.getMessage());
        assertTrue(e.getMessage().contains("Example: %adversarial --model a --images 100 --as adv"), e.getMessage());
    }

    @Test
    void missingModelIsNamed() {
        assertTrue(usageError("--images 5").getMessage().contains("missing MODEL"));
    }

    @Test
    void imagesAndRangeExcludeEachOther() {
        assertTrue(usageError("--model a --images 5 --range 0:5").getMessage().contains("not both"));
    }

    @Test
    void badRangesSayWhatIsAccepted() {
        for (String r : List.of("5:2", "x:3", "3", "0:10001", "-1:4")) {
            String m = usageError("--model a --range " + r).getMessage();
            assertTrue(m.contains("--range expects A:B"), m);
        }
        String train = usageError("--model a --data train --range 0:60001").getMessage();
        assertTrue(train.startsWith("%adversarial: --range expects A:B with 0 <= A < B <= 60000 for --data train; got "
                + "'0:60001'. Usage: %adversarial --model NAME [--attack "
                + String.join("|", dev.intriguing.adversarial.Attacks.names()) + "] "), train);
    }

    @Test
    void badTargetsAndSizesSayWhatIsAccepted() {
        assertTrue(usageError("--model a --target nearest").getMessage()
                .contains("random, next, all or a class number"));
        assertTrue(usageError("--model a --images 0").getMessage().contains("--images expects a whole number from 1"));
        assertTrue(usageError("--model a --batch 0").getMessage().contains("--batch expects a whole number from 1"));
        assertTrue(usageError("--model a --data val").getMessage().contains("--data expects one of test, train"));
        assertTrue(usageError("--model a --as 9x").getMessage().contains("--as expects a Java name"));
        session.put("m", SmallMlp.trained());
        assertTrue(usageError("--model m --target 10").getMessage().contains("a class from 0 to 9"));
    }

    @Test
    void fixedBudgetAttacksRunAtTheirEpsilonUntargeted() {
        session.put("m", SmallMlp.trained());
        AttackResult r = magic.adversarial(List.of("--model", "m", "--attack", "fgsm", "--eps", "0.25", "--target",
                "untargeted", "--range", "0:8"));
        assertEquals("fgsm", r.attack());
        assertEquals("untargeted", r.targets());
        assertEquals(List.of(0.25), r.budgets());
        assertTrue(r.examples().stream().allMatch(e -> !e.success() || e.parameter() == 0.25), r.toString());
        AttackResult m = magic.adversarial(List.of("--model", "m", "--attack", "pgd", "--norm", "l2", "--minimal",
                "--steps", "10", "--target", "untargeted", "--range", "0:4", "--as", "minimal"));
        assertEquals(List.of(), m.budgets());
        assertTrue(m.successRate() > 0.5, m.toString());
    }

    @Test
    void optionsAnAttackDoesNotTakeAreOneParagraphErrorsBeforeAnyWork() {
        session.put("m", SmallMlp.trained());
        for (String line : List.of("--model m --eps 0.1", "--model m --minimal", "--model m --attack fgsm --steps 3",
                "--model m --attack pgd --norm l3", "--model m --attack fgsm --eps 2", "--model m --attack pgd --eps x")) {
            MagicUsageException e = usageError(line);
            assertTrue(e.getMessage().startsWith("%adversarial: "), e.getMessage());
            assertFalse(e.getMessage().contains("\n"), "one paragraph: " + e.getMessage());
        }
        assertTrue(usageError("--model m --eps 0.1").getMessage().contains("lbfgs takes --batch; not --eps."));
        assertTrue(shown.isEmpty() && progress.isEmpty(), "nothing happens before the input is valid");
        assertEquals("%adversarial --model a --attack pgd --data test --range 0:100 --target untargeted --seed 3"
                        + " --batch 256 --norm l2 --eps 0.1 --minimal --as adv",
                AdversarialMagic.AdversarialOptions.parse(List.of("--model", "a", "--attack", "pgd", "--minimal",
                        "--norm", "l2", "--eps", "0.1", "--target", "untargeted", "--seed", "3")).toString());
    }

    @Test
    void misclassifiedImagesAreSkippedAndCountedUnlessIncluded() {
        session.put("m", SmallMlp.trained());
        dev.intriguing.datasets.api.ImageSet test = session.datasets().load("mnist", dev.intriguing.datasets.api.Part.TEST);
        int[] pred = SmallMlp.trained().predict(test.slice(0, 200));
        int wrong = java.util.stream.IntStream.range(0, 200).filter(i -> pred[i] != test.label(i)).findFirst()
                .orElseThrow();
        String range = wrong + ":" + (wrong + 2);
        AttackResult skipping = magic.adversarial(List.of("--model", "m", "--range", range, "--as", "a1"));
        assertEquals(1, skipping.skipped());
        assertEquals(List.of(wrong + 1), skipping.examples().stream().map(AttackResult.Example::index).toList());
        AttackResult all = magic.adversarial(List.of("--model", "m", "--range", range, "--include-misclassified",
                "--as", "a2"));
        assertEquals(0, all.skipped());
        assertEquals(2, all.size());
        assertEquals("%adversarial --model m --attack lbfgs --data test --range 0:100 --target random --seed 0 --batch 256"
                + " --include-misclassified --as adv", AdversarialMagic.AdversarialOptions.parse(List.of("--model", "m",
                "--include-misclassified")).toString());
    }

    @Test
    void optionsPrintTheCanonicalCommandLine() {
        assertEquals("%adversarial --model a --attack lbfgs --data test --range 0:100 --target random --seed 0 --batch 256"
                + " --as adv",
                AdversarialMagic.AdversarialOptions.parse(List.of("--model", "a")).toString());
    }
}
