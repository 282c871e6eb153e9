package dev.intriguing.units;

import dev.intriguing.datasets.api.AtomicFiles;
import dev.intriguing.datasets.api.ImageSet;
import dev.intriguing.datasets.api.WriteFailedException;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The paper's Figures 1 and 2 as data: for some units and some random directions of one layer, the top-k images of the
 * held-out set along each, with their labels and projections.
 *
 * <pre>{@code
 * %units --model c --layer fc1 --units 4 --random 4 --top 10 --as u
 * u.table()            // direction, top-k indices, labels, majority, purity ...
 * u.unitRows().get(0)  // Row[unit 0: images [3, 1862, ...]]
 * }</pre>
 *
 * <p>{@code render.UnitsRenders.grid(u)} draws it: the unit rows beside the random rows, each row labelled and each
 * image captioned with its label and its projection.
 */
public final class UnitsResult {
    /**
     * One direction and its top-k images.
     *
     * @param direction   the unit or random direction
     * @param where       where a conv unit sits (empty for dense units and random directions)
     * @param indices     the top-k image indices into the held-out set, best first
     * @param labels      their labels
     * @param projections their projections ⟨φ(x), v⟩
     * @param score       purity, entropy and coherence of the k images
     */
    public record Row(Direction direction, String where, int[] indices, int[] labels, float[] projections, Score score) {
        @Override
        public String toString() {
            return "Row[" + direction.label() + ": images " + Arrays.toString(indices) + ", labels "
                    + Arrays.toString(labels) + String.format(Locale.ROOT, ", purity %.1f%%]", 100 * score.purity());
        }
    }

    private final Activations activations;
    private final ImageSet images;
    private final List<String> classNames;
    private final int k;
    private final long seed;
    private final Directions.Basis basis;
    private final List<Row> rows;

    UnitsResult(Activations activations, ImageSet images, List<String> classNames, int k, long seed,
                Directions.Basis basis, List<Row> rows) {
        this.activations = activations;
        this.images = images;
        this.classNames = List.copyOf(classNames);
        this.k = k;
        this.seed = seed;
        this.basis = basis;
        this.rows = List.copyOf(rows);
    }

    public String model() {
        return activations.model();
    }

    public String layer() {
        return activations.layer();
    }

    /** The held-out set's name. */
    public String data() {
        return activations.data();
    }

    /** How the layer's units were read (dense, flattened or pooled conv), in words. */
    public String unitsInWords() {
        return activations.unitsInWords();
    }

    /** The held-out set I whose images the rows index. */
    public ImageSet images() {
        return images;
    }

    /** The names of the classes, indexed by label. */
    public List<String> classNames() {
        return classNames;
    }

    /** Images per row. */
    public int k() {
        return k;
    }

    public long seed() {
        return seed;
    }

    public Directions.Basis basis() {
        return basis;
    }

    /** Every row: the units first, then the random directions. */
    public List<Row> rows() {
        return rows;
    }

    /** The unit rows (Figure 1). */
    public List<Row> unitRows() {
        return rows.stream().filter(r -> r.direction().kind() == Direction.Kind.UNIT).toList();
    }

    /** The random-direction rows (Figure 2). */
    public List<Row> randomRows() {
        return rows.stream().filter(r -> r.direction().kind() == Direction.Kind.RANDOM).toList();
    }

    /** One line per row: direction, where, the top-k indices and labels, majority label, purity, entropy, coherence. */
    public Table table() {
        StringColumn dir = StringColumn.create("direction");
        StringColumn where = StringColumn.create("where");
        StringColumn idx = StringColumn.create("top-" + k + " images");
        StringColumn lab = StringColumn.create("labels");
        StringColumn maj = StringColumn.create("majority");
        DoubleColumn pur = DoubleColumn.create("purity %");
        DoubleColumn ent = DoubleColumn.create("entropy (bits)");
        DoubleColumn coh = DoubleColumn.create("coherence");
        for (Row r : rows) {
            dir.append(r.direction().label());
            where.append(r.where());
            idx.append(join(r.indices()));
            lab.append(join(r.labels()));
            maj.append(className(r.score().majority()));
            pur.append(Math.round(1000 * r.score().purity()) / 10.0);
            ent.append(Math.round(1000 * r.score().entropy()) / 1000.0);
            coh.append(Math.round(1000 * r.score().coherence()) / 1000.0);
        }
        Table t = Table.create(title());
        t.addColumns(dir);
        if (activations.conv()) {
            t.addColumns(where);
        }
        return t.addColumns(idx, lab, maj, pur, ent, coh);
    }

    /** The title: model, layer, data, k. */
    public String title() {
        return "top " + k + " images of " + images.name() + " along units and random directions of " + layer() + " ("
                + model() + ")";
    }

    private String className(int label) {
        String name = label < classNames.size() ? classNames.get(label) : "";
        return name.isEmpty() || name.equals(Integer.toString(label)) ? Integer.toString(label) : label + " " + name;
    }

    private static String join(int[] v) {
        return Arrays.stream(v).mapToObj(Integer::toString).collect(Collectors.joining(" "));
    }

    /**
     * Writes one line per row and rank (direction, rank, image index, label, projection) as CSV, atomically, with
     * full precision.
     */
    public Path toCsv(Path file) {
        return Csv.write(file, "direction,kind,id,where,rank,image,label,projection", w -> {
            for (Row r : rows) {
                for (int i = 0; i < r.indices().length; i++) {
                    w.write(String.format(Locale.ROOT, "%s,%s,%d,%s,%d,%d,%d,%s%n", r.direction().label(),
                            r.direction().kind().name().toLowerCase(Locale.ROOT), r.direction().id(),
                            Csv.quote(r.where()), i + 1, r.indices()[i], r.labels()[i], Float.toString(r.projections()[i])));
                }
            }
        });
    }

    @Override
    public String toString() {
        double unitPurity = unitRows().stream().mapToDouble(r -> r.score().purity()).average().orElse(Double.NaN);
        double randomPurity = randomRows().stream().mapToDouble(r -> r.score().purity()).average().orElse(Double.NaN);
        return String.format(Locale.ROOT, "UnitsResult[%s of %s on %s (%s): %d unit rows (mean purity %.1f%%), %d random"
                        + " rows (mean purity %.1f%%), top %d]", layer(), model(), data(), unitsInWords(),
                unitRows().size(), 100 * unitPurity, randomRows().size(), 100 * randomPurity, k);
    }

    /** Atomic CSV writing shared by the results of this package. */
    static final class Csv {
        private Csv() {
        }

        /** Body of a CSV file. */
        @FunctionalInterface
        interface Body {
            void write(Writer w) throws IOException;
        }

        /**
         * Writes {@code header} and {@code body} to a temporary file, then renames it into place ({@link AtomicFiles});
         * a full disk or a read-only directory is a {@link WriteFailedException} naming {@code file}.
         */
        static Path write(Path file, String header, Body body) {
            try {
                AtomicFiles.writeText(file, w -> {
                    w.write(header + "\n");
                    body.write(w);
                });
                return file;
            } catch (IOException e) {
                throw new WriteFailedException(file, e);
            }
        }

        /** A CSV field, quoted when it holds a comma or a quote. */
        static String quote(String s) {
            return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
        }
    }
}
