package dev.intriguing.models;

import dev.intriguing.core.Progress;
import dev.intriguing.datasets.api.ImageSet;

/**
 * A hook in {@link ModelTrainer}'s classifier epochs that appends extra labelled examples to every batch, made with
 * the network as it is at that step; adversarial training (paper section 4.2) is its one user. It keeps the training
 * loop ignorant of attacks: the loop only asks for rows and trains on them with the clean ones.
 *
 * <p>A mixer belongs to one training run: {@link #start} is called once before the first classifier epoch, then
 * {@link #mix} once per batch, on the training thread. It polls {@link Progress#interrupted()} in long work and
 * returns early; the loop then stops at its next interrupt check. It must not change the network's parameters.
 */
public interface BatchMixer {
    /** Adds nothing: plain training. */
    BatchMixer NONE = new BatchMixer() {
        @Override
        public int extraRows(int batchSize) {
            return 0;
        }

        @Override
        public int mix(Classifier current, int epoch, int batch, float[] pixels, float[] labels, int cleanRows) {
            return 0;
        }
    };

    /** The most rows {@link #mix} appends to a batch of {@code batchSize} clean images. */
    int extraRows(int batchSize);

    /**
     * Called once before the first classifier epoch.
     *
     * @param train           the training images (the mixer draws its sources from them)
     * @param seed            the training seed, so that the mixer's choices are repeatable
     * @param batchesPerEpoch batches in every epoch
     * @param progress        where to report long work
     */
    default void start(ImageSet train, long seed, int batchesPerEpoch, Progress progress) {
    }

    /**
     * Appends rows after the {@code cleanRows} clean ones: pixels at {@code pixels[cleanRows * inputSize ...]}, labels
     * at {@code labels[cleanRows ...]}; returns how many (at most {@link #extraRows}).
     *
     * @param current the network as it is now (a view: do not close it)
     * @param epoch   the epoch, from 1
     * @param batch   the batch within the epoch, from 0
     */
    int mix(Classifier current, int epoch, int batch, float[] pixels, float[] labels, int cleanRows);

    /** A few words for the progress line (e.g. the pool's state); empty by default. */
    default String status() {
        return "";
    }
}
