package dev.intriguing.magics;

import dev.intriguing.datasets.api.DatasetInfo;
import dev.intriguing.datasets.api.Datasets;
import dev.intriguing.datasets.api.ImageSet;
import dev.intriguing.datasets.api.Split;
import dev.intriguing.render.DatasetView;
import dev.intriguing.session.Session;
import io.github.spencerpark.jupyter.kernel.magic.registry.LineMagic;
import io.github.spencerpark.jupyter.kernel.magic.registry.MagicsArgs;
import java.util.List;
import java.util.OptionalLong;

/**
 * {@code %dataset NAME [--split train|test|p1|p2] [--limit N [--seed S]] [--as VAR]}: loads a verified data set, shows
 * its counts per label and a grid of samples, and binds the image set for code cells.
 *
 * <p>{@code p1} and {@code p2} are always the paper's fixed halves, the ones {@code %model train --split p1|p2} trains
 * on. {@code --limit N} keeps the first N images; with {@code --seed S} it keeps N images drawn at random by seed S
 * instead (in their original order). The seed never changes the split.
 *
 * <pre>{@code
 * %dataset mnist --split test --limit 1000 --as test
 * test.size()   // 1000
 * }</pre>
 */
public final class DatasetMagic implements Magic {
    public static final MagicSpec SPEC = new MagicSpec("dataset", List.of(),
            "load a data set (train, test, or the paper's disjoint halves P1/P2), show counts per label and samples, bind the image set",
            "%dataset NAME [--split train|test|p1|p2] [--limit N [--seed S]] [--as VAR]",
            "%dataset mnist --split test --limit 1000 --as test");

    private static final MagicsArgs SCHEMA = MagicsArgs.builder().required("name")
            .keyword("split").keyword("limit").keyword("seed").keyword("as")
            .onlyKnownKeywords().onlyKnownFlags().build();
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

    /**
     * The validated options of one call; {@code toString()} is the canonical command line.
     *
     * @param limit how many images to keep, 0 for all
     * @param seed  the seed that draws the {@code limit} images at random; empty for the first {@code limit}
     */
    public record DatasetOptions(String name, Split split, int limit, OptionalLong seed, String as) {
        static DatasetOptions parse(List<String> args) {
            Options o = Options.parse(SPEC, SCHEMA, args);
            String name = o.required("name");
            if (!Datasets.names().contains(name)) {
                throw o.error("unknown data set '" + name + "': expected one of " + String.join(", ", Datasets.names()) + ".");
            }
            Split split = Split.parse(o.choice("split", Split.TRAIN.label(), Split.labels(List.of(Split.values()))));
            int limit = o.integer("limit", 0, 1, Integer.MAX_VALUE);
            if (o.string("seed").isPresent() && limit == 0) {
                throw o.error("--seed draws the --limit N images at random; give --limit too. (It never changes the split: "
                        + "p1 and p2 are always the paper's fixed halves.)");
            }
            OptionalLong seed = o.string("seed").isPresent() ? OptionalLong.of(o.longValue("seed", 0)) : OptionalLong.empty();
            String as = o.name("as", name.replaceAll("[^A-Za-z0-9_]", "_") + (split == Split.TRAIN ? "" : "_" + split));
            return new DatasetOptions(name, split, limit, seed, as);
        }

        @Override
        public String toString() {
            return "%dataset " + name + " --split " + split + (limit > 0 ? " --limit " + limit : "")
                    + (seed.isPresent() ? " --seed " + seed.getAsLong() : "") + " --as " + as;
        }
    }

    @LineMagic("dataset")
    public DatasetView dataset(List<String> args) {
        DatasetOptions o = DatasetOptions.parse(args);
        DatasetInfo info = Datasets.info(o.name());
        ImageSet set = session.datasets().load(o.name(), o.split());
        String shown = o.split().label();
        if (o.limit() > 0) {
            if (o.seed().isPresent()) {
                set = set.sample(o.limit(), o.seed().getAsLong());
                shown += ", " + set.size() + " drawn with seed " + o.seed().getAsLong();
            } else {
                set = o.limit() < set.size() ? set.slice(0, o.limit()) : set;
                shown += ", first " + set.size();
            }
        }
        DatasetView view = new DatasetView(o.name(), shown, set, info.classNames(), SAMPLES);
        session.put(o.as(), set);
        displayer.display(view);
        return view;
    }
}
