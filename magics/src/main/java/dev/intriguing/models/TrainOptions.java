package dev.intriguing.models;

import dev.intriguing.datasets.api.Datasets;
import dev.intriguing.datasets.api.Splits;
import java.util.List;

/**
 * How a model is trained: data, split, epochs, batch size, learning rate and seed. The weight decay belongs to the
 * {@link ModelSpec}.
 *
 * <p>Training is Adam (β1 0.9, β2 0.999) with a cosine learning-rate schedule from {@code learningRate} down to 1% of
 * it over all steps, on shuffled mini-batches; the seed fixes the initial weights, the shuffling of every epoch and the
 * P1/P2 split, so the same spec, options and data give the same weights. {@code pretrainEpochs} is the number of
 * autoencoder epochs before the classifier epochs ({@code ae} specs only, else 0).
 *
 * <pre>{@code
 * TrainOptions o = TrainOptions.defaults(ModelSpec.parse("fc100-100-10"));   // mnist, train, 12 epochs, batch 64 ...
 * TrainOptions p1 = o.withSplit("p1").withSeed(7);
 * }</pre>
 *
 * @param data           data set name: {@code mnist} or {@code fashion-mnist}
 * @param split          {@code train} (all 60000), {@code p1} or {@code p2} (the paper's halves, split by
 *                       {@link Splits#DEFAULT_SEED})
 * @param epochs         classifier epochs, at least 1
 * @param batchSize      examples per step
 * @param learningRate   Adam's initial learning rate
 * @param seed           seed for initialisation and shuffling
 * @param pretrainEpochs autoencoder epochs before the classifier epochs (ae specs), else 0
 */
public record TrainOptions(String data, String split, int epochs, int batchSize, double learningRate, long seed,
                           int pretrainEpochs) {
    /** The splits a model can be trained on. */
    public static final List<String> SPLITS = List.of("train", "p1", "p2");
    /** The seed used when none is given. */
    public static final long DEFAULT_SEED = Splits.DEFAULT_SEED;

    public TrainOptions {
        Datasets.info(data);
        if (!SPLITS.contains(split)) {
            throw new IllegalArgumentException("split must be one of " + SPLITS + "; got '" + split + "'");
        }
        if (epochs < 1 || batchSize < 1 || pretrainEpochs < 0 || !(learningRate > 0) || !Double.isFinite(learningRate)) {
            throw new IllegalArgumentException("epochs and batch size must be >= 1, pretrain epochs >= 0 and the learning rate > 0; got "
                    + epochs + ", " + batchSize + ", " + pretrainEpochs + ", " + learningRate);
        }
    }

    /** The default settings of {@code spec} on MNIST's full training set: the ones the reproduction bands hold for. */
    public static TrainOptions defaults(ModelSpec spec) {
        return switch (spec.kind()) {
            case FC -> spec.numLayers() == 1
                    ? new TrainOptions("mnist", "train", 6, 128, 1e-2, DEFAULT_SEED, 0)
                    : new TrainOptions("mnist", "train", 12, 64, 2e-3, DEFAULT_SEED, 0);
            case AE -> new TrainOptions("mnist", "train", 10, 64, 2e-3, DEFAULT_SEED, 3);
            case CONV -> new TrainOptions("mnist", "train", 6, 64, 2e-3, DEFAULT_SEED, 0);
        };
    }

    public TrainOptions withData(String newData) {
        return new TrainOptions(newData, split, epochs, batchSize, learningRate, seed, pretrainEpochs);
    }

    public TrainOptions withSplit(String newSplit) {
        return new TrainOptions(data, newSplit, epochs, batchSize, learningRate, seed, pretrainEpochs);
    }

    public TrainOptions withEpochs(int newEpochs) {
        return new TrainOptions(data, split, newEpochs, batchSize, learningRate, seed, pretrainEpochs);
    }

    public TrainOptions withBatchSize(int newBatchSize) {
        return new TrainOptions(data, split, epochs, newBatchSize, learningRate, seed, pretrainEpochs);
    }

    public TrainOptions withLearningRate(double newLearningRate) {
        return new TrainOptions(data, split, epochs, batchSize, newLearningRate, seed, pretrainEpochs);
    }

    public TrainOptions withSeed(long newSeed) {
        return new TrainOptions(data, split, epochs, batchSize, learningRate, newSeed, pretrainEpochs);
    }

    public TrainOptions withPretrainEpochs(int newPretrainEpochs) {
        return new TrainOptions(data, split, epochs, batchSize, learningRate, seed, newPretrainEpochs);
    }

    /** The options as {@code %model train} flags. */
    @Override
    public String toString() {
        return "--data " + data + " --split " + split + " --epochs " + epochs + " --batch " + batchSize + " --lr "
                + learningRate + " --seed " + seed + (pretrainEpochs > 0 ? " --pretrain-epochs " + pretrainEpochs : "");
    }
}
