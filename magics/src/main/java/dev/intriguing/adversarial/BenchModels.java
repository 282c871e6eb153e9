package dev.intriguing.adversarial;

import dev.intriguing.datasets.api.Datasets;
import dev.intriguing.datasets.api.ImageSet;
import dev.intriguing.datasets.api.Part;
import dev.intriguing.models.Classifier;

/** Where the benchmark gets its model and images. */
final class BenchModels {
    private BenchModels() {
    }

    static Classifier fc100() {
        throw new UnsupportedOperationException("FC100-100-10 comes from the models package, not merged yet");
    }

    static ImageSet test() {
        return Datasets.standard().load("mnist", Part.TEST);
    }
}
