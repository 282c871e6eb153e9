package dev.intriguing.render;

import dev.intriguing.datasets.api.ImageSet;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Objects;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * What {@code %dataset} shows: an image set with its class names, as a table of counts per label and a grid of the
 * first images with their labels.
 *
 * <pre>{@code
 * %dataset mnist --split test --limit 100
 * // mnist (test, first 100): 100 images of 28x28, 10 classes   + a table of counts per label + a grid of samples
 * }</pre>
 *
 * @param dataset    the catalogue name, e.g. {@code mnist}
 * @param split      {@code train}, {@code test}, {@code p1} or {@code p2}
 * @param images     the images (already limited)
 * @param classNames the class names, indexed by label
 * @param samples    how many images the grid shows (the first ones)
 */
public record DatasetView(String dataset, String split, ImageSet images, List<String> classNames, int samples) {
    public DatasetView {
        Objects.requireNonNull(images, "images");
        classNames = List.copyOf(classNames);
    }

    /** Counts per label: label, class name, count and share of the set. */
    public Table table() {
        int[] counts = images.labelCounts();
        int n = counts.length;
        int[] labels = new int[n];
        String[] names = new String[n];
        double[] share = new double[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i;
            names[i] = i < classNames.size() ? classNames.get(i) : String.valueOf(i);
            share[i] = images.size() == 0 ? 0 : Math.round(1000.0 * counts[i] / images.size()) / 10.0;
        }
        return Table.create(title()).addColumns(IntColumn.create("label", labels), StringColumn.create("class", names),
                IntColumn.create("count", counts), DoubleColumn.create("share %", share));
    }

    /** The first {@code samples} images in a grid, each captioned with its class name. */
    public BufferedImage grid() {
        ImageGrid.Builder b = ImageGrid.builder(images.height(), images.width()).columns(10).scale(2)
                .title("first " + Math.min(samples, images.size()) + " of " + images.size() + " images");
        for (int i = 0; i < Math.min(samples, images.size()); i++) {
            int label = images.label(i);
            b.add(images.image(i), label < classNames.size() ? classNames.get(label) : String.valueOf(label));
        }
        return b.build();
    }

    /** A heading such as {@code mnist (test): 10000 images of 28x28, 10 classes}. */
    public String title() {
        return dataset + " (" + split + "): " + images.size() + " images of " + images.height() + "x" + images.width()
                + ", " + images.numClasses() + " classes";
    }

    @Override
    public String toString() {
        int[] counts = images.labelCounts();
        StringBuilder b = new StringBuilder(title()).append("\ncounts per label:");
        for (int i = 0; i < counts.length; i++) {
            b.append(i == 0 ? " " : ", ").append(i).append('=').append(counts[i]);
        }
        return b.toString();
    }
}
