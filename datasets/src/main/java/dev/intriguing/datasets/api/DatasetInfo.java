package dev.intriguing.datasets.api;

import java.util.List;

/**
 * What the catalogue knows of one data set: its name, where it comes from, and its four IDX files.
 *
 * @param name         the catalogue name, as typed in a magic ({@code mnist})
 * @param title        a human title
 * @param source       where the files come from, in words
 * @param fileSuffix   {@code ""} for plain IDX files, {@code ".gz"} for gzip'd ones
 * @param classNames   the names of the classes, indexed by label
 */
public record DatasetInfo(String name, String title, String source, String fileSuffix, List<String> classNames) {

    /** The file name of the image ({@code images == true}) or label file of {@code part}. */
    public String fileName(Part part, boolean images) {
        return part.filePrefix() + (images ? "-images-idx3-ubyte" : "-labels-idx1-ubyte") + fileSuffix;
    }

    /** The four file names: train images, train labels, test images, test labels. */
    public List<String> fileNames() {
        return List.of(fileName(Part.TRAIN, true), fileName(Part.TRAIN, false), fileName(Part.TEST, true),
                fileName(Part.TEST, false));
    }

    /** The command that fetches and verifies this data set again. */
    public String fetchCommand() {
        return "./intriguing data fetch " + name;
    }
}
