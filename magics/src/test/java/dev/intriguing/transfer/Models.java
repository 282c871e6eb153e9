package dev.intriguing.transfer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import dev.intriguing.adversarial.AttackResult;
import dev.intriguing.adversarial.Criterion;
import dev.intriguing.adversarial.LbfgsAttack;
import dev.intriguing.adversarial.SmallMlp;
import dev.intriguing.adversarial.Targets;
import dev.intriguing.core.Progress;
import dev.intriguing.datasets.api.Datasets;
import dev.intriguing.datasets.api.ImageSet;
import dev.intriguing.datasets.api.Part;
import dev.intriguing.models.Classifier;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Test fixtures: two different classifiers on real MNIST (the test-scope {@link SmallMlp}, and the same network with
 * a fixed bias on its logits, which moves its decision boundaries) and their adversarial examples, made once per JVM.
 */
public final class Models {
    private static final Map<String, AttackResult> SETS = new ConcurrentHashMap<>();
    private static Classifier biased;

    private Models() {
    }

    public static Classifier mlp() {
        return SmallMlp.trained();
    }

    /** SmallMlp with +1.5 added to the logit of class 3 and -1 to class 5. */
    public static synchronized Classifier biased() {
        if (biased == null) {
            Classifier inner = SmallMlp.trained();
            float[] bias = new float[10];
            bias[3] = 1.5f;
            bias[5] = -1f;
            biased = new Classifier() {
                @Override
                public String name() {
                    return "biased";
                }

                @Override
                public int inputSize() {
                    return 784;
                }

                @Override
                public int numClasses() {
                    return 10;
                }

                @Override
                public NDArray logits(NDArray x) {
                    return inner.logits(x).add(x.getManager().create(bias, new Shape(1, 10)));
                }

                @Override
                public long forwardFlopsPerExample() {
                    return inner.forwardFlopsPerExample();
                }
            };
        }
        return biased;
    }

    /** The first {@code count} MNIST test images. */
    public static ImageSet test(int count) {
        return Datasets.standard().load("mnist", Part.TEST).slice(0, count);
    }

    /** Random-target L-BFGS examples for {@code model} on the first 8 test images it classifies correctly. */
    public static AttackResult random(Classifier model) {
        return SETS.computeIfAbsent("random " + model.name(), k -> LbfgsAttack.builder().optBatchSize(16).build()
                .run(model, test(8), 0, Criterion.targeted(Targets.random(0)), List.of(), false, Progress.NONE));
    }

    /** Minimal untargeted distortion ({@code --target all}) for {@code model} on the first 6 test images. */
    public static AttackResult all(Classifier model) {
        return SETS.computeIfAbsent("all " + model.name(), k -> LbfgsAttack.builder().optBatchSize(54).build()
                .run(model, test(6), 0, Criterion.targeted(Targets.all()), List.of(), false, Progress.NONE));
    }
}
