package dev.intriguing.adversarial;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import dev.intriguing.core.Progress;
import dev.intriguing.datasets.api.ImageSet;
import dev.intriguing.models.Classifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every attack of the {@link Attacks} index keeps the contract, under a targeted and an untargeted criterion, with
 * budgets: the same result columns, success confirmed by a fresh forward pass, every image inside the box, an error
 * rate after the attack at least the clean one, and bad input rejected before any work.
 */
class AttackContractTests {
    private static final int IMAGES = 6;
    private static final List<Double> BUDGETS = List.of(0.02, 0.05, 0.1, 0.3);
    private static final Map<String, AttackResult> RESULTS = new ConcurrentHashMap<>();

    /** One attack with small options and one criterion; its name is what a notebook would write. */
    record Case(Attacks.Entry entry, Attacks.Options options, Criterion criterion) {
        Attack attack() {
            return entry.create(options);
        }

        @Override
        public String toString() {
            return "--attack " + entry.name() + " " + options + " (" + criterion + ")";
        }
    }

    static Stream<Case> cases() {
        return Attacks.all().stream().flatMap(e -> variants(e).flatMap(o -> Stream.of(
                new Case(e, o, Criterion.targeted(Targets.random(0))),
                new Case(e, o, Criterion.untargeted()))));
    }

    /** Each attack with its defaults, and for the fixed-budget ones also in L2 and with the minimal-eps search. */
    private static Stream<Attacks.Options> variants(Attacks.Entry e) {
        Attacks.Options plain = new Attacks.Options(32);
        if (!e.accepts().contains("--minimal")) {
            return Stream.of(plain);
        }
        return Stream.of(plain, plain.withNorm(Norm.L2), plain.withMinimal(true),
                plain.withNorm(Norm.L2).withMinimal(true).withEps(0.2));
    }

    private static ImageSet images() {
        return SmallMlp.mnistTest().slice(0, IMAGES);
    }

