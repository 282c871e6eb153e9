package dev.intriguing.spectral;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.intriguing.adversarial.AttackResult;
import dev.intriguing.adversarial.LbfgsAttack;
import dev.intriguing.adversarial.Targets;
import dev.intriguing.core.Progress;
import dev.intriguing.models.LayerInfo;
import dev.intriguing.models.TrainedModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.CategoryChart;
import tech.tablesaw.api.Table;

class LipschitzTests {
    @Test
    void aLayerOfAnUnsupportedKindIsNamedBeforeAnyWeightIsRead() {
        List<LayerInfo> infos = List.of(
                new LayerInfo(0, "fc1", LayerInfo.Kind.DENSE, LayerInfo.Activation.SIGMOID, null, new long[] {784},
                        new long[] {100, 784}, new long[] {100}),
                new LayerInfo(1, "conv1", LayerInfo.Kind.CONV, LayerInfo.Activation.RELU,
                        new LayerInfo.ConvGeometry(5, 1, 0, 3), new long[] {1, 28, 28}, new long[] {16, 1, 5, 5},
                        new long[] {16, 8, 8}));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SpectralLayer.check("m", infos));
        assertTrue(e.getMessage().contains("Model m has a layer the Lipschitz bound does not cover: conv1 (conv"),
                e.getMessage());
        assertTrue(e.getMessage().contains("Supported: dense layers"), e.getMessage());
        int[] reads = {0};
        assertThrows(IllegalArgumentException.class, () -> {
            SpectralLayer.check("m", infos);
            SpectralLayer.read(infos, new long[] {784}, i -> {
                reads[0]++;
                return new float[0];
            });
        });
        assertEquals(0, reads[0], "no weight is read");
    }

    @Test
    void anUnknownNonlinearityIsNamed() {
        List<LayerInfo> infos = List.of(new LayerInfo(0, "conv1", LayerInfo.Kind.CONV, LayerInfo.Activation.SIGMOID,
                new LayerInfo.ConvGeometry(5, 1, 0, 2), new long[] {1, 28, 28}, new long[] {16, 1, 5, 5},
                new long[] {16, 12, 12}));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SpectralLayer.check("m", infos));
        assertTrue(e.getMessage().contains("conv1 (conv, weight [16, 1, 5, 5], activation sigmoid+maxpool2)"),
                e.getMessage());
    }

    @Test
    void theConvNetsGeometryIsDerivedAndEachConvBoundIsItsDftNorm() {
        TrainedModel conv = SpectralFixtures.quick("conv");
        List<SpectralLayer> layers = SpectralLayer.of(conv);
        assertEquals(new ConvGeometry(1, 28, 28, 16, 5, 5, 1, 0, 2), layers.get(0).geometry());
        assertEquals(new ConvGeometry(16, 12, 12, 32, 5, 5, 1, 0, 2), layers.get(1).geometry());
        assertEquals("1x5x5x16", layers.get(0).size());
        assertEquals("512x100", layers.get(2).size());
        LipschitzResult r = Lipschitz.builder().optImages(20).build().analyse(conv, SpectralFixtures.test(), Progress.NONE);
        for (int i = 0; i < 2; i++) {
            assertEquals(ConvSpectrum.norm(layers.get(i).weights(), layers.get(i).geometry()).norm(),
                    r.layers().get(i).operatorNorm(), 0);
        }
        double svd = Jacobi.singularValues(layers.get(2).weights(), 100, 512)[0];
        assertEquals(svd, r.layers().get(2).operatorNorm(), 1e-6 * svd, "dense norms agree with a full SVD");
    }

    @Test
    void theBoundIsTheProductOfNormsAndConstantsAndNeverBelowWhatIsMeasured() {
        TrainedModel fc = SpectralFixtures.quick("fc100-100-10");
        AttackResult adv = LbfgsAttack.paper().run(fc, SpectralFixtures.test().slice(0, 6), Targets.random(0), Progress.NONE);
        LipschitzResult r = Lipschitz.builder().optImages(30).optAttack(adv).build()
                .analyse(fc, SpectralFixtures.test(), Progress.NONE);
        double product = 1;
        for (LayerBound l : r.layers()) {
            product *= l.operatorNorm() / (1 - r.tolerance()) * l.activationConstant();
            assertEquals(product, l.bound(), 1e-12 * product, l.name());
            assertTrue(l.maxGradientNorm() > 0 && l.maxGradientNorm() <= l.bound(), l.toString());
            assertTrue(l.maxAdversarialRatio() > 0 && l.maxAdversarialRatio() <= l.bound(), l.toString());
        }
        assertEquals(List.of(0.25, 0.25, 1.0), r.layers().stream().map(LayerBound::activationConstant).toList());
        assertEquals(r.layers().get(2).bound(), r.bound());
    }

    @Test
    void theCertifiedRadiusOfSoftmaxRegressionIsTheDistanceToTheNearestDecisionBoundary() {
        TrainedModel fc10 = SpectralFixtures.quick("fc10@1e-4");
        AttackResult adv = LbfgsAttack.paper().run(fc10, SpectralFixtures.test().slice(0, 12), Targets.random(0),
                Progress.NONE);
        LipschitzResult r = Lipschitz.builder().optImages(0).optAttack(adv).optCertify(true).build()
                .analyse(fc10, SpectralFixtures.test(), Progress.NONE);
        assertEquals(12, r.certificates().size());
        SpectralLayer layer = SpectralLayer.of(fc10).get(0);
        float[] bias = fc10.bias(0).toFloatArray();
        for (int i = 0; i < 12; i++) {
            Certificate c = r.certificates().get(i);
            float[] x = adv.clean().image(i);
            double[] f = new double[10];
            for (int k = 0; k < 10; k++) {
                double[] w = layer.row(k);
                f[k] = bias[k];
                for (int j = 0; j < x.length; j++) {
                    f[k] += w[j] * x[j];
                }
            }
            // one linear layer: the distance from x to the hyperplane f_y = f_l is (f_y − f_l) / ‖W[y] − W[l]‖
            double distance = Double.POSITIVE_INFINITY;
            for (int l = 0; l < 10; l++) {
                if (l == c.predicted()) {
                    continue;
                }
                double[] wy = layer.row(c.predicted());
                double[] wl = layer.row(l);
                double s = 0;
                for (int j = 0; j < wy.length; j++) {
                    s += (wy[j] - wl[j]) * (wy[j] - wl[j]);
                }
                distance = Math.min(distance, (f[c.predicted()] - f[l]) / Math.sqrt(s));
            }
            assertEquals(distance, c.radius(), 1e-4 * distance, c.toString());
            assertTrue(c.target() < 0 || c.adversarialNorm() >= c.radius(), "outside its radius: " + c);
        }
        assertEquals(0, r.certifiedViolations());
    }

    @Test
    void tableChartAndCsvShowEveryLayer(@TempDir Path dir) throws Exception {
        TrainedModel fc = SpectralFixtures.quick("fc100-100-10");
        LipschitzResult r = Lipschitz.builder().optImages(10).build().analyse(fc, SpectralFixtures.test(), Progress.NONE);
        Table t = r.table();
        assertEquals(3, t.rowCount());
        assertEquals(List.of("fc1", "fc2", "fc3"), t.stringColumn("layer").asList());
        assertEquals("784x100", t.stringColumn("size").get(0));
        assertEquals("sigmoid", t.stringColumn("activation").get(0));
        double shown = t.doubleColumn("upper bound (product)").get(2);
        assertEquals(LipschitzResult.sig4(r.bound()), shown, 0, "4 significant digits");
        CategoryChart chart = r.chart();
        assertEquals(2, chart.getSeriesMap().size(), "bound and gradient norms, no attack");
        assertTrue(chart.getStyler().isYAxisLogarithmic());
        Path csv = r.toCsv(dir.resolve("out/lip.csv"));
        List<String> lines = Files.readAllLines(csv);
        assertEquals(4, lines.size());
        assertTrue(lines.get(3).contains(Double.toString(r.bound())), "full precision: " + lines.get(3));
        try (var files = Files.list(dir.resolve("out"))) {
            assertEquals(1, files.count(), "no temporary file is left");
        }
    }

    @Test
    void anAttackOnAnotherModelIsRefusedBeforeAnythingIsComputed() {
        TrainedModel fc = SpectralFixtures.quick("fc100-100-10");
        TrainedModel fc10 = SpectralFixtures.quick("fc10@1e-4");
        AttackResult adv = LbfgsAttack.paper().run(fc10, SpectralFixtures.test().slice(0, 2), Targets.random(0),
                Progress.NONE);
        List<String> reports = new java.util.ArrayList<>();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Lipschitz.builder()
                .optAttack(adv).build().analyse(fc, SpectralFixtures.test(), (m, f) -> reports.add(m)));
        assertTrue(e.getMessage().contains("the attack was made on model fc10@1e-4, not on fc100-100-10"), e.getMessage());
        assertTrue(reports.isEmpty(), "no progress before validation: " + reports);
    }
}
