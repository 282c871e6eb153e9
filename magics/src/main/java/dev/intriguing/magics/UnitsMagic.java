package dev.intriguing.magics;

import dev.intriguing.datasets.api.Datasets;
import dev.intriguing.datasets.api.ImageSet;
import dev.intriguing.datasets.api.Part;
import dev.intriguing.models.LayerInfo;
import dev.intriguing.models.TrainedModel;
import dev.intriguing.session.Session;
import dev.intriguing.units.ActivationCache;
import dev.intriguing.units.Activations;
import dev.intriguing.units.Directions;
import dev.intriguing.units.Pooling;
import dev.intriguing.units.UnitChoice;
import dev.intriguing.units.Units;
import io.github.spencerpark.jupyter.kernel.magic.registry.LineMagic;
import io.github.spencerpark.jupyter.kernel.magic.registry.MagicsArgs;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * {@code %units}: the paper's section 3 in one cell. The grid form shows the images of a held-out set that most excite
 * some units of a layer beside those that most excite random directions (Figures 1 and 2); {@code --score} measures
 * every live unit against as many random directions (the verdict).
 *
 * <p>Activations are computed once per (model, layer, pooling, data, limit) in this session and reused; rebinding the
 * model's or the data's name drops them.
 *
 * <pre>{@code
 * %units --model c --layer fc1 --units 4 --random 4 --top 10 --as u
 * %units --model c --layer fc1 --score --as s
 * s.table()
 * }</pre>
 */
public final class UnitsMagic implements Magic {
    public static final MagicSpec SPEC = new MagicSpec("units", List.of(),
            "top images along units vs random directions of a layer (paper section 3, Figures 1-2); --score for the verdict",
            "%units --model NAME --layer NAME|INDEX [--data mnist|fashion-mnist|VAR] [--limit N] [--pool none|max|mean] "
                    + "[--units N|random:N|I,J,...] [--random N] [--basis gaussian|orthogonal] [--top K] [--seed S] "
                    + "[--score [--top K1,K2]] [--as VAR]",
            "%units --model a --layer fc1 --units 4 --random 4 --top 10 --as u");

    private static final MagicsArgs SCHEMA = MagicsArgs.builder()
            .keyword("model").keyword("layer").keyword("data").keyword("limit").keyword("pool").keyword("units")
            .keyword("random").keyword("basis").keyword("top").keyword("seed").keyword("as").keyword("score")
            .onlyKnownKeywords().onlyKnownFlags().build();

    private final Session session;
    private final Displayer displayer;
    private final ActivationCache cache = new ActivationCache();

    public UnitsMagic(MagicContext context) {
        this.session = context.session();
        this.displayer = context.displayer();
        if (session != null) {
            // The listener holds the cache alone, not this magic: the session must never reach the kernel through
            // the displayer, or the extension's weak registry (kernel -> session) would keep every kernel alive.
            ActivationCache activations = cache;
            session.onBind((name, value) -> activations.invalidate(name));
        }
    }

    @Override
    public MagicSpec spec() {
        return SPEC;
    }

    /** The activations this magic has computed in its session. */
    public ActivationCache cache() {
        return cache;
    }

