package dev.intriguing.models;

import dev.intriguing.core.Progress;
import dev.intriguing.datasets.api.Datasets;
import dev.intriguing.datasets.api.ImageSet;
import dev.intriguing.datasets.api.Part;

/** Small real-MNIST subsets and quickly trained models for the quick tests. */
final class Fixtures {
    private Fixtures() {
    }

    static ImageSet smallTrain() {
        return Datasets.standard().load("mnist", Part.TRAIN).slice(0, 1500).withName("mnist-train-1500");
    }

    static ImageSet smallTest() {
        return Datasets.standard().load("mnist", Part.TEST).slice(0, 500).withName("mnist-test-500");
    }

    static TrainedModel quick(String spec, long seed) {
        ModelSpec s = ModelSpec.parse(spec);
        TrainOptions o = TrainOptions.defaults(s).withEpochs(2).withSeed(seed).withPretrainEpochs(
                s.kind() == ModelSpec.Kind.AE ? 1 : 0);
        return ModelTrainer.train(s, o, smallTrain(), smallTest(), Progress.NONE);
    }
}
