package dev.intriguing.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.intriguing.adversarial.AttackResult;
import dev.intriguing.adversarial.LbfgsAttack;
import dev.intriguing.adversarial.Targets;
import dev.intriguing.core.Progress;
import dev.intriguing.datasets.api.Datasets;
import dev.intriguing.datasets.api.ImageSet;
import dev.intriguing.datasets.api.Part;
import dev.intriguing.labs.PaperTables;
import dev.intriguing.labs.Results;
import dev.intriguing.models.ModelCache;
import dev.intriguing.models.ModelSpec;
import dev.intriguing.models.TrainedModel;
import dev.intriguing.spectral.Lipschitz;
import dev.intriguing.transfer.Transfer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reproduction's CSV-producing steps, run twice on a small configuration (two cached models, eight test images):
 * the attacks, a transfer table with noise and amplification, the Lipschitz analysis and a paper-shaped table must
 * come out byte for byte the same, as the notebooks promise ("running it twice gives the same tables").
 */
@Tag("slow")
class ReproducibilityTests {

    private static List<Path> run(Path dir) throws Exception {
        Datasets datasets = Datasets.standard();
        ModelCache cache = new ModelCache(datasets);
        try (TrainedModel fc10 = cache.trained(ModelSpec.parse("fc10@1e-4"));
             TrainedModel fc100 = cache.trained(ModelSpec.parse("fc100-100-10"))) {
            ImageSet test = datasets.load("mnist", Part.TEST).slice(0, 8);
            AttackResult adv10 = LbfgsAttack.paper().run(fc10, test, Targets.random(0), Progress.NONE);
            AttackResult adv100 = LbfgsAttack.paper().run(fc100, test, Targets.random(0), Progress.NONE);
            adv10.toCsv(dir.resolve("adv_fc10.csv"));
            adv100.toCsv(dir.resolve("adv_fc100.csv"));
            Transfer.builder().addSet("adv_fc10", adv10).addSet("adv_fc100", adv100).addModel("fc10", fc10)
                    .addModel("fc100", fc100).addNoise(0.1).addAmplified(0.1).build().run(Progress.NONE)
                    .toCsv(dir.resolve("transfer.csv"));
            Lipschitz.builder().optImages(8).optAttack(adv100).build().analyse(fc100, test, Progress.NONE)
                    .toCsv(dir.resolve(ReportPage.TABLE_5_FILE));
            double nan = Double.NaN;
            double[][] t1 = {
                {100 * fc10.manifest().trainError(), 100 * fc10.manifest().testError(), adv10.meanDistortion()},
                {nan, nan, nan}, {nan, nan, nan},
                {100 * fc100.manifest().trainError(), 100 * fc100.manifest().testError(), adv100.meanDistortion()},
                {nan, nan, nan}, {nan, nan, nan}};
            Results.save(dir, PaperTables.TABLE_1.ours(List.of("fc10", "-", "-", "fc100", "-", "-"), t1));
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        }
    }

    @Test
    void twoRunsWriteTheSameCsvFilesByteForByte(@TempDir Path first, @TempDir Path second) throws Exception {
        List<Path> a = run(first);
        List<Path> b = run(second);
        assertEquals(a.stream().map(Path::getFileName).toList(), b.stream().map(Path::getFileName).toList());
        assertEquals(5, a.size(), a.toString());
        for (int i = 0; i < a.size(); i++) {
            assertArrayEquals(Files.readAllBytes(a.get(i)), Files.readAllBytes(b.get(i)),
                    a.get(i).getFileName() + " differs between two runs");
        }
    }
}
