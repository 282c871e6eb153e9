package dev.intriguing.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.intriguing.datasets.api.ImageSet;
import dev.intriguing.models.TrainedModel;
import dev.intriguing.units.Activations;
import dev.intriguing.units.Pooling;
import dev.intriguing.units.UnitChoice;
import dev.intriguing.units.Units;
import dev.intriguing.units.UnitsFixtures;
import dev.intriguing.units.UnitsResult;
import dev.intriguing.units.UnitsScore;
import io.github.spencerpark.jupyter.kernel.display.DisplayData;
import io.github.spencerpark.jupyter.kernel.display.Renderer;
import io.github.spencerpark.jupyter.kernel.display.mime.MIMEType;
import java.awt.image.BufferedImage;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategorySeries;

class UnitsRendersTests {
    private static ImageSet data;
    private static TrainedModel model;
    private static Activations activations;
    private static final Units UNITS = Units.builder().optTop(10).optResamples(200).optPermutations(200).build();

    @BeforeAll
    static void build() {
        data = UnitsFixtures.synthetic();
        model = UnitsFixtures.labelNetwork(data);
        activations = Activations.of(model, model.layer("fc1"), data, Pooling.NONE);
    }

    @AfterAll
    static void close() {
        model.close();
    }

    @Test
    void theGridPutsTheUnitRowsBesideTheRandomRows() {
        BufferedImage both = UnitsRenders.grid(UNITS.grid(activations, data, UnitChoice.first(4), 4));
        BufferedImage unitsOnly = UnitsRenders.grid(UNITS.grid(activations, data, UnitChoice.first(4), 0));
        BufferedImage taller = UnitsRenders.grid(UNITS.grid(activations, data, UnitChoice.first(6), 4));
        int cell = 28 * UnitsRenders.SCALE;
        assertTrue(unitsOnly.getWidth() >= 10 * cell && unitsOnly.getWidth() < 2 * 10 * cell, "one panel of ten images");
        assertTrue(both.getWidth() > 2 * 10 * cell, "two panels side by side");
        assertEquals(both.getHeight(), unitsOnly.getHeight(), "four rows either way");
        assertTrue(taller.getHeight() > both.getHeight(), "six rows are taller than four");
        assertEquals(both.getWidth(), taller.getWidth());
    }

    @Test
    void aLongTopKWrapsOntoSeveralLinesPerRow() {
        Units k25 = Units.builder().optTop(25).build();
        BufferedImage wide = UnitsRenders.grid(k25.grid(activations, data, UnitChoice.first(2), 0));
        BufferedImage ten = UnitsRenders.grid(UNITS.grid(activations, data, UnitChoice.first(2), 0));
        assertEquals(ten.getWidth(), wide.getWidth());
        assertTrue(wide.getHeight() > 2.5 * (ten.getHeight() - 24), wide.getHeight() + " vs " + ten.getHeight());
    }

    @Test
    void aGridRendersAsHtmlWithItsPngAndTableAndAsText() {
        Renderer r = new Renderer();
        UnitsRenders.register(r);
        UnitsResult u = UNITS.grid(activations, data, UnitChoice.of(3), 1);
        DisplayData d = r.render(u);
        String html = (String) d.getData(MIMEType.TEXT_HTML);
        assertTrue(html.contains("data:image/png;base64,") && html.contains("<table") && html.contains("unit 3"), html);
        assertTrue(html.contains("40 units (dense)"), html);
        assertTrue(((String) d.getData(MIMEType.TEXT_PLAIN)).startsWith("UnitsResult[fc1 of"));
    }

    @Test
    void aVerdictRendersItsTableAndThePurityChart() {
        Renderer r = new Renderer();
        UnitsRenders.register(r);
        UnitsScore s = UNITS.score(activations, data);
        DisplayData d = r.render(s);
        String html = (String) d.getData(MIMEType.TEXT_HTML);
        assertTrue(html.contains("purity %") && html.contains("units - random") && html.contains("Top 10: units"), html);
        assertTrue(d.getData(MIMEType.IMAGE_PNG) != null);
        CategoryChart chart = s.chart();
        assertEquals(List.of("units (40)", "gaussian random directions (40)"), List.copyOf(chart.getSeriesMap().keySet()));
        for (CategorySeries series : chart.getSeriesMap().values()) {
            double total = 0;
            for (Number n : series.getYData()) {
                total += n.doubleValue();
            }
            assertEquals(100.0, total, 1e-9, "each series is a distribution in percent");
            assertEquals(10, series.getXData().size());
        }
        assertEquals(100.0, chart.getSeriesMap().get("units (40)").getYData().stream().toList().get(9).doubleValue(), 0,
                "every unit is in the top purity bin");
    }
}
