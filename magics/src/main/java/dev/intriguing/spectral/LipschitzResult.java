package dev.intriguing.spectral;

import dev.intriguing.datasets.api.AtomicFiles;
import dev.intriguing.datasets.api.WriteFailedException;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.style.Styler;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * What {@code %lipschitz} found for one model: per layer the operator norm, the nonlinearity's constant and the
 * running product (the paper's Table 5), with the empirical gains beside them; optionally the certified radii.
 *
 * <pre>{@code
 * lip.bound()              // upper Lipschitz bound of the logits, the product over all layers
 * lip.table()              // layer, kind, size, stride, operator norm, activation, constant, bound, empirical
 * lip.chart()              // bars on a log scale: the bound up to each layer beside the measured gains
 * lip.certifiedTable()     // per image: margin, certified radius, adversarial ‖r‖ (with --per-class)
 * }</pre>
 */
public final class LipschitzResult {
    /**
     * Where the time went, in seconds.
     *
     * @param total     the whole analysis
     * @param dft       DFTs and per-frequency solves of the conv layers
     * @param power     power iteration on the dense layers
     * @param empirical gradient norms and adversarial ratios (DJL)
     * @param certify   certified radii (one forward pass per image and the pairwise row norms)
     */
    public record Timings(double total, double dft, double power, double empirical, double certify) {
    }

    private final String model;
    private final String spec;
    private final String data;
    private final int pixels;
    private final List<LayerBound> layers;
    private final int gradientImages;
    private final String attack;
    private final double attackMeanDistortion;
    private final List<Certificate> certificates;
    private final double tolerance;
    private final Timings timings;

    LipschitzResult(String model, String spec, String data, int pixels, List<LayerBound> layers, int gradientImages,
                    String attack, double attackMeanDistortion, List<Certificate> certificates, double tolerance,
                    Timings timings) {
        this.model = model;
        this.spec = spec;
        this.data = data;
        this.pixels = pixels;
        this.layers = List.copyOf(layers);
        this.gradientImages = gradientImages;
        this.attack = attack;
        this.attackMeanDistortion = attackMeanDistortion;
        this.certificates = List.copyOf(certificates);
        this.tolerance = tolerance;
        this.timings = timings;
    }

    public String model() {
        return model;
    }

    /** The model's spec, e.g. {@code conv}. */
    public String spec() {
        return spec;
    }

    /** The per-layer rows, in order. */
    public List<LayerBound> layers() {
        return layers;
    }

    /** The upper Lipschitz bound of the logits: the product over every layer. */
    public double bound() {
        return layers.get(layers.size() - 1).bound();
    }

    /** The largest local gain of the logits over the test images (NaN when not measured). */
    public double maxGradientNorm() {
        return layers.get(layers.size() - 1).maxGradientNorm();
    }

    /** The largest ‖f(x + r) − f(x)‖ / ‖r‖ of the logits over the attack's examples (NaN without an attack). */
    public double maxAdversarialRatio() {
        return layers.get(layers.size() - 1).maxAdversarialRatio();
    }

    /** The attack's mean distortion in the paper's units (NaN without an attack). */
    public double attackMeanDistortion() {
        return attackMeanDistortion;
    }

    /** Test images whose gradient norms were measured. */
    public int gradientImages() {
        return gradientImages;
    }

    /** The certified radii, empty unless they were asked for. */
    public List<Certificate> certificates() {
        return certificates;
    }

    /** Certificates with an adversarial example inside them: 0 when the bound holds. */
    public long certifiedViolations() {
        return certificates.stream().filter(Certificate::violated).count();
    }

    /** Mean certified radius in the paper's units (L2 norm / sqrt(n)); NaN without certificates. */
    public double meanCertifiedRadius() {
        return certificates.stream().mapToDouble(Certificate::radius).average().orElse(Double.NaN) / Math.sqrt(pixels);
    }

    /** Relative tolerance of power iteration. */
    public double tolerance() {
        return tolerance;
    }

    public Timings timings() {
        return timings;
    }

    /** The paper's Table 5 for this model, numbers to 4 significant digits; full precision is in {@link #toCsv}. */
    public Table table() {
        StringColumn name = StringColumn.create("layer");
        StringColumn kind = StringColumn.create("kind");
        StringColumn size = StringColumn.create("size");
        StringColumn stride = StringColumn.create("stride");
        DoubleColumn norm = DoubleColumn.create("operator norm");
        StringColumn method = StringColumn.create("method");
        StringColumn act = StringColumn.create("activation");
        DoubleColumn constant = DoubleColumn.create("constant");
        DoubleColumn bound = DoubleColumn.create("upper bound (product)");
        DoubleColumn grad = DoubleColumn.create("max ‖J(x)‖ (" + gradientImages + " test images)");
        DoubleColumn ratio = DoubleColumn.create("max adversarial ratio");
        for (LayerBound l : layers) {
            name.append(l.name());
            kind.append(l.kind());
            size.append(l.size());
            stride.append(l.kind().equals("conv") ? l.stride() + (l.padding() > 0 ? ", pad " + l.padding() : "") : "–");
            norm.append(sig4(l.operatorNorm()));
            method.append(l.method());
            act.append(l.activation());
            constant.append(l.activationConstant());
            bound.append(sig4(l.bound()));
            grad.append(sig4(l.maxGradientNorm()));
            ratio.append(sig4(l.maxAdversarialRatio()));
        }
        Table t = Table.create("Lipschitz bounds of " + model + " (" + spec + ")")
                .addColumns(name, kind, size, stride, norm, method, act, constant, bound);
        if (gradientImages > 0) {
            t.addColumns(grad);
        }
        if (attack != null) {
            t.addColumns(ratio);
        }
        return t;
    }

    /** One row: the model's bound beside its empirical gains, attack distortion and certified radii. */
    public Table summary() {
        return comparison(List.of(this)).setName("Lipschitz summary of " + model);
    }

    /**
     * One row per result, to compare models (the Table 1 models, FC10 over weight decays): bound, measured gains,
     * the attack's mean distortion and the mean certified radius, both in the paper's units.
     */
    public static Table comparison(List<LipschitzResult> results) {
        StringColumn name = StringColumn.create("model");
        StringColumn spec = StringColumn.create("spec");
        DoubleColumn bound = DoubleColumn.create("upper bound");
        DoubleColumn grad = DoubleColumn.create("max ‖J(x)‖");
        DoubleColumn ratio = DoubleColumn.create("max adversarial ratio");
        DoubleColumn gap = DoubleColumn.create("bound / max ‖J(x)‖");
        DoubleColumn dist = DoubleColumn.create("mean min. distortion");
        DoubleColumn radius = DoubleColumn.create("mean certified radius");
        IntColumn violations = IntColumn.create("violations");
        for (LipschitzResult r : results) {
            name.append(r.model);
            spec.append(r.spec);
            bound.append(sig4(r.bound()));
            grad.append(sig4(r.maxGradientNorm()));
            ratio.append(sig4(r.maxAdversarialRatio()));
            gap.append(sig4(r.bound() / r.maxGradientNorm()));
            dist.append(sig4(r.attackMeanDistortion));
            radius.append(sig4(r.meanCertifiedRadius()));
            violations.append((int) r.certifiedViolations());
        }
        return Table.create("Lipschitz bounds beside the measured gains")
                .addColumns(name, spec, bound, grad, ratio, gap, dist, radius, violations);
    }

    /**
     * Per image: class, margin, certified radius and the adversarial example's ‖r‖, both as L2 norms and in the
     * paper's units (divided by sqrt(n)); 4 significant digits.
     */
    public Table certifiedTable() {
        IntColumn index = IntColumn.create("index");
        IntColumn label = IntColumn.create("label");
        IntColumn pred = IntColumn.create("predicted");
        DoubleColumn margin = DoubleColumn.create("margin");
        IntColumn nearest = IntColumn.create("nearest class");
        DoubleColumn radius = DoubleColumn.create("certified radius ‖r‖");
        IntColumn target = IntColumn.create("adversarial class");
        DoubleColumn norm = DoubleColumn.create("adversarial ‖r‖");
        DoubleColumn paperRadius = DoubleColumn.create("radius / sqrt(n)");
        DoubleColumn paperNorm = DoubleColumn.create("distortion ‖r‖ / sqrt(n)");
        DoubleColumn gap = DoubleColumn.create("‖r‖ / radius");
        double root = Math.sqrt(pixels);
        for (Certificate c : certificates) {
            index.append(c.index());
            label.append(c.label());
            pred.append(c.predicted());
            margin.append(sig4(c.margin()));
            nearest.append(c.nearestClass());
            radius.append(sig4(c.radius()));
            if (c.target() >= 0) {
                target.append(c.target());
            } else {
                target.appendMissing();
            }
            norm.append(sig4(c.adversarialNorm()));
            paperRadius.append(sig4(c.radius() / root));
            paperNorm.append(sig4(c.adversarialNorm() / root));
            gap.append(sig4(c.gap()));
        }
        return Table.create("Certified radii of " + model + " beside the adversarial distortions")
                .addColumns(index, label, pred, margin, nearest, radius, target, norm, paperRadius, paperNorm, gap);
    }

    /**
     * Bars on a log scale, one group per layer: the upper bound of the map from the input to that layer's output
     * beside the largest gain measured on test images and on the adversarial examples.
     */
    public CategoryChart chart() {
        CategoryChart chart = new CategoryChartBuilder().width(820).height(460)
                .title("Lipschitz constant of " + model + " up to each layer: bound vs measured")
                .xAxisTitle("layer (output of)").yAxisTitle("Lipschitz constant (log scale)").build();
        chart.getStyler().setYAxisLogarithmic(true);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        chart.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
        chart.getStyler().setChartTitleFont(chart.getStyler().getChartTitleFont().deriveFont(14f));
        List<String> names = layers.stream().map(LayerBound::name).toList();
        boolean gradients = gradientImages > 0;
        boolean ratios = attack != null && layers.stream().noneMatch(l -> Double.isNaN(l.maxAdversarialRatio()));
        // XChart's bars start from the axis minimum, so a log axis needs one below every bar: the power of ten
        // under the smallest value
        double smallest = Double.POSITIVE_INFINITY;
        double largest = 0;
        for (LayerBound l : layers) {
            for (double v : new double[] {l.bound(), gradients ? l.maxGradientNorm() : Double.NaN,
                    ratios ? l.maxAdversarialRatio() : Double.NaN}) {
                if (v > 0) {
                    smallest = Math.min(smallest, v);
                    largest = Math.max(largest, v);
                }
            }
        }
        double floor = Math.pow(10, Math.floor(Math.log10(smallest)));
        chart.getStyler().setYAxisMin(floor);
        chart.getStyler().setYAxisMax(Math.pow(10, Math.ceil(Math.log10(largest * 1.0001))));
        chart.addSeries("upper bound (product)", names, values(LayerBound::bound, floor));
        if (gradients) {
            chart.addSeries("max ‖J(x)‖ over " + gradientImages + " test images", names,
                    values(LayerBound::maxGradientNorm, floor));
        }
        if (ratios) {
            chart.addSeries("max ‖f(x+r) − f(x)‖ / ‖r‖, adversarial", names,
                    values(LayerBound::maxAdversarialRatio, floor));
        }
        return chart;
    }

    /** One value per layer; a value a log axis cannot show (0, NaN) sits at the axis minimum, an empty bar. */
    private List<Double> values(java.util.function.ToDoubleFunction<LayerBound> f, double floor) {
        return layers.stream().map(l -> {
            double v = f.applyAsDouble(l);
            return v > 0 ? v : floor;
        }).toList();
    }

    /** Writes the per-layer rows as CSV with full precision, atomically (a temporary file renamed into place). */
    public Path toCsv(Path file) {
        List<String> lines = new ArrayList<>();
        lines.add("model,spec,index,layer,kind,size,stride,padding,operator_norm,method,activation,constant,bound,"
                + "max_gradient_norm,max_adversarial_ratio,tolerance");
        for (LayerBound l : layers) {
            lines.add(String.join(",", csv(model), csv(spec), Integer.toString(l.index()), csv(l.name()), l.kind(),
                    l.size(), Integer.toString(l.stride()), Integer.toString(l.padding()), full(l.operatorNorm()),
                    csv(l.method()), csv(l.activation()), full(l.activationConstant()), full(l.bound()),
                    full(l.maxGradientNorm()), full(l.maxAdversarialRatio()), full(tolerance)));
        }
        return write(file, lines);
    }

    /** Writes the certificates as CSV with full precision, atomically. */
    public Path certificatesToCsv(Path file) {
        List<String> lines = new ArrayList<>();
        lines.add("index,label,predicted,margin,nearest_class,radius,target,adversarial_norm,violated");
        for (Certificate c : certificates) {
            lines.add(String.join(",", Integer.toString(c.index()), Integer.toString(c.label()),
                    Integer.toString(c.predicted()), full(c.margin()), Integer.toString(c.nearestClass()),
                    full(c.radius()), Integer.toString(c.target()), full(c.adversarialNorm()),
                    Boolean.toString(c.violated())));
        }
        return write(file, lines);
    }

    /** Writes {@code lines} atomically ({@link AtomicFiles}); a failure names {@code file} in one paragraph. */
    private static Path write(Path file, List<String> lines) {
        try {
            AtomicFiles.writeText(file, w -> {
                for (String line : lines) {
                    w.write(line);
                    w.write('\n');
                }
            });
            return file;
        } catch (IOException e) {
            throw new WriteFailedException(file, e);
        }
    }

    private static String csv(String s) {
        return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }

    /** Full precision: the shortest text that reads back to the same double. */
    private static String full(double v) {
        return Double.toString(v);
    }

    /** {@code v} rounded to 4 significant digits, for tables a person reads. */
    static double sig4(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v) || v == 0) {
            return v;
        }
        return new BigDecimal(v).round(new MathContext(4)).doubleValue();
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT,
                "LipschitzResult[%s (%s): upper bound %s over %d layers", model, spec, text(bound()), layers.size()));
        if (gradientImages > 0) {
            b.append(String.format(Locale.ROOT, ", max ‖J(x)‖ %s on %d test images (bound / measured %s)",
                    text(maxGradientNorm()), gradientImages, text(bound() / maxGradientNorm())));
        }
        if (attack != null) {
            b.append(", max adversarial ratio ").append(text(maxAdversarialRatio())).append(" (").append(attack)
                    .append(')');
        }
        if (!certificates.isEmpty()) {
            b.append(String.format(Locale.ROOT, ", %d certificates, mean radius %s (paper units), %d violated",
                    certificates.size(), text(meanCertifiedRadius()), certifiedViolations()));
        }
        return b.append(String.format(Locale.ROOT, "; %.2f s]", timings.total())).toString();
    }

    /** 4 significant digits as text. */
    static String text(double v) {
        return Double.isNaN(v) ? "NaN" : String.format(Locale.ROOT, "%.4g", v);
    }
}
