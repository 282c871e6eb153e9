package dev.intriguing.spectral;

import dev.intriguing.core.Progress;
import dev.intriguing.datasets.api.Datasets;
import dev.intriguing.datasets.api.ImageSet;
import dev.intriguing.datasets.api.Part;
import dev.intriguing.models.ModelSpec;
import dev.intriguing.models.ModelTrainer;
import dev.intriguing.models.TrainOptions;
import dev.intriguing.models.TrainedModel;
import java.util.HashMap;
import java.util.Map;

/** Quickly trained members of the model family (2 epochs on 1,500 real MNIST images), once per JVM; do not close. */
public final class SpectralFixtures {
    private static final Map<String, TrainedModel> MODELS = new HashMap<>();

    private SpectralFixtures() {
    }

    public static ImageSet test() {
        return Datasets.standard().load("mnist", Part.TEST);
    }

    public static synchronized TrainedModel quick(String spec) {
        return MODELS.computeIfAbsent(spec, s -> {
            ModelSpec ms = ModelSpec.parse(s);
            TrainOptions o = TrainOptions.defaults(ms).withEpochs(2).withSeed(5).withPretrainEpochs(
                    ms.kind() == ModelSpec.Kind.AE ? 1 : 0);
            ImageSet train = Datasets.standard().load("mnist", Part.TRAIN).slice(0, 1500).withName("mnist-train-1500");
            return ModelTrainer.train(ms, o, train, test().slice(0, 500).withName("mnist-test-500"), Progress.NONE);
        });
    }
}
