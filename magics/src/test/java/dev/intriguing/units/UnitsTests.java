package dev.intriguing.units;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.intriguing.datasets.api.Datasets;
import dev.intriguing.datasets.api.ImageSet;
import dev.intriguing.datasets.api.Part;
import dev.intriguing.models.TrainedModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UnitsTests {
    private static final Units FAST = Units.builder().optTop(10).optResamples(2000).optPermutations(2000).build();

    @Test
    void unitsThatFireForOneLabelArePureAndBeatRandomDirections() {
        ImageSet data = UnitsFixtures.synthetic();
        try (TrainedModel m = UnitsFixtures.labelNetwork(data)) {
            Activations a = Activations.of(m, m.layer("fc1"), data, Pooling.NONE);
            assertEquals(UnitsFixtures.LABEL_UNITS, a.liveUnits().length);
            UnitsScore s = FAST.score(a, data);
            for (Score u : s.unitScores(10)) {
                assertEquals(1.0, u.purity(), u.toString());
                assertEquals(u.direction().id() % 10, u.majority());
                assertEquals(0.0, u.entropy(), 0);
            }
            Stats.Comparison c = s.line(10, Score.Measure.PURITY).comparison();
            assertTrue(c.p() < 0.01 && c.low() > 0, s.toString());
            assertTrue(s.randomMeanPurity() < 0.95, s.toString());
            assertEquals(UnitsFixtures.LABEL_UNITS, s.randomScores(10).size());
        }
    }

    @Test
    void onARandomNetworkUnitsAndRandomDirectionsAreIndistinguishable() {
        ImageSet test = Datasets.standard().load("mnist", Part.TEST).slice(0, 2000);
        try (TrainedModel m = UnitsFixtures.randomNetwork(100, UnitsFixtures.synthetic(), 4)) {
            Activations a = Activations.of(m, m.layer("fc1"), test, Pooling.NONE);
            UnitsScore s = FAST.score(a, test);
            for (Score.Measure measure : Score.Measure.values()) {
                Stats.Comparison c = s.line(10, measure).comparison();
                assertTrue(c.intervalContainsZero(), measure + ": " + s.table().print());
            }
        }
    }

    @Test
    void theSameSeedGivesTheSameDirectionsAndTables() {
        ImageSet data = UnitsFixtures.synthetic();
        try (TrainedModel m = UnitsFixtures.labelNetwork(data)) {
            Activations a = Activations.of(m, m.layer("fc1"), data, Pooling.NONE);
            Units seeded = Units.builder().optTop(5, 10).optSeed(3).optResamples(500).optPermutations(500).build();
            UnitsResult g1 = seeded.grid(a, data, UnitChoice.random(3), 4);
            UnitsResult g2 = seeded.grid(a, data, UnitChoice.random(3), 4);
            assertEquals(g1.table().print(), g2.table().print());
            for (int i = 0; i < g1.randomRows().size(); i++) {
                assertArrayEquals(g1.randomRows().get(i).direction().vector(), g2.randomRows().get(i).direction().vector());
            }
            assertEquals(seeded.score(a, data).table().print(), seeded.score(a, data).table().print());
            UnitsResult other = Units.builder().optTop(5).optSeed(4).build().grid(a, data, UnitChoice.random(3), 4);
            assertTrue(!other.table().print().equals(g1.table().print()), "another seed draws other directions");
        }
    }

    @Test
    void theGridHasTheUnitRowsThenTheRandomRowsWithTheirTopImages() {
        ImageSet data = UnitsFixtures.synthetic();
        try (TrainedModel m = UnitsFixtures.labelNetwork(data)) {
            Activations a = Activations.of(m, m.layer("fc1"), data, Pooling.NONE);
            UnitsResult g = FAST.grid(a, data, UnitChoice.of(3, 17), 2);
            assertEquals(List.of("unit 3", "unit 17", "random 0", "random 1"),
                    g.rows().stream().map(r -> r.direction().label()).toList());
            for (UnitsResult.Row r : g.unitRows()) {
                assertEquals(10, r.indices().length);
                for (int i = 0; i < 10; i++) {
                    assertEquals(r.direction().id() % 10, r.labels()[i]);
                    assertEquals(data.label(r.indices()[i]), r.labels()[i]);
                    assertEquals(a.get(r.indices()[i], r.direction().id()), r.projections()[i], 0f);
                }
            }
            assertEquals(4, g.table().rowCount());
            assertEquals(List.of("direction", "top-10 images", "labels", "majority", "purity %", "entropy (bits)",
                    "coherence"), g.table().columnNames());
            assertEquals(100.0, g.table().doubleColumn("purity %").get(0), 0);
        }
    }

    @Test
    void convPoolingModesGiveTheDocumentedShapes() {
        ImageSet data = UnitsFixtures.synthetic().slice(0, 30);
        try (TrainedModel m = UnitsFixtures.untrained("conv", UnitsFixtures.synthetic())) {
            Activations flat = Activations.of(m, m.layer("conv1"), data, Pooling.NONE);
            Activations max = Activations.of(m, m.layer("conv1"), data, Pooling.MAX);
            Activations mean = Activations.of(m, m.layer("conv1"), data, Pooling.MEAN);
            assertEquals(16 * 12 * 12, flat.units());
            assertEquals(16, max.units());
            assertEquals(16, mean.units());
            assertEquals(32 * 4 * 4, Activations.of(m, m.layer("conv2"), data, Pooling.NONE).units());
            assertEquals(32, Activations.of(m, m.layer("conv2"), data, Pooling.MAX).units());
            assertEquals(100, Activations.of(m, m.layer("fc1"), data, Pooling.NONE).units());
            for (int i = 0; i < data.size(); i += 7) {
                for (int c = 0; c < 16; c += 5) {
                    float hi = Float.NEGATIVE_INFINITY;
                    double sum = 0;
                    for (int p = 0; p < 144; p++) {
                        hi = Math.max(hi, flat.get(i, c * 144 + p));
                        sum += flat.get(i, c * 144 + p);
                    }
                    assertEquals(hi, max.get(i, c), 1e-6f);
                    assertEquals(sum / 144, mean.get(i, c), 1e-5);
                }
            }
            assertEquals("channel 1, row 2, col 3", flat.where(144 + 2 * 12 + 3));
            assertTrue(flat.unitsInWords().contains("flattened"), flat.unitsInWords());
            assertTrue(max.unitsInWords().contains("max-pooled"), max.unitsInWords());
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Activations.of(m, m.layer("fc1"), data, Pooling.MAX));
            assertTrue(e.getMessage().contains("conv layers only"), e.getMessage());
        }
    }

    @Test
    void purityEntropyAndCoherenceOfKnownLists() {
        float[] px = new float[4 * 784];
        px[0] = 1;            // image 0: pixel 0
        px[784] = 1;          // image 1: pixel 0, the same as image 0
        px[2 * 784 + 1] = 1;  // image 2: pixel 1, orthogonal to both
        // image 3 is black
        ImageSet set = ImageSet.of("tiny", 28, 28, 10, px, new int[] {3, 3, 5, 3});
        Scorer scorer = new Scorer(set);
        Score s = scorer.score(new TopK.Ranked(Direction.unit(0), new int[] {0, 1, 2, 3}, new float[4]), 4);
        assertEquals(3, s.majority());
        assertEquals(0.75, s.purity(), 1e-12);
        assertEquals(-(0.75 * Math.log(0.75) + 0.25 * Math.log(0.25)) / Math.log(2), s.entropy(), 1e-12);
        // pairs: (0,1) cosine 1, every other pair 0: 1/6
        assertEquals(1.0 / 6, s.coherence(), 1e-6);
        Score two = scorer.score(new TopK.Ranked(Direction.unit(0), new int[] {0, 1, 2, 3}, new float[4]), 2);
        assertEquals(1.0, two.purity(), 0);
        assertEquals(1.0, two.coherence(), 1e-6);
    }

    @Test
    void scoresAreWrittenAsCsvWithOneLinePerDirectionAndK(@TempDir Path dir) throws Exception {
        ImageSet data = UnitsFixtures.synthetic();
        try (TrainedModel m = UnitsFixtures.labelNetwork(data)) {
            Activations a = Activations.of(m, m.layer("fc1"), data, Pooling.NONE);
            UnitsScore s = Units.builder().optTop(5, 10).optResamples(200).optPermutations(200).build().score(a, data);
            List<String> lines = Files.readAllLines(s.toCsv(dir.resolve("s.csv")));
            assertEquals(1 + 2 * 2 * UnitsFixtures.LABEL_UNITS, lines.size());
            assertTrue(lines.get(0).startsWith("model,layer,data,pooling,basis,k,direction"), lines.get(0));
            assertTrue(lines.get(1).contains(",5,unit 0,unit,0,"), lines.get(1));
            List<String> rows = Files.readAllLines(FAST.grid(a, data, UnitChoice.first(2), 1).toCsv(dir.resolve("g.csv")));
            assertEquals(1 + 3 * 10, rows.size());
            assertEquals(List.of("s.csv", "g.csv").size(), Files.list(dir).count(), "no temporary files are left");
            assertEquals(6, s.table().rowCount());
            assertEquals(2, s.chart().getSeriesMap().size());
        }
    }
}
