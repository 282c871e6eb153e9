package dev.intriguing.adversarial;

import dev.intriguing.datasets.api.Datasets;
import dev.intriguing.datasets.api.ImageSet;
import dev.intriguing.datasets.api.Part;
import dev.intriguing.models.ModelCache;
import dev.intriguing.models.ModelSpec;
import dev.intriguing.models.TrainedModel;

/** Where the benchmark gets its model and images. */
final class BenchModels {
    private BenchModels() {
    }

    /** The paper's FC100-100-10 with default training, from the model cache (trained on first use); close it. */
    static TrainedModel fc100() {
        return new ModelCache(Datasets.standard()).trained(ModelSpec.fc100x100x10());
    }

    static ImageSet test() {
        return Datasets.standard().load("mnist", Part.TEST);
    }
}
