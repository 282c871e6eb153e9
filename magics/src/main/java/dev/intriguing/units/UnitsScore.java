package dev.intriguing.units;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.style.Styler;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The verdict for one layer: every live unit and as many random directions, each scored on its top-k images, and the
 * difference of the means per score with a bootstrap 95% interval and a permutation p-value.
 *
 * <pre>{@code
 * %units --model c --layer fc1 --score --as s
 * s.table()                  // per k and score: mean, median, IQR for units and for random directions, difference, CI, p
 * s.chart()                  // the two purity distributions at the first k, overlaid
 * s.toCsv(Path.of("s.csv"))  // one line per direction and k, full precision
 * }</pre>
 */
public final class UnitsScore {
    /** The verdict for one k and one score. */
    public record Line(int k, Score.Measure measure, Stats.Summary units, Stats.Summary random, Stats.Comparison comparison) {
    }

    private final Activations activations;
    private final String data;
    private final int[] ks;
    private final long seed;
    private final Directions.Basis basis;
    private final Map<Integer, List<Score>> unitScores;
    private final Map<Integer, List<Score>> randomScores;
    private final List<Line> lines;
    private final double seconds;

    UnitsScore(Activations activations, int[] ks, long seed, Directions.Basis basis, Map<Integer, List<Score>> unitScores,
               Map<Integer, List<Score>> randomScores, int resamples, int permutations, double seconds) {
        this.activations = activations;
        this.data = activations.data();
        this.ks = ks.clone();
        this.seed = seed;
        this.basis = basis;
        this.unitScores = new LinkedHashMap<>(unitScores);
        this.randomScores = new LinkedHashMap<>(randomScores);
        this.seconds = seconds;
        List<Line> out = new ArrayList<>();
        for (int k : ks) {
            for (Score.Measure m : Score.Measure.values()) {
                double[] u = values(unitScores.get(k), m);
                double[] r = values(randomScores.get(k), m);
                out.add(new Line(k, m, Stats.summary(u), Stats.summary(r),
                        Stats.compare(u, r, seed + 31L * k + m.ordinal(), resamples, permutations)));
            }
        }
        this.lines = List.copyOf(out);
    }

    private static double[] values(List<Score> scores, Score.Measure m) {
        return scores.stream().mapToDouble(s -> s.get(m)).toArray();
    }

    public String model() {
        return activations.model();
    }

    public String layer() {
        return activations.layer();
    }

    /** The held-out set's name. */
    public String data() {
        return data;
    }

    /** How the layer's units were read, in words. */
    public String unitsInWords() {
        return activations.unitsInWords();
    }

    /** Units of the layer, dead ones included. */
    public int units() {
        return activations.units();
    }

    /** Units constant over the held-out set, left out of the verdict. */
    public int deadUnits() {
        return activations.deadCount();
    }

    /** Units scored: the live ones; as many random directions were scored. */
    public int liveUnits() {
        return activations.units() - activations.deadCount();
    }

    /** The k values scored, in order. */
    public int[] ks() {
        return ks.clone();
    }

    public long seed() {
        return seed;
    }

    public Directions.Basis basis() {
        return basis;
    }

    /** Wall-clock seconds of the scoring (activations excluded). */
    public double seconds() {
        return seconds;
    }

    /** The per-unit scores at {@code k}. */
    public List<Score> unitScores(int k) {
        return unitScores.get(checkK(k));
    }

    /** The per-random-direction scores at {@code k}. */
    public List<Score> randomScores(int k) {
        return randomScores.get(checkK(k));
    }

    private int checkK(int k) {
        if (!unitScores.containsKey(k)) {
            throw new IllegalArgumentException("scored k = " + Arrays.toString(ks) + "; got " + k);
        }
        return k;
    }

    /** Every verdict line: per k, purity, entropy and coherence. */
    public List<Line> lines() {
        return lines;
    }

    /** The verdict line for {@code k} and {@code measure}. */
    public Line line(int k, Score.Measure measure) {
        checkK(k);
        return lines.stream().filter(l -> l.k() == k && l.measure() == measure).findFirst().orElseThrow();
    }

    /** Mean purity of the units' top-k at the first k. */
    public double unitsMeanPurity() {
        return line(ks[0], Score.Measure.PURITY).units().mean();
    }

    /** Mean purity of the random directions' top-k at the first k. */
    public double randomMeanPurity() {
        return line(ks[0], Score.Measure.PURITY).random().mean();
    }

