package dev.intriguing.magics;

import dev.intriguing.datasets.api.DatasetInfo;
import dev.intriguing.datasets.api.Datasets;
import dev.intriguing.datasets.api.ImageSet;
import dev.intriguing.datasets.api.Part;
import dev.intriguing.datasets.api.Splits;
import dev.intriguing.render.DatasetView;
import dev.intriguing.session.Session;
import io.github.spencerpark.jupyter.kernel.magic.registry.LineMagic;
import io.github.spencerpark.jupyter.kernel.magic.registry.MagicsArgs;
import java.util.List;

/**
 * {@code %dataset NAME [--split train|test|p1|p2] [--limit N] [--seed S] [--as VAR]}: loads a verified data set, shows
 * its counts per label and a grid of samples, and binds the image set for code cells.
 *
 * <pre>{@code
 * %dataset mnist --split test --limit 1000 --as test
 * test.size()   // 1000
 * }</pre>
 */
public final class DatasetMagic implements Magic {
    public static final MagicSpec SPEC = new MagicSpec("dataset", List.of(),
            "load a data set (train, test, or the paper's disjoint halves P1/P2), show counts per label and samples, bind the image set",
            "%dataset NAME [--split train|test|p1|p2] [--limit N] [--seed S] [--as VAR]",
            "%dataset mnist --split test --limit 1000 --as test");

    private static final MagicsArgs SCHEMA = MagicsArgs.builder().required("name")
            .keyword("split").keyword("limit").keyword("seed").keyword("as")
            .onlyKnownKeywords().onlyKnownFlags().build();
    private static final List<String> SPLITS = List.of("train", "test", "p1", "p2");
    private static final int SAMPLES = 20;

    private final Session session;
    private final Displayer displayer;

    public DatasetMagic(MagicContext context) {
        this.session = context.session();
        this.displayer = context.displayer();
    }

    @Override
    public MagicSpec spec() {
        return SPEC;
    }

    /** The validated options of one call; {@code toString()} is the canonical command line. */
    public record DatasetOptions(String name, String split, int limit, long seed, String as) {
        static DatasetOptions parse(List<String> args) {
            Options o = Options.parse(SPEC, SCHEMA, args);
            String name = o.required("name");
            if (!Datasets.names().contains(name)) {
                throw o.error("unknown data set '" + name + "': expected one of " + String.join(", ", Datasets.names()) + ".");
            }
            String split = o.choice("split", "train", SPLITS);
            int limit = o.integer("limit", 0, 1, Integer.MAX_VALUE);
            if (o.string("seed").isPresent() && !split.startsWith("p")) {
                throw o.error("--seed chooses the halves of --split p1 or p2; it does nothing for --split " + split + ".");
            }
            long seed = o.longValue("seed", Splits.DEFAULT_SEED);
            String as = o.name("as", name.replaceAll("[^A-Za-z0-9_]", "_") + (split.equals("train") ? "" : "_" + split));
            return new DatasetOptions(name, split, limit, seed, as);
        }

        @Override
        public String toString() {
            return "%dataset " + name + " --split " + split + (limit > 0 ? " --limit " + limit : "")
                    + (split.startsWith("p") ? " --seed " + seed : "") + " --as " + as;
        }
    }

    @LineMagic("dataset")
    public DatasetView dataset(List<String> args) {
        DatasetOptions o = DatasetOptions.parse(args);
        DatasetInfo info = Datasets.info(o.name());
        Datasets data = session.datasets();
        ImageSet set = switch (o.split()) {
            case "test" -> data.load(o.name(), Part.TEST);
            case "p1" -> data.halves(o.name(), o.seed()).p1();
            case "p2" -> data.halves(o.name(), o.seed()).p2();
            default -> data.load(o.name(), Part.TRAIN);
        };
        if (o.limit() > 0 && o.limit() < set.size()) {
            set = set.slice(0, o.limit());
        }
        DatasetView view = new DatasetView(o.name(), o.split() + (o.limit() > 0 ? ", first " + set.size() : ""), set,
                info.classNames(), SAMPLES);
        session.put(o.as(), set);
        displayer.display(view);
        return view;
    }
}
