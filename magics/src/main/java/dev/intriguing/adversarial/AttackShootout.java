package dev.intriguing.adversarial;

import dev.intriguing.core.Progress;
import dev.intriguing.datasets.api.ImageSet;
import dev.intriguing.models.Classifier;
import java.util.ArrayList;
import java.util.List;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Every attack on the same images and the same criteria, for the minimal-norm comparison: the images are the first
 * correctly classified ones, every attack looks for its smallest perturbation (FGSM and PGD through their minimal-ε
 * search in L2, so all distortions are the paper's RMS), and the table gives success rate, mean and median
 * distortion, model evaluations per example and examples per second.
 *
 * <pre>{@code
 * var runs = AttackShootout.run(a, AttackShootout.correctlyClassified(a, test, 100), AttackShootout.SETUPS,
 *         List.of(Criterion.untargeted()), Progress.NONE);
 * AttackShootout.table(runs)     // attack, criterion, success %, mean/median distortion, evaluations, examples/s
 * }</pre>
 */
public final class AttackShootout {
    /** One attack as the shoot-out runs it. */
    public record Setup(String attack, Attacks.Options options) {
        Attack create() {
            return Attacks.get(attack).create(options);
        }
    }

    /** One attack's run under one criterion on one model. */
    public record Run(String model, String criterion, String attack, AttackResult result) {
    }

    /** The shoot-out's attacks: every attack of the index, the fixed-budget ones through their minimal search in L2. */
    public static final List<Setup> SETUPS = List.of(
            new Setup("lbfgs", new Attacks.Options(LbfgsAttack.DEFAULT_BATCH_SIZE)),
            new Setup("fgsm", new Attacks.Options(256).withNorm(Norm.L2).withEps(0.3).withMinimal(true)),
            new Setup("pgd", new Attacks.Options(256).withNorm(Norm.L2).withEps(0.3).withMinimal(true)),
            new Setup("deepfool", new Attacks.Options(256)),
            new Setup("cw", new Attacks.Options(256)),
            new Setup("fmn", new Attacks.Options(256)));

    private AttackShootout() {
    }

    /** The first {@code count} images of {@code test} that {@code model} classifies correctly. */
    public static ImageSet correctlyClassified(Classifier model, ImageSet test, int count) {
        int[] pred = model.predict(test);
        int n = test.pixelsPerImage();
        List<Integer> keep = new ArrayList<>();
        for (int i = 0; i < test.size() && keep.size() < count; i++) {
            if (pred[i] == test.label(i)) {
                keep.add(i);
            }
        }
        float[] pixels = new float[keep.size() * n];
        int[] labels = new int[keep.size()];
        for (int j = 0; j < keep.size(); j++) {
            System.arraycopy(test.image(keep.get(j)), 0, pixels, j * n, n);
            labels[j] = test.label(keep.get(j));
        }
        return ImageSet.of(test.name(), test.height(), test.width(), test.numClasses(), pixels, labels);
    }

    /** Runs every setup under every criterion; stops early, with what is finished, when interrupted. */
    public static List<Run> run(Classifier model, ImageSet images, List<Setup> setups, List<Criterion> criteria,
                                Progress progress) {
        List<Attack> attacks = setups.stream().map(Setup::create).toList(); // bad options fail before any work
        List<Run> out = new ArrayList<>();
        for (Criterion criterion : criteria) {
            for (Attack attack : attacks) {
                if (Progress.interrupted()) {
                    return out;
                }
                AttackResult r = attack.run(model, images, 0, criterion, List.of(), progress);
                out.add(new Run(model.name(), criterion.toString(), attack.name(), r));
            }
        }
        return out;
    }

    /** One row per run, rounded for reading (rates in percent to one decimal, distortions to four places). */
    public static Table table(List<Run> runs) {
        StringColumn model = StringColumn.create("model");
        StringColumn criterion = StringColumn.create("criterion");
        StringColumn attack = StringColumn.create("attack");
        DoubleColumn success = DoubleColumn.create("success %");
        DoubleColumn mean = DoubleColumn.create("mean distortion");
        DoubleColumn median = DoubleColumn.create("median distortion");
        DoubleColumn evals = DoubleColumn.create("evaluations/example");
        DoubleColumn speed = DoubleColumn.create("examples/s");
        for (Run r : runs) {
            model.append(r.model());
            criterion.append(r.criterion());
            attack.append(r.attack());
            success.append(Math.round(1000 * r.result().successRate()) / 10.0);
            mean.append(round4(r.result().meanDistortion()));
            median.append(round4(r.result().medianDistortion()));
            evals.append(Math.round(10 * r.result().evaluationsPerExample()) / 10.0);
            speed.append(Math.round(10 * r.result().examplesPerSecond()) / 10.0);
        }
        return Table.create("attack shoot-out", model, criterion, attack, success, mean, median, evals, speed);
    }

    private static double round4(double v) {
        return Double.isFinite(v) ? Math.round(v * 1e4) / 1e4 : v;
    }
}
