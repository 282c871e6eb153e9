package dev.intriguing.models;

import java.util.List;

/**
 * What a saved model records beside its parameters, as {@code manifest.json}: how it was made and how well it does.
 *
 * @param format          manifest format version ({@link ModelStore#FORMAT})
 * @param spec            canonical spec string
 * @param options         training settings
 * @param trainingData    the training set used, e.g. {@code mnist-train} or {@code mnist-train-p1}
 * @param trainExamples   its number of images
 * @param dataSha256      SHA-256 of the training images (float32 bits, big-endian) and labels (int32) as used
 * @param epochsCompleted classifier epochs finished (fewer than {@code options.epochs()} after an interrupt)
 * @param interrupted     whether training was stopped early by an interrupt
 * @param history         loss and train accuracy of each finished epoch
 * @param trainError      error rate on the training set used
 * @param testError       error rate on the data set's test part
 * @param trainSeconds    wall-clock seconds of training
 * @param engine          DJL engine and version that trained it
 * @param paramsSha256    SHA-256 of {@code params.djl}, checked on load
 */
public record ModelManifest(int format, String spec, TrainOptions options, String trainingData, int trainExamples,
                            String dataSha256, int epochsCompleted, boolean interrupted, List<EpochStats> history,
                            double trainError, double testError, double trainSeconds, String engine, String paramsSha256) {
    public ModelManifest {
        history = history == null ? List.of() : List.copyOf(history);
    }

    /** The same manifest with {@code sha} as the parameter-file checksum. */
    ModelManifest withParamsSha256(String sha) {
        return new ModelManifest(format, spec, options, trainingData, trainExamples, dataSha256, epochsCompleted,
                interrupted, history, trainError, testError, trainSeconds, engine, sha);
    }

    /** One finished epoch: its phase ({@code train} or {@code pretrain}), mean loss, train accuracy and seconds. */
    public record EpochStats(String phase, int epoch, double loss, double trainAccuracy, double seconds) {
    }
}