    /**
     * The validated options of one call; {@code toString()} is the canonical command line.
     *
     * @param data  a data-set name (its test split) or a session name; {@code null} for the model's own test split
     * @param limit the first {@code limit} images of the held-out set; 0 for all
     */
    public record UnitsOptions(String model, String layer, String data, int limit, Pooling pooling, UnitChoice units,
                               int random, Directions.Basis basis, int[] top, long seed, boolean score, String as) {
        static UnitsOptions parse(List<String> args) {
            // basekernel's long options always take a value (its flags are single letters), so a bare --score is
            // read as --score=true
            Options o = Options.parse(SPEC, SCHEMA, args.stream().map(a -> a.equals("--score") ? "--score=true" : a)
                    .toList());
            String model = o.required("model");
            String layer = o.required("layer");
            String data = o.string("data").orElse(null);
            int limit = o.integer("limit", 0, 1, Integer.MAX_VALUE);
            Pooling pooling = Pooling.of(o.choice("pool", "none", List.of("none", "max", "mean")));
            Directions.Basis basis = Directions.Basis.of(o.choice("basis", "gaussian", List.of("gaussian", "orthogonal")));
            boolean score = o.string("score").isPresent();
            if (score && !o.string("score").get().equals("true")) {
                throw o.error("--score takes no value; got --score=" + o.string("score").get() + ".");
            }
            boolean hasUnits = o.string("units").isPresent();
            boolean hasRandom = o.string("random").isPresent();
            if (score && (hasUnits || hasRandom)) {
                throw o.error("--score scores every live unit against as many random directions; leave out --units and"
                        + " --random, or leave out --score for the grid.");
            }
            UnitChoice units = UnitChoice.first(hasUnits || hasRandom ? 0 : 4);
            if (hasUnits) {
                try {
                    units = UnitChoice.parse(o.string("units").get());
                } catch (IllegalArgumentException e) {
                    throw o.error("--units " + e.getMessage() + ".");
                }
            }
            int random = o.integer("random", hasUnits || hasRandom ? 0 : 4, 0, 10_000);
            if (!score && units.count() + random == 0) {
                throw o.error("nothing to show: ask for at least one unit or random direction.");
            }
            int[] top = score ? topList(o) : new int[] {o.integer("top", 10, 1, 1000)};
            long seed = o.longValue("seed", 0);
            String as = o.name("as", score ? "verdict" : "units");
            return new UnitsOptions(model, layer, data, limit, pooling, units, random, basis, top, seed, score, as);
        }

        private static int[] topList(Options o) {
            String s = o.string("top", "10,100");
            try {
                int[] ks = Arrays.stream(s.split(",")).map(String::strip).mapToInt(Integer::parseInt).distinct().toArray();
                if (ks.length > 0 && Arrays.stream(ks).allMatch(k -> k >= 2 && k <= 1000)) {
                    return ks;
                }
            } catch (NumberFormatException e) {
                // falls through to the error below
            }
            throw o.error("--top with --score expects one or more k from 2 to 1000, separated by commas (the verdict"
                    + " compares pairs of images); got '" + s + "'.");
        }

        /** The science options: top k, seed, basis, and the class names of {@code images}. */
        Units analysis(ImageSet images) {
            return Units.builder().optTop(top).optSeed(seed).optBasis(basis).optClassNames(classNames(images)).build();
        }

        @Override
        public String toString() {
            return "%units --model " + model + " --layer " + layer + (data == null ? "" : " --data " + data)
                    + (limit > 0 ? " --limit " + limit : "") + " --pool " + pooling.option()
                    + (score ? " --score" : " --units " + units + " --random " + random) + " --basis " + basis.option()
                    + " --top " + Arrays.stream(top).mapToObj(Integer::toString).collect(Collectors.joining(","))
                    + " --seed " + seed + " --as " + as;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof UnitsOptions u && u.toString().equals(toString());
        }

        @Override
        public int hashCode() {
            return toString().hashCode();
        }
    }

    @LineMagic("units")
    public Object units(List<String> args) {
        UnitsOptions o = UnitsOptions.parse(args);
        TrainedModel model = lookUp(o.model());
        LayerInfo layer = layerOf(model, o.layer());
        ImageSet full = dataOf(model, o);
        ImageSet heldOut = firstImages(full, o.limit());
        check(o, model, layer, heldOut);
        Activations a = cache.get(new ActivationCache.Key(model, o.model(), layer.name(), o.pooling(), full,
                o.data() == null ? full.name() : o.data(), heldOut.size()),
                () -> Activations.of(model, layer, heldOut, o.pooling()));
        Object result;
        try {
            Units analysis = o.analysis(heldOut);
            result = o.score() ? analysis.score(a, heldOut) : analysis.grid(a, heldOut, o.units(), o.random());
        } catch (IllegalArgumentException e) {
            throw MagicUsageException.of(SPEC, e.getMessage() + ".");
        }
        session.put(o.as(), result);
        displayer.display(result);
        return result;
    }

    private TrainedModel lookUp(String name) {
        try {
            return session.get(name, TrainedModel.class, "model");
        } catch (Session.UnknownNameException e) {
            throw MagicUsageException.of(SPEC, e.getMessage());
        }
    }

