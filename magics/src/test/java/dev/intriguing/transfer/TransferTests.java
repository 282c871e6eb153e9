package dev.intriguing.transfer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.intriguing.adversarial.AttackResult;
import dev.intriguing.adversarial.PerturbedSet;
import dev.intriguing.core.Progress;
import dev.intriguing.datasets.api.ImageSet;
import dev.intriguing.models.Classifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapSeries;
import tech.tablesaw.api.Table;

class TransferTests {
    private static TransferResult table2Like() {
        return Transfer.builder().addSet("adv_mlp", Models.random(Models.mlp()))
                .addSet("adv_biased", Models.random(Models.biased()))
                .addModel("mlp", Models.mlp()).addModel("biased", Models.biased())
                .addNoise(0.3).addNoise(0.1).optSeed(7).build().run(Progress.NONE);
    }

    @Test
    void diagonalIsOneHundredPercentWhenTheSetsAreFullSuccesses() {
        AttackResult a = Models.random(Models.mlp());
        AttackResult b = Models.random(Models.biased());
        assertEquals(1.0, a.successRate(), a.toString());
        assertEquals(1.0, b.successRate(), b.toString());
        TransferResult t = table2Like();
        assertEquals(1.0, t.error("adv_mlp", "mlp"));
        assertEquals(1.0, t.error("adv_biased", "biased"));
        assertEquals(a.meanDistortion(), t.row("adv_mlp").meanDistortion(), 1e-12,
                "a full-success set's row distortion is the attack's mean distortion");
        // off the diagonal: an independent count of the other model's mistakes on the same images
        ImageSet images = a.adversarial();
        int[] pred = Models.biased().predict(images);
        long wrong = java.util.stream.IntStream.range(0, pred.length).filter(i -> pred[i] != images.label(i)).count();
        assertEquals(wrong / (double) images.size(), t.error("adv_mlp", "biased"));
    }

    @Test
    void noiseRowEqualsAnIndependentRecomputationWithTheSameSeed() {
        AttackResult a = Models.random(Models.mlp());
        TransferResult t = Transfer.builder().addSet("adv", a).addModel("mlp", Models.mlp()).addNoise(0.1).optSeed(7)
                .build().run(Progress.NONE);
        TransferResult.Row noise = t.row("Gaussian noise, stddev=0.1");
        ImageSet clean = a.clean();
        Random rnd = new Random(7);
        int n = clean.pixelsPerImage();
        float[] px = new float[clean.size() * n];
        double rms = 0;
        for (int i = 0; i < clean.size(); i++) {
            float[] x = clean.image(i);
            double s = 0;
            for (int j = 0; j < n; j++) {
                float v = (float) Math.min(1.0, Math.max(0.0, x[j] + 0.1 * rnd.nextGaussian()));
                px[i * n + j] = v;
                s += ((double) v - x[j]) * ((double) v - x[j]);
            }
            rms += Math.sqrt(s / n) / clean.size();
        }
        ImageSet noisy = ImageSet.of("recomputed", 28, 28, 10, px, clean.labels());
        assertEquals(Models.mlp().errorRate(noisy), noise.error(0));
        assertEquals(rms, noise.meanDistortion(), 1e-9);
        assertTrue(noise.meanDistortion() < 0.1, "clipping removes part of the noise: " + noise.meanDistortion());
        assertEquals(TransferResult.Kind.NOISE, noise.kind());
        assertEquals(0.1, noise.nominal());
        assertEquals(clean.size(), noise.images());
    }

    @Test
    void noiseRowsCoverEveryImageOfEverySetOnce() {
        TransferResult t = table2Like();
        PerturbedSet a = Models.random(Models.mlp()).perturbed();
        PerturbedSet b = Models.random(Models.biased()).perturbed();
        long union = java.util.stream.IntStream.concat(java.util.Arrays.stream(a.indices()),
                java.util.Arrays.stream(b.indices())).distinct().count();
        assertEquals(union, t.row("Gaussian noise, stddev=0.1").images());
    }