    /**
     * The verdict as a table: per k and score, mean, median and IQR for the units and for the random directions, the
     * difference of means (units − random), its 95% bootstrap interval and the permutation p-value. Purity is in
     * percent, entropy in bits, coherence a cosine.
     */
    public Table table() {
        IntColumn k = IntColumn.create("k");
        StringColumn score = StringColumn.create("score");
        DoubleColumn[] c = {
            DoubleColumn.create("units mean"), DoubleColumn.create("units median"), DoubleColumn.create("units IQR"),
            DoubleColumn.create("random mean"), DoubleColumn.create("random median"), DoubleColumn.create("random IQR"),
            DoubleColumn.create("units - random"), DoubleColumn.create("95% low"), DoubleColumn.create("95% high"),
        };
        StringColumn p = StringColumn.create("p");
        for (Line l : lines) {
            double scale = l.measure() == Score.Measure.PURITY ? 100 : 1;
            int digits = l.measure() == Score.Measure.PURITY ? 1 : 3;
            k.append(l.k());
            score.append(l.measure() == Score.Measure.PURITY ? "purity %" : l.measure().title());
            double[] v = {l.units().mean(), l.units().median(), l.units().iqr(), l.random().mean(), l.random().median(),
                l.random().iqr(), l.comparison().difference(), l.comparison().low(), l.comparison().high()};
            for (int i = 0; i < v.length; i++) {
                c[i].append(round(scale * v[i], digits));
            }
            p.append(pValue(l.comparison()));
        }
        Table t = Table.create(title()).addColumns(k, score);
        t.addColumns(c);
        return t.addColumns(p);
    }

    /** The p-value as people read it: 3 significant digits, or below the resolution of the permutations. */
    static String pValue(Stats.Comparison c) {
        double floor = 1.0 / (1 + c.permutations());
        return c.p() <= floor ? String.format(Locale.ROOT, "< %.1g", 1.0 / c.permutations())
                : String.format(Locale.ROOT, "%.3g", c.p());
    }

    /**
     * Several verdicts side by side at one k, one line per layer: live and dead units, mean purity of units and of
     * random directions, their difference with its 95% interval and p, and the same difference for coherence.
     *
     * <pre>{@code
     * UnitsScore.overview(10, s_conv_fc1, s_conv_conv2, s_fc_fc1)
     * }</pre>
     */
    public static Table overview(int k, UnitsScore... scores) {
        StringColumn model = StringColumn.create("model");
        StringColumn layer = StringColumn.create("layer");
        StringColumn data = StringColumn.create("data");
        IntColumn live = IntColumn.create("live units");
        IntColumn dead = IntColumn.create("dead");
        DoubleColumn[] c = {
            DoubleColumn.create("units purity %"), DoubleColumn.create("random purity %"),
            DoubleColumn.create("difference (points)"), DoubleColumn.create("95% low"), DoubleColumn.create("95% high"),
        };
        StringColumn p = StringColumn.create("p");
        DoubleColumn coherence = DoubleColumn.create("coherence difference");
        StringColumn coherenceP = StringColumn.create("coherence p");
        for (UnitsScore s : scores) {
            Line l = s.line(k, Score.Measure.PURITY);
            model.append(s.model());
            layer.append(s.layer() + (s.activations.conv() ? " (" + s.activations.pooling().option() + ")" : ""));
            data.append(s.data());
            live.append(s.liveUnits());
            dead.append(s.deadUnits());
            double[] v = {l.units().mean(), l.random().mean(), l.comparison().difference(), l.comparison().low(),
                l.comparison().high()};
            for (int i = 0; i < v.length; i++) {
                c[i].append(round(100 * v[i], 1));
            }
            p.append(pValue(l.comparison()));
            Line coh = s.line(k, Score.Measure.COHERENCE);
            coherence.append(round(coh.comparison().difference(), 3));
            coherenceP.append(pValue(coh.comparison()));
        }
        Table t = Table.create("units vs random directions, top " + k).addColumns(model, layer, data, live, dead);
        t.addColumns(c);
        return t.addColumns(p, coherence, coherenceP);
    }

    /** One line per direction and k: direction, where, k, majority label, purity, entropy and coherence. */
    public Table directionsTable() {
        StringColumn dir = StringColumn.create("direction");
        StringColumn kind = StringColumn.create("kind");
        StringColumn where = StringColumn.create("where");
        IntColumn kk = IntColumn.create("k");
        IntColumn maj = IntColumn.create("majority");
        DoubleColumn pur = DoubleColumn.create("purity %");
        DoubleColumn ent = DoubleColumn.create("entropy (bits)");
        DoubleColumn coh = DoubleColumn.create("coherence");
        for (int k : ks) {
            for (List<Score> list : List.of(unitScores.get(k), randomScores.get(k))) {
                for (Score s : list) {
                    dir.append(s.direction().label());
                    kind.append(s.direction().kind().name().toLowerCase(Locale.ROOT));
                    where.append(s.direction().kind() == Direction.Kind.UNIT ? activations.where(s.direction().id()) : "");
                    kk.append(k);
                    maj.append(s.majority());
                    pur.append(round(100 * s.purity(), 1));
                    ent.append(round(s.entropy(), 3));
                    coh.append(round(s.coherence(), 3));
                }
            }
        }
        Table t = Table.create(layer() + " of " + model() + ": every direction").addColumns(dir, kind);
        if (activations.conv()) {
            t.addColumns(where);
        }
        return t.addColumns(kk, maj, pur, ent, coh);
    }