    /** The layer by name or index; an unknown one gets the list of the model's layers. */
    private static LayerInfo layerOf(TrainedModel model, String layer) {
        for (LayerInfo l : model.layers()) {
            if (l.name().equals(layer) || Integer.toString(l.index()).equals(layer)) {
                return l;
            }
        }
        String known = model.layers().stream().map(l -> l.index() + ":" + l.name() + " " + Arrays.toString(l.outputShape()))
                .collect(Collectors.joining(", "));
        throw MagicUsageException.of(SPEC, "model " + model.name() + " has no layer '" + layer + "'; its layers are "
                + known + " (give a name or an index).");
    }

    /** The held-out set: the test split of a catalogue data set, an image set bound in the session, or the model's own. */
    private ImageSet dataOf(TrainedModel model, UnitsOptions o) {
        String name = o.data() == null ? ownDataSet(model) : o.data();
        if (Datasets.names().contains(name)) {
            return session.datasets().load(name, Part.TEST);
        }
        if (session.find(name).orElse(null) instanceof ImageSet set) {
            return set;
        }
        throw MagicUsageException.of(SPEC, "--data expects a data set (" + String.join(", ", Datasets.names())
                + "; its test split is used) or the name of an image set in this session (" + (session.names(ImageSet.class)
                .isEmpty() ? "none yet" : String.join(", ", session.names(ImageSet.class))) + "); got '" + name + "'.");
    }

    /** The first {@code limit} images of {@code full} (all of them for 0). */
    private static ImageSet firstImages(ImageSet full, int limit) {
        if (limit > full.size()) {
            throw MagicUsageException.of(SPEC, "--limit " + limit + " asks for more images than " + full.name() + " has ("
                    + full.size() + ").");
        }
        return limit > 0 ? full.slice(0, limit) : full;
    }

    private static String ownDataSet(TrainedModel model) {
        return model.manifest() != null && model.manifest().options() != null ? model.manifest().options().data() : "mnist";
    }

    /** Checks that need the model and the data, before anything is computed. */
    private static void check(UnitsOptions o, TrainedModel model, LayerInfo layer, ImageSet heldOut) {
        if (heldOut.pixelsPerImage() != model.inputSize()) {
            throw MagicUsageException.of(SPEC, "model " + o.model() + " takes " + model.inputSize() + " pixels per image; "
                    + heldOut.name() + " has " + heldOut.pixelsPerImage() + ".");
        }
        boolean conv = layer.outputShape().length == 3;
        if (!conv && o.pooling() != Pooling.NONE) {
            throw MagicUsageException.of(SPEC, "--pool " + o.pooling().option() + " reduces each channel of a conv layer"
                    + " to one unit, and " + layer.name() + " is dense (" + layer.outputSize() + " units); leave it out.");
        }
        int kMax = Arrays.stream(o.top()).max().orElse(0);
        if (kMax > heldOut.size()) {
            throw MagicUsageException.of(SPEC, "--top " + kMax + " asks for more images than the held-out set "
                    + heldOut.name() + " has (" + heldOut.size() + "); lower --top or raise --limit.");
        }
        long d = conv && o.pooling() != Pooling.NONE ? layer.outputShape()[0] : layer.outputSize();
        for (int u : o.units().list()) {
            if (u >= d) {
                throw MagicUsageException.of(SPEC, "unit " + u + " is out of range: layer " + layer.name() + " has " + d
                        + " units, 0 to " + (d - 1) + ".");
            }
        }
        if (o.basis() == Directions.Basis.ORTHOGONAL && o.random() > d) {
            throw MagicUsageException.of(SPEC, "an orthogonal basis of " + layer.name() + " has at most " + d
                    + " directions; asked for --random " + o.random() + ".");
        }
    }

    /** The class names of the catalogue data set an image set was cut from, by its name; none when unknown. */
    static List<String> classNames(ImageSet images) {
        return Datasets.names().stream().sorted(Comparator.comparingInt(String::length).reversed())
                .filter(n -> images.name().equals(n) || images.name().startsWith(n + "-"))
                .findFirst().map(n -> Datasets.info(n).classNames()).orElse(null);
    }
}