    /** Each case runs once with budgets; the tests read the same result. */
    private static AttackResult result(Case c) {
        return RESULTS.computeIfAbsent(c.toString(), k -> c.attack().run(SmallMlp.trained(), images(), 0, c.criterion(),
                BUDGETS, Progress.NONE));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void returnsTheSameResultColumnsAsEveryAttack(Case c) {
        AttackResult r = result(c);
        Attack attack = c.attack();
        assertEquals(c.entry().name(), attack.name(), "the index names the attack as it names itself");
        assertEquals(IMAGES, r.size());
        assertEquals(List.of("index", "label", "clean", "target", "final", "success", "distortion",
                attack.parameterName(), "iterations", "evaluations", "budget"), r.table().columnNames());
        assertEquals(List.of("attack", "model", "data", "targets", "examples", "success rate %", "success % at 0.02",
                "success % at 0.05", "success % at 0.1", "success % at 0.3", "clean error %", "error % after",
                "mean distortion", "median distortion", "max distortion", "evaluations/example", "seconds",
                "examples/s", "partial"), r.summary().columnNames());
        assertEquals(c.criterion().toString(), r.targets());
        assertEquals(BUDGETS, r.budgets());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void successIsConfirmedByAFreshForwardPass(Case c) {
        AttackResult r = result(c);
        int[] predicted = SmallMlp.trained().predict(r.adversarial());
        for (int i = 0; i < r.size(); i++) {
            AttackResult.Example e = r.examples().get(i);
            assertEquals(predicted[i], e.finalLabel(), "example " + e.index());
            boolean met = c.criterion().isTargeted() ? predicted[i] == e.target() : predicted[i] != e.label();
            assertEquals(met, e.success(), "example " + e.index());
            if (c.criterion().isTargeted()) {
                assertNotEquals(e.label(), e.target(), "a target is a wrong class");
            }
            if (e.success()) {
                assertEquals(Attack.distortion(r.clean().image(i), r.adversarial().image(i)), e.distortion(), 1e-12);
                assertTrue(BUDGETS.contains(e.budget()) || Double.isNaN(e.budget()), "budget " + e.budget());
            } else {
                assertTrue(Double.isNaN(e.distortion()) && Double.isNaN(e.budget()), e.toString());
            }
        }
        assertTrue(r.successRate() > 0.5, r.toString());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void everyAdversarialImageLiesInsideTheBox(Case c) {
        ImageSet adv = result(c).adversarial();
        for (int i = 0; i < adv.size(); i++) {
            for (float v : adv.image(i)) {
                assertTrue(v >= 0f && v <= 1f, "pixel " + v + " of example " + i);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void errorRateAfterTheAttackIsAtLeastTheCleanErrorRate(Case c) {
        AttackResult r = result(c);
        Classifier model = SmallMlp.trained();
        double clean = model.errorRate(r.clean());
        double after = model.errorRate(r.adversarial());
        assertTrue(after >= clean, after + " after vs " + clean + " clean");
        assertEquals(clean, r.cleanErrorRate(), 1e-12);
        assertEquals(after, r.errorRate(), 1e-12);
        if (r.examples().stream().anyMatch(e -> e.success() && e.cleanLabel() == e.label())) {
            assertTrue(after > clean, "a success on a correctly classified image raises the error rate");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void budgetsSayWhereEachExampleSucceeded(Case c) {
        AttackResult r = result(c);
        double previous = 0;
        for (double budget : BUDGETS) {
            double rate = r.successRateAt(budget);
            assertTrue(rate >= previous, "success grows with the budget: " + rate + " at " + budget);
            previous = rate;
        }
        for (AttackResult.Example e : r.examples()) {
            if (e.success() && !c.attack().fixedBudget()) {
                // a minimisation attack is credited with the smallest budget its distortion fits in
                double expected = BUDGETS.stream().filter(b -> e.distortion() <= b).findFirst().orElse(Double.NaN);
                assertEquals(expected, e.budget(), 0.0, e.toString());
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void rejectsBadInputBeforeAnyWork(Case c) {
        Counting model = new Counting(SmallMlp.trained());
        List<String> reported = new ArrayList<>();
        Progress progress = (message, fraction) -> reported.add(message);
        Attack attack = c.attack();
        // (an image set cannot hold a pixel outside [0, 1]: ImageSet.of refuses it, so the box check has no case here)
        ImageSet small = ImageSet.of("small", 3, 3, 10, new float[9], new int[] {1});
        List<Executable> bad = List.of(
                () -> attack.run(model, small, 0, c.criterion(), List.of(), progress),
                () -> attack.run(model, images(), 0, c.criterion(), List.of(-0.1), progress),
                () -> attack.run(model, images(), 0, c.criterion(), List.of(Double.NaN), progress),
                () -> attack.run(model, images(), 0, Criterion.targeted(Targets.fixed(10)), List.of(), progress),
                () -> c.entry().create(new Attacks.Options(0)));
        for (Executable call : bad) {
            assertThrows(IllegalArgumentException.class, call);
        }
        assertEquals(0, model.calls.get(), "no forward pass before the input is valid");
        assertTrue(reported.isEmpty(), "no progress before the input is valid: " + reported);
    }

    @Test
    void unknownAttackListsTheKnownOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Attacks.get("foo"));
        assertEquals("expected one of " + String.join(", ", Attacks.names()) + "; got 'foo'", e.getMessage());
        assertTrue(e.getMessage().startsWith("expected one of lbfgs, fgsm, pgd"), e.getMessage());
    }

    @Test
    void everyAttackOfTheIndexIsNamedOnceAndBuildsWithItsDefaults() {
        assertEquals(Attacks.names().stream().distinct().toList(), Attacks.names());
        for (Attacks.Entry e : Attacks.all()) {
            assertEquals(e.name(), e.create().name());
            assertTrue(!e.purpose().isBlank() && e.defaults().batchSize() >= 1, e.toString());
        }
        assertEquals("--batch 32", new Attacks.Options(32).toString());
    }

    @Test
    void badBudgetsAndOptionsNameWhatIsAccepted() {
        Attack lbfgs = Attacks.get("lbfgs").create();
        IllegalArgumentException budget = assertThrows(IllegalArgumentException.class, () -> lbfgs.run(SmallMlp.trained(),
                images(), 0, Criterion.untargeted(), List.of(0.1, 0.0), Progress.NONE));
        assertEquals("a budget is a positive finite distortion; got 0.0", budget.getMessage());
        IllegalArgumentException target = assertThrows(IllegalArgumentException.class, () -> lbfgs.run(SmallMlp.trained(),
                images(), 0, Criterion.targeted(Targets.fixed(12)), List.of(), Progress.NONE));
        assertEquals("target class 12 is not one of the model's classes 0..9", target.getMessage());
        IllegalArgumentException batch = assertThrows(IllegalArgumentException.class, () -> new Attacks.Options(0));
        assertEquals("batch size must be at least 1, got 0", batch.getMessage());
    }

    @Test
    void everyAttackRejectsAnOptionItDoesNotTakeBeforeAnyWork() {
        Attacks.Options every = new Attacks.Options(8).withNorm(Norm.L2).withEps(0.1).withMinimal(true).withSteps(3)
                .withSeed(1);
        for (Attacks.Entry e : Attacks.all()) {
            for (String option : every.given()) {
                if (!e.accepts().contains(option)) {
                    IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> e.create(every));
                    assertTrue(bad.getMessage().startsWith(e.name() + " takes --batch"), bad.getMessage());
                }
            }
        }
        IllegalArgumentException lbfgs = assertThrows(IllegalArgumentException.class,
                () -> Attacks.get("lbfgs").create(new Attacks.Options(8).withEps(0.1)));
        assertEquals("lbfgs takes --batch; not --eps", lbfgs.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Attacks.Options(8).withEps(-1));
        assertThrows(IllegalArgumentException.class,
                () -> Attacks.get("fgsm").create(new Attacks.Options(8).withEps(1.5)));
    }

    /** A classifier that counts its forward passes. */
    private static final class Counting implements Classifier {
        final Classifier inner;
        final AtomicInteger calls = new AtomicInteger();

        Counting(Classifier inner) {
            this.inner = inner;
        }

        @Override
        public String name() {
            return inner.name();
        }

        @Override
        public int inputSize() {
            return inner.inputSize();
        }

        @Override
        public int numClasses() {
            return inner.numClasses();
        }

        @Override
        public NDArray logits(NDArray x) {
            calls.incrementAndGet();
            return inner.logits(x);
        }

        @Override
        public long forwardFlopsPerExample() {
            return inner.forwardFlopsPerExample();
        }
    }
}