    @Test
    void rowsComeInThePapersOrderSetsThenBySizeAmplifiedBeforeNoise() {
        TransferResult t = Transfer.builder().addSet("a", Models.random(Models.mlp())).addModel("mlp", Models.mlp())
                .addNoise(0.2).addAmplified(0.2).addNoise(0.02).optMatchedNoise(true).build().run(Progress.NONE);
        List<String> names = t.rows().stream().map(TransferResult.Row::name).toList();
        double d = t.row("a").meanDistortion();
        assertTrue(d > 0.02 && d < 0.2, "the small model's examples lie between the two noise sizes: " + d);
        assertEquals(List.of("a", "Gaussian noise, stddev=0.02", "Gaussian noise matched to a, stddev=" + Format.number(d),
                "a amplified to 0.2", "Gaussian noise, stddev=0.2"), names);
        assertEquals(d, t.rows().get(2).nominal(), "matched noise has the set's mean distortion");
        assertEquals(TransferResult.Kind.MATCHED_NOISE, t.rows().get(2).kind());
        assertEquals(TransferResult.Kind.AMPLIFIED, t.row("a amplified to 0.2").kind());
        double amplified = t.row("a amplified to 0.2").meanDistortion();
        assertTrue(amplified > 0.1 && amplified <= 0.2 + 1e-9, "amplified to 0.2, less after clipping: " + amplified);
    }

    @Test
    void tableHasAColumnPerModelWithRoundedPercentagesAndTheCsvKeepsFullPrecision(@TempDir Path dir) throws Exception {
        TransferResult t = table2Like();
        Table table = t.table();
        assertEquals(List.of("row", "mlp", "biased", "mean distortion", "images"), table.columnNames());
        assertEquals(4, table.rowCount());
        for (int r = 0; r < table.rowCount(); r++) {
            double pct = table.doubleColumn("biased").get(r);
            assertEquals(Math.round(pct * 10) / 10.0, pct, 1e-12, "one decimal");
            assertEquals(Math.round(100 * t.rows().get(r).error(1) * 10) / 10.0, pct, 1e-12);
        }
        Path csv = t.toCsv(dir.resolve("t.csv"));
        List<String> lines = Files.readAllLines(csv);
        assertEquals("row,kind,nominal,images,mean_distortion,model,error_rate", lines.get(0));
        assertEquals(1 + 4 * 2, lines.size());
        String[] cells = lines.get(2).split(",");
        assertEquals("biased", cells[5]);
        assertEquals(t.rows().get(0).meanDistortion(), Double.parseDouble(cells[4]), 0.0, "full precision");
        try (var files = Files.list(dir)) {
            assertEquals(List.of(csv), files.toList(), "no temporary file left");
        }
    }

    @Test
    void heatmapHasModelsAcrossRowsDownAndTitledAxes() {
        TransferResult t = table2Like();
        HeatMapChart chart = t.heatmap();
        assertEquals("model evaluated", chart.getXAxisTitle());
        assertEquals("images fed to it", chart.getYAxisTitle());
        HeatMapSeries s = chart.getHeatMapSeries();
        assertEquals(List.of("mlp", "biased"), s.getXData());
        assertEquals(List.of("Gaussian noise, stddev=0.3", "Gaussian noise, stddev=0.1", "adv_biased", "adv_mlp"),
                s.getYData(), "the first row on top");
        assertEquals(8, s.getHeatData().size());
        assertTrue(chart.getStyler().isShowValue());
        List<Number[]> cells = List.copyOf(s.getHeatData());
        Number[] topLeft = cells.stream().filter(c -> c[0].intValue() == 0 && c[1].intValue() == 3).findFirst()
                .orElseThrow();
        assertEquals(100.0, topLeft[2].doubleValue(), "adv_mlp on mlp");
    }

    @Test
    void badInputIsRejectedBeforeAnyWork() {
        Classifier small = new Classifier() {
            @Override
            public String name() {
                return "tiny";
            }

            @Override
            public int inputSize() {
                return 100;
            }

            @Override
            public int numClasses() {
                return 10;
            }

            @Override
            public ai.djl.ndarray.NDArray logits(ai.djl.ndarray.NDArray x) {
                throw new AssertionError("never called");
            }

            @Override
            public long forwardFlopsPerExample() {
                return 0;
            }
        };
        IllegalArgumentException size = assertThrows(IllegalArgumentException.class, () -> Transfer.builder()
                .addSet("adv", Models.random(Models.mlp())).addModel("tiny", small).build());
        assertEquals("the images of adv have 784 pixels (28x28) but model tiny takes 100", size.getMessage());
        IllegalArgumentException noise = assertThrows(IllegalArgumentException.class,
                () -> Transfer.builder().addNoise(-0.1));
        assertEquals("a noise stddev is a finite number at least 0; got -0.1", noise.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Transfer.builder().addModel("m", small).build());
        assertThrows(IllegalArgumentException.class, () -> Transfer.builder()
                .addSet("adv", Models.random(Models.mlp())).build());
    }
}
