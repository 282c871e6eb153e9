package dev.intriguing.datasets.api;

/** Which file pair of a data set: the training images or the test images. */
public enum Part {
    TRAIN("train"),
    TEST("t10k");

    private final String filePrefix;

    Part(String filePrefix) {
        this.filePrefix = filePrefix;
    }

    /** The prefix of this part's IDX file names, {@code train} or {@code t10k}. */
    public String filePrefix() {
        return filePrefix;
    }
}
