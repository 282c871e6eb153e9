package dev.intriguing.transfer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.intriguing.adversarial.AttackResult;
import dev.intriguing.core.Progress;
import dev.intriguing.models.Classifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;

class CurvesTests {
    private static Map<String, AttackResult> sets() {
        Map<String, AttackResult> sets = new LinkedHashMap<>();
        sets.put("adv_mlp", Models.all(Models.mlp()));
        sets.put("adv_biased", Models.all(Models.biased()));
        return sets;
    }

    private static Map<String, Classifier> models() {
        Map<String, Classifier> models = new LinkedHashMap<>();
        models.put("adv_mlp", Models.mlp());
        models.put("adv_biased", Models.biased());
        return models;
    }

    private static CurveResult withNoise() {
        return Curves.builder().optNoise(true).optPoints(11).optDraws(2).build().adversarial(sets(), models(),
                Progress.NONE);
    }

    @Test
    void adversarialCurvesAreNonDecreasingAndReachTheSuccessRateAtTheLargestDistortion() {
        CurveResult c = withNoise();
        for (Map.Entry<String, AttackResult> s : sets().entrySet()) {
            String series = s.getValue().model() + ": adversarial";
            List<CurveResult.Point> ps = c.points(series);
            assertEquals(11, ps.size());
            for (int j = 1; j < ps.size(); j++) {
                assertTrue(ps.get(j).errorRate() >= ps.get(j - 1).errorRate(), series + " at " + j);
                assertTrue(ps.get(j).distortion() > ps.get(j - 1).distortion());
            }
            assertEquals(0.0, ps.get(0).errorRate(), "only correctly classified images were attacked");
            assertTrue(ps.get(ps.size() - 1).distortion() >= s.getValue().maxDistortion());
            assertEquals(s.getValue().successRate(), ps.get(ps.size() - 1).errorRate());
            assertEquals(1.0, s.getValue().successRate());
        }
    }

    @Test
    void noiseCurvesStartAtTheCleanErrorAndArePlacedAtTheRmsAfterClipping() {
        CurveResult c = withNoise();
        List<CurveResult.Point> noise = c.points("mlp64: noise");
        assertEquals(0.0, noise.get(0).distortion());
        assertEquals(0.0, noise.get(0).errorRate(), "the attacked images are all classified correctly");
        CurveResult.Point last = noise.get(noise.size() - 1);
        assertTrue(last.distortion() < last.nominal() && last.distortion() > 0.5 * last.nominal(),
                "clipping removes part of the noise: " + last);
        List<CurveResult.Point> adversarial = c.points("mlp64: adversarial");
        assertTrue(last.errorRate() < adversarial.get(adversarial.size() - 1).errorRate(),
                "noise of the same size fools the model far less often: " + c);
    }

    @Test
    void chartHasTitledAxesOneSeriesPerModelAndKindAndDashedNoise() {
        CurveResult c = withNoise();
        XYChart chart = c.chart();
        assertEquals("distortion: RMS per pixel, pixels in [0, 1]", chart.getXAxisTitle());
        assertEquals("error rate (%)", chart.getYAxisTitle());
        assertEquals(List.of("mlp64: adversarial", "mlp64: noise", "biased: adversarial", "biased: noise"),
                List.copyOf(chart.getSeriesMap().keySet()));
        for (XYSeries s : chart.getSeriesMap().values()) {
            assertEquals(11, s.getXData().length, s.getName());
            assertEquals(11, s.getYData().length, s.getName());
        }
        XYSeries adv = chart.getSeriesMap().get("mlp64: adversarial");
        XYSeries noise = chart.getSeriesMap().get("mlp64: noise");
        assertEquals(adv.getLineColor(), noise.getLineColor(), "one colour per model");
        assertTrue(!adv.getLineColor().equals(chart.getSeriesMap().get("biased: adversarial").getLineColor()));
        assertTrue(noise.getLineStyle().getDashArray() != null, "noise is dashed");
        assertEquals(null, adv.getLineStyle().getDashArray(), "adversarial is solid");
        assertEquals(100.0, chart.getSeriesMap().get("mlp64: adversarial").getYData()[10], "in percent");
    }

    @Test
    void logAxisLeavesZeroOutAndSpacesTheGridGeometrically() {
        CurveResult c = Curves.builder().optLog(true).optPoints(5).optMax(0.2).build().adversarial(sets(), Map.of(),
                Progress.NONE);
        List<CurveResult.Point> ps = c.points("mlp64: adversarial");
        assertEquals(0.002, ps.get(0).nominal(), 1e-12);
        assertEquals(0.2, ps.get(4).nominal(), 1e-12);
        assertEquals(0.02, ps.get(2).nominal(), 1e-12);
        XYChart chart = c.chart();
        assertTrue(chart.getStyler().isXAxisLogarithmic());
        assertTrue(chart.getXAxisTitle().endsWith("(log scale)"));
    }

    @Test
    void transferCurveAmplifiesOneSetForOtherModels(@TempDir Path dir) throws Exception {
        Map<String, Classifier> to = new LinkedHashMap<>();
        to.put("biased", Models.biased());
        to.put("mlp", Models.mlp());
        CurveResult c = Curves.builder().optPoints(6).optMax(0.25).build().transfer("adv_mlp",
                Models.random(Models.mlp()), to, Progress.NONE);
        assertEquals(List.of("biased: adv_mlp amplified", "mlp: adv_mlp amplified"), c.series());
        List<CurveResult.Point> biased = c.points("biased: adv_mlp amplified");
        assertEquals(0.0, biased.get(0).distortion());
        assertEquals(0.0, c.points("mlp: adv_mlp amplified").get(0).errorRate(), "clean images at ε = 0");
        assertTrue(biased.get(5).distortion() <= 0.25 + 1e-9 && biased.get(5).distortion() > 0.1, biased.toString());
        assertTrue(biased.get(5).errorRate() > biased.get(0).errorRate(), "amplified examples transfer: " + c);
        Path csv = c.toCsv(dir.resolve("c.csv"));
        List<String> lines = Files.readAllLines(csv);
        assertEquals("series,model,kind,nominal,distortion,error_rate", lines.get(0));
        assertEquals(13, lines.size());
        assertEquals(List.of("series", "model", "kind", "ε", "distortion", "error %"), c.table().columnNames());
    }

    @Test
    void aMissingModelForTheNoiseCurveIsNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Curves.builder().optNoise(true)
                .build().adversarial(sets(), Map.of(), Progress.NONE));
        assertEquals("the noise curve of adv_mlp needs the model it was made on, mlp64", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Curves.builder().optPoints(1));
        assertThrows(IllegalArgumentException.class, () -> Curves.builder().optMax(-1));
    }
}