    /** The two purity distributions at the first k, overlaid. */
    public CategoryChart chart() {
        return chart(ks[0]);
    }

    /**
     * The two purity distributions at {@code k}, overlaid: for each purity bin (tenths), the share of the units and
     * of the random directions whose top-k images fall in it.
     */
    public CategoryChart chart(int k) {
        checkK(k);
        List<String> bins = new ArrayList<>();
        for (int b = 1; b <= 10; b++) {
            bins.add(b * 10 + "%");
        }
        CategoryChart chart = new CategoryChartBuilder().width(640).height(360)
                .title("Purity of the top " + k + ": " + layer() + " of " + model() + " on " + data)
                .xAxisTitle("label purity of the top " + k + " (bin upper edge)").yAxisTitle("% of directions").build();
        chart.getStyler().setOverlapped(true);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
        chart.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
        chart.getStyler().setSeriesColors(new java.awt.Color[] {new java.awt.Color(31, 119, 180, 150),
            new java.awt.Color(255, 127, 14, 150)});
        chart.addSeries("units (" + unitScores.get(k).size() + ")", bins, histogram(unitScores.get(k)));
        chart.addSeries(basis.option() + " random directions (" + randomScores.get(k).size() + ")", bins,
                histogram(randomScores.get(k)));
        return chart;
    }

    private static List<Double> histogram(List<Score> scores) {
        double[] counts = new double[10];
        for (Score s : scores) {
            // bin b holds purities in ((b-1)/10, b/10]; at k = 10 each purity value has its own bin
            int b = (int) Math.ceil(s.purity() * 10 - 1e-9);
            counts[Math.max(1, Math.min(10, b)) - 1]++;
        }
        List<Double> out = new ArrayList<>();
        for (double c : counts) {
            out.add(scores.isEmpty() ? 0 : 100 * c / scores.size());
        }
        return out;
    }

    /**
     * Writes one line per direction and k as CSV, atomically and with full precision: model, layer, data, pooling, k,
     * direction, kind, id, where, majority, purity, entropy, coherence.
     */
    public Path toCsv(Path file) {
        return UnitsResult.Csv.write(file, "model,layer,data,pooling,basis,k,direction,kind,id,where,majority,purity,"
                + "entropy_bits,coherence", w -> {
                    for (int k : ks) {
                        for (List<Score> list : List.of(unitScores.get(k), randomScores.get(k))) {
                            for (Score s : list) {
                                Direction d = s.direction();
                                w.write(String.join(",", UnitsResult.Csv.quote(model()), UnitsResult.Csv.quote(layer()),
                                        UnitsResult.Csv.quote(data), activations.pooling().option(), basis.option(),
                                        Integer.toString(k), d.label(), d.kind().name().toLowerCase(Locale.ROOT),
                                        Integer.toString(d.id()), UnitsResult.Csv.quote(d.kind() == Direction.Kind.UNIT
                                                ? activations.where(d.id()) : ""), Integer.toString(s.majority()),
                                        Double.toString(s.purity()), Double.toString(s.entropy()),
                                        Double.toString(s.coherence())) + "\n");
                            }
                        }
                    }
                });
    }

    /** The title: the layer, the data, the number of directions and the dead units. */
    public String title() {
        return String.format(Locale.ROOT, "%s of %s on %s: %d live units vs %d %s random directions%s", layer(), model(),
                data, liveUnits(), liveUnits(), basis.option(), deadUnits() > 0 ? " (" + deadUnits() + " dead units left out)" : "");
    }

    /** The verdict in one sentence per k, on purity. */
    public String verdict() {
        StringBuilder b = new StringBuilder();
        for (int k : ks) {
            Line l = line(k, Score.Measure.PURITY);
            Stats.Comparison c = l.comparison();
            boolean differ = !c.intervalContainsZero();
            b.append(b.length() == 0 ? "" : " ").append(String.format(Locale.ROOT,
                    "Top %d: units %.1f%% vs random %.1f%% mean purity, difference %s points (95%% CI %s to %s, "
                            + "p %s): %s.", k, 100 * l.units().mean(), 100 * l.random().mean(), signed(c.difference()),
                    signed(c.low()), signed(c.high()), pValue(c).startsWith("<") ? pValue(c) : "= " + pValue(c),
                    differ ? (c.difference() > 0 ? "units are purer" : "random directions are purer")
                            : "no difference we can detect"));
        }
        return b.toString();
    }

    /** A share as signed percentage points with one decimal; a value that rounds to zero is {@code +0.0}. */
    private static String signed(double share) {
        return String.format(Locale.ROOT, "%+.1f", Math.round(1000 * share) / 10.0 + 0.0);
    }

    @Override
    public String toString() {
        return "UnitsScore[" + title() + "; " + unitsInWords() + ". " + verdict() + "]";
    }

    private static double round(double v, int digits) {
        if (!Double.isFinite(v)) {
            return v;
        }
        double f = Math.pow(10, digits);
        return Math.round(v * f) / f;
    }
}
