package dev.intriguing.models;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.intriguing.datasets.api.Datasets;
import dev.intriguing.datasets.api.Part;
import dev.intriguing.labs.PaperTables;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The paper's Table 1 on real MNIST with each spec's default settings and seed, within the bands (the paper's
 * own values, which the failure messages quote, are read from {@link PaperTables}). Models come
 * from {@link ModelCache}, so each is trained once per machine.
 */
@Tag("slow")
class ReproductionBandsTests {

    private static double testError(String spec, String data) {
        ModelSpec s = ModelSpec.parse(spec);
        try (TrainedModel m = new ModelCache(Datasets.standard()).trained(s, TrainOptions.defaults(s).withData(data))) {
            double e = m.evaluate(Datasets.standard().load(data, Part.TEST)).error();
            System.out.printf("band %s on %s: test error %.2f%%%n", spec, data, 100 * e);
            return e;
        }
    }

    /** The paper's test error of {@code model} in percent, from {@link PaperTables}, for the messages. */
    private static String paper(String model) {
        return " (paper " + PaperTables.TABLE_1.value(model, "test error %") + "%)";
    }

    @Test
    void softmaxRegressionErrorGrowsWithWeightDecayWithinThePapersBands() {
        double small = testError("fc10@1e-4", "mnist");
        double mid = testError("fc10@1e-2", "mnist");
        double large = testError("fc10@1", "mnist");
        assertTrue(small <= 0.09, "FC10(1e-4) <= 9%" + paper("FC10(1e-4)") + ": " + small);
        assertTrue(large >= 0.12 && large <= 0.28, "FC10(1) in [12%, 28%]" + paper("FC10(1)") + ": " + large);
        assertTrue(small < mid && mid < large, "FC10(1e-2) strictly between: " + small + " < " + mid + " < " + large);
    }

    @Test
    void fc100x100x10IsWithinTwoPercent() {
        double e = testError("fc100-100-10", "mnist");
        assertTrue(e <= 0.020, "FC100-100-10 <= 2.0%" + paper("FC100-100-10") + ": " + e);
    }

    @Test
    void fc200x200x10IsWithinTwoPercent() {
        double e = testError("fc200-200-10", "mnist");
        assertTrue(e <= 0.020, "FC200-200-10 <= 2.0%" + paper("FC200-200-10") + ": " + e);
    }

    @Test
    void ae400x10IsWithinTwoAndAHalfPercent() {
        double e = testError("ae400-10", "mnist");
        assertTrue(e <= 0.025, "AE400-10 <= 2.5%" + paper("AE400-10") + ": " + e);
    }

    @Test
    void convIsWithinOnePointTwoPercentOnMnistAndTenOnFashion() {
        double mnist = testError("conv", "mnist");
        assertTrue(mnist <= 0.012, "conv on MNIST <= 1.2%: " + mnist);
        double fashion = testError("conv", "fashion-mnist");
        assertTrue(fashion <= 0.10, "conv on Fashion-MNIST <= 10%: " + fashion);
    }
}
