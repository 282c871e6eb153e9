package dev.intriguing.magics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.intriguing.datasets.api.Datasets;
import dev.intriguing.datasets.api.ImageSet;
import dev.intriguing.models.TrainedModel;
import dev.intriguing.session.Session;
import dev.intriguing.units.Directions;
import dev.intriguing.units.Pooling;
import dev.intriguing.units.UnitChoice;
import dev.intriguing.units.UnitsFixtures;
import dev.intriguing.units.UnitsResult;
import dev.intriguing.units.UnitsScore;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class UnitsMagicTests {
    private static ImageSet synthetic;
    private static TrainedModel labels;

    private final Session session = new Session(Datasets.standard());
    private final RecordingDisplayer recorder = new RecordingDisplayer();
    private final UnitsMagic magic = new UnitsMagic(new MagicContext(session, recorder));

    @BeforeAll
    static void network() {
        synthetic = UnitsFixtures.synthetic();
        labels = UnitsFixtures.labelNetwork(synthetic);
    }

    @AfterAll
    static void close() {
        labels.close();
    }

    @BeforeEach
    void bind() {
        // a session that holds the network must not close it: each test's session shares the one model
        session.put("m", labels);
        session.put("syn", synthetic);
        // labels 0-4 only: units 5-9, 15-19, ... never fire, so they are dead on this set
        session.put("half", synthetic.subset(IntStream.range(0, synthetic.size()).filter(i -> synthetic.label(i) < 5)
                .toArray()));
    }

    private Object run(String line) {
        return magic.units(Arrays.asList(line.split(" ")));
    }

    private MagicUsageException usageError(String line) {
        List<String> before = session.names(Object.class);
        MagicUsageException e = assertThrows(MagicUsageException.class, () -> run(line));
        assertTrue(e.getMessage().startsWith("%units: ") && e.getMessage().contains("Usage: %units"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), "one paragraph: " + e.getMessage());
        assertEquals(before, session.names(Object.class), "the session is unchanged");
        assertTrue(recorder.shown.isEmpty(), "nothing is shown");
        return e;
    }

    @Test
    void theGridBindsItsResultAndShowsIt() {
        Object r = run("--model m --layer fc1 --data syn --units 3,17 --random 2 --top 5 --as u");
        UnitsResult u = assertInstanceOf(UnitsResult.class, r);
        assertSame(u, session.get("u", UnitsResult.class, "result"));
        assertEquals(List.of(u), recorder.shown);
        assertEquals(List.of("unit 3", "unit 17", "random 0", "random 1"),
                u.rows().stream().map(x -> x.direction().label()).toList());
        assertEquals(5, u.k());
        assertEquals(1.0, u.unitRows().get(1).score().purity(), 0);
    }

    @Test
    void scoreBindsTheVerdictAndReusesTheGridsActivations() {
        run("--model m --layer fc1 --data syn --random 2 --top 10 --as u");
        UnitsScore s = assertInstanceOf(UnitsScore.class, run("--model m --layer fc1 --data syn --score --top 10 --as s"));
        assertSame(s, session.get("s", UnitsScore.class, "result"));
        assertEquals(1, magic.cache().computations(), "activations are computed once per model, layer and data");
        assertEquals(UnitsFixtures.LABEL_UNITS, s.liveUnits());
        assertTrue(s.unitsMeanPurity() > s.randomMeanPurity(), s.toString());
        run("--model m --layer fc1 --data syn --limit 100 --random 1 --top 3 --as u2");
        assertEquals(2, magic.cache().computations(), "another limit is other activations");
    }

    @Test
    void rebindingTheModelsNameDropsItsActivations() {
        run("--model m --layer fc1 --data syn --random 1 --top 3");
        assertEquals(1, magic.cache().size());
        session.put("m", labels);
        assertEquals(0, magic.cache().size());
    }

    @Test
    void deadUnitsAreCountedAndLeftOutOfTheVerdict() {
        UnitsScore s = (UnitsScore) run("--model m --layer fc1 --data half --score --top 5");
        assertEquals(UnitsFixtures.LABEL_UNITS / 2, s.deadUnits());
        assertEquals(UnitsFixtures.LABEL_UNITS / 2, s.unitScores(5).size());
        assertTrue(s.title().contains("(20 dead units left out)"), s.title());
        assertEquals("verdict", session.names(UnitsScore.class).get(0));
    }

    @Test
    void anUnknownLayerListsTheModelsLayers() {
        MagicUsageException e = usageError("--model m --layer conv2 --data syn");
        assertTrue(e.getMessage().contains("its layers are 0:fc1 [40], 1:fc2 [10]"), e.getMessage());
    }

    @Test
    void aLayerCanBeGivenByIndex() {
        UnitsResult u = (UnitsResult) run("--model m --layer 1 --data syn --units 2 --top 3");
        assertEquals("fc2", u.layer());
    }

    @Test
    void topLargerThanTheHeldOutSetIsAUsageError() {
        MagicUsageException e = usageError("--model m --layer fc1 --data syn --limit 20 --top 30");
        assertTrue(e.getMessage().contains("--top 30 asks for more images than the held-out set synthetic has (20)"),
                e.getMessage());
        assertTrue(usageError("--model m --layer fc1 --data syn --score --top 10,500").getMessage().contains("--top 500"));
    }

    @Test
    void aUnitOutOfRangeIsAUsageError() {
        MagicUsageException e = usageError("--model m --layer fc1 --data syn --units 3,40");
        assertTrue(e.getMessage().contains("unit 40 is out of range: layer fc1 has 40 units, 0 to 39"), e.getMessage());
    }

    @Test
    void aDeadUnitAskedForByIndexIsAUsageError() {
        MagicUsageException e = usageError("--model m --layer fc1 --data half --units 2,7");
        assertTrue(e.getMessage().contains("unit 7 of layer fc1 is dead on synthetic"), e.getMessage());
        assertTrue(e.getMessage().contains("20 of the 40 units are live, e.g. 0, 1, 2, 3, 4, ..."), e.getMessage());
    }

    @Test
    void otherBadInputIsAUsageErrorBeforeAnythingRuns() {
        assertTrue(usageError("--model m --layer fc1 --score --units 3").getMessage().contains("leave out --units"));
        assertTrue(usageError("--model m --layer fc1 --score=yes").getMessage().contains("--score takes no value"));
        assertTrue(usageError("--model m --layer fc1 --pool max --data syn").getMessage().contains("fc1 is dense"));
        assertTrue(usageError("--model m --layer fc1 --data nope").getMessage().contains("(syn, half)"));
        assertTrue(usageError("--model m --layer fc1 --units x").getMessage().contains("random:N"));
        assertTrue(usageError("--model m --layer fc1 --units 0").getMessage().contains("nothing to show"));
        assertTrue(usageError("--model m --layer fc1 --data syn --limit 500").getMessage().contains("--limit 500"));
        assertTrue(usageError("--model b --layer fc1").getMessage().contains("Known models: m"));
        assertTrue(usageError("--model m --layer fc1 --data syn --basis orthogonal --random 41").getMessage()
                .contains("at most 40"));
        assertEquals(0, magic.cache().computations());
    }

    @Test
    void optionsPrintTheCanonicalCommandLine() {
        UnitsMagic.UnitsOptions grid = UnitsMagic.UnitsOptions.parse(List.of("--model", "c", "--layer", "fc1"));
        assertEquals("%units --model c --layer fc1 --pool none --units 4 --random 4 --basis gaussian --top 10 --seed 0"
                + " --as units", grid.toString());
        assertEquals(UnitChoice.first(4), grid.units());
        UnitsMagic.UnitsOptions score = UnitsMagic.UnitsOptions.parse(List.of("--model", "c", "--layer", "conv2",
                "--pool", "max", "--score", "--basis", "orthogonal", "--limit", "500", "--data", "fashion-mnist"));
        assertEquals("%units --model c --layer conv2 --data fashion-mnist --limit 500 --pool max --score --basis orthogonal"
                + " --top 10,100 --seed 0 --as verdict", score.toString());
        assertEquals(Pooling.MAX, score.pooling());
        assertEquals(Directions.Basis.ORTHOGONAL, score.basis());
        for (UnitsMagic.UnitsOptions o : List.of(grid, score)) {
            List<String> again = Arrays.asList(o.toString().substring("%units ".length()).split(" "));
            assertEquals(o, UnitsMagic.UnitsOptions.parse(again));
        }
        UnitsMagic.UnitsOptions randomOnly = UnitsMagic.UnitsOptions.parse(List.of("--model", "c", "--layer", "fc1",
                "--random", "3"));
        assertEquals(0, randomOnly.units().count());
        assertEquals(3, randomOnly.random());
    }

    private static <T> T assertInstanceOf(Class<T> type, Object value) {
        assertTrue(type.isInstance(value), String.valueOf(value));
        return type.cast(value);
    }
}
