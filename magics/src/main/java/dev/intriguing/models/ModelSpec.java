package dev.intriguing.models;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One member of the paper's MNIST model family, by name: the architecture and the weight decay of each weight layer.
 *
 * <p>Spec strings ({@link #parse}):
 * <ul>
 *   <li>{@code fc10} or {@code fc10@λ} (e.g. {@code fc10@1e-2}): softmax regression 784→10, the paper's FC10(λ);
 *       plain {@code fc10} is {@code fc10@1e-4}.</li>
 *   <li>{@code fcA-B-...-K} (e.g. {@code fc100-100-10}): fully connected, sigmoid hidden units, a linear output
 *       layer of K logits; hidden layers decay 1e-5, the output layer 1e-6 (the paper's 1e-5, 1e-5, 1e-6).
 *       {@code fcA-...-K@λ} puts λ on every weight layer instead.</li>
 *   <li>{@code ae400-10@λ} and {@code conv@λ} set the decay of the output layer only.</li>
 *   <li>{@code aeH-K} (e.g. {@code ae400-10}): a 784-H-784 sigmoid autoencoder trained first, then its encoder and a
 *       softmax layer on the H codes trained as one classifier; encoder decay 1e-5, softmax decay 1e-6.</li>
 *   <li>{@code conv}: two 5x5 conv+ReLU+2x2 max-pool layers (16 and 32 filters), a 100-unit ReLU layer and a linear
 *       output of 10 logits; decay 1e-5 on the dense layers, none on the conv filters.</li>
 * </ul>
 *
 * <p>How weight decay enters the loss, in this one place: the training objective for a batch of B examples is
 * <pre>  L = (1/B) Σ_i CE(softmax(f(x_i)), y_i)  +  Σ_l (λ_l / 2) · ‖W_l‖²</pre>
 * where ‖W_l‖² is the sum of the squares of layer l's weights (biases are not decayed) and λ_l is
 * {@link #decays()}{@code [l]}. The penalty is not divided by the training-set size, and its gradient is λ_l·W_l (the
 * convention of PyTorch's and Caffe's {@code weight_decay}).
 * {@link Regularization#penalty} computes it; nothing else adds decay (the optimiser's own weight decay stays 0).
 *
 * <pre>{@code
 * ModelSpec.parse("fc100-100-10").decays()   // [1.0E-5, 1.0E-5, 1.0E-6]
 * ModelSpec.parse("fc10@1")                  // fc10@1
 * }</pre>
 */
public final class ModelSpec {
    /** The architecture kinds. */
    public enum Kind { FC, AE, CONV }

    /** The specs named in the paper's Table 1 plus the conv net, in the order {@code %model} lists them. */
    public static final List<String> KNOWN = List.of("fc10@1e-4", "fc10@1e-2", "fc10@1", "fc100-100-10",
            "fc200-200-10", "fc123-456-10", "ae400-10", "conv");

    /** Weight decay of a hidden fully connected layer (paper: 1e-5). */
    public static final double HIDDEN_DECAY = 1e-5;
    /** Weight decay of the output layer of a hidden-layer net (paper: 1e-6). */
    public static final double OUTPUT_DECAY = 1e-6;
    /** Weight decay of plain {@code fc10}. */
    public static final double FC10_DEFAULT_DECAY = 1e-4;

    private static final Pattern FC = Pattern.compile("fc(\\d+(?:-\\d+)*)(?:@(.+))?");
    private static final Pattern AE = Pattern.compile("ae(\\d+)-(\\d+)(?:@(.+))?");
    private static final Pattern CONV = Pattern.compile("conv(?:@(.+))?");
    private static final int INPUT = 784;

    private final Kind kind;
    private final int[] units;
    private final double[] decays;
    private final boolean uniformDecay;

    private ModelSpec(Kind kind, int[] units, double[] decays, boolean uniformDecay) {
        this.kind = kind;
        this.units = units;
        this.decays = decays;
        this.uniformDecay = uniformDecay;
    }

    /** FC10(λ): softmax regression with weight decay λ. */
    public static ModelSpec fc10(double lambda) {
        return parse("fc10@" + formatDecay(lambda));
    }

    /** FC100-100-10, the paper's main fully connected net. */
    public static ModelSpec fc100x100x10() {
        return parse("fc100-100-10");
    }

    /** FC200-200-10. */
    public static ModelSpec fc200x200x10() {
        return parse("fc200-200-10");
    }

    /** AE400-10. */
    public static ModelSpec ae400x10() {
        return parse("ae400-10");
    }

    /** The small conv net. */
    public static ModelSpec conv() {
        return parse("conv");
    }

    /**
     * Parses a spec string; an unknown name gets an {@link IllegalArgumentException} that lists the known ones and
     * the grammar.
     */
    public static ModelSpec parse(String text) {
        String s = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        Matcher conv = CONV.matcher(s);
        if (conv.matches()) {
            double out = conv.group(1) == null ? OUTPUT_DECAY : decay(conv.group(1), text);
            return new ModelSpec(Kind.CONV, new int[] {16, 32, 100, 10}, new double[] {0, 0, HIDDEN_DECAY, out}, false);
        }
        Matcher ae = AE.matcher(s);
        if (ae.matches()) {
            int h = positive(ae.group(1), text);
            int k = positive(ae.group(2), text);
            double out = ae.group(3) == null ? OUTPUT_DECAY : decay(ae.group(3), text);
            return new ModelSpec(Kind.AE, new int[] {h, k}, new double[] {HIDDEN_DECAY, out}, false);
        }
        Matcher fc = FC.matcher(s);
        if (fc.matches()) {
            int[] u = Arrays.stream(fc.group(1).split("-")).mapToInt(p -> positive(p, text)).toArray();
            double[] d = new double[u.length];
            boolean uniform = fc.group(2) != null || u.length == 1;
            if (uniform) {
                Arrays.fill(d, fc.group(2) == null ? FC10_DEFAULT_DECAY : decay(fc.group(2), text));
            } else {
                Arrays.fill(d, HIDDEN_DECAY);
                d[u.length - 1] = OUTPUT_DECAY;
            }
            return new ModelSpec(Kind.FC, u, d, uniform);
        }
        throw unknown(text, "");
    }

    private static IllegalArgumentException unknown(String text, String why) {
        return new IllegalArgumentException("Unknown model spec '" + text + "'" + why + ": expected one of "
                + String.join(", ", KNOWN) + ", or fcA-B-...-10, fc10@λ (softmax regression with weight decay λ), aeH-10. "
                + "Example: fc100-100-10");
    }

    private static int positive(String digits, String text) {
        try {
            int v = Integer.parseInt(digits);
            if (v >= 1 && v <= 100_000) {
                return v;
            }
        } catch (NumberFormatException e) {
            // falls through to the error below
        }
        throw unknown(text, " (layer sizes must be whole numbers from 1 to 100000)");
    }

    private static double decay(String value, String text) {
        try {
            double v = Double.parseDouble(value);
            if (v >= 0 && Double.isFinite(v)) {
                return v;
            }
        } catch (NumberFormatException e) {
            // falls through to the error below
        }
        throw unknown(text, " (the weight decay after @ must be a number >= 0, e.g. fc10@1e-2)");
    }

    /** λ as written in a spec: {@code 1e-4}, {@code 0.5}, {@code 1}. */
    static String formatDecay(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e6) {
            return Long.toString((long) v);
        }
        double exp = Math.log10(v);
        if (v > 0 && Math.abs(exp - Math.rint(exp)) < 1e-9) {
            return "1e" + (long) Math.rint(exp);
        }
        return Double.toString(v);
    }

    /**
     * This spec with weight decay λ instead of its default (what {@code --weight-decay} does): on every weight layer
     * of an {@code fc} net, on the softmax layer of an {@code ae} net and on the output layer of {@code conv}.
     */
    public ModelSpec withDecay(double lambda) {
        if (kind == Kind.FC) {
            return parse("fc" + joinUnits() + "@" + formatDecay(lambda));
        }
        double[] d = decays.clone();
        d[d.length - 1] = lambda;
        return new ModelSpec(kind, units, d, false);
    }

    /**
     * The paper's spec that this one falls short of, for a "did you mean" hint: a fully connected spec whose layers
     * are the first hidden layers of a paper net with {@code classes} outputs, at most one hidden layer short once the
     * output layer is added ({@code fc100} and {@code fc100-100} give {@code fc100-100-10}, {@code fc200} gives
     * {@code fc200-200-10}). Empty when none fits.
     */
    public Optional<ModelSpec> paperSpecExtending(int classes) {
        if (kind != Kind.FC) {
            return Optional.empty();
        }
        for (String known : KNOWN) {
            ModelSpec p = parse(known);
            int hidden = p.units.length - 1;
            if (p.kind == Kind.FC && p.numClasses() == classes && units.length <= hidden && hidden - units.length <= 1
                    && Arrays.equals(units, Arrays.copyOf(p.units, units.length))) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    private String joinUnits() {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < units.length; i++) {
            b.append(i == 0 ? "" : "-").append(units[i]);
        }
        return b.toString();
    }

    public Kind kind() {
        return kind;
    }

    /** Input pixels, 784. */
    public int inputSize() {
        return INPUT;
    }

    /** Number of classes: the last layer's width. */
    public int numClasses() {
        return units[units.length - 1];
    }

    /** Widths of the weight layers (filters for conv layers), input excluded. */
    public int[] units() {
        return units.clone();
    }

    /** Weight decay λ_l of each weight layer, in layer order; see the class comment for the convention. */
    public double[] decays() {
        return decays.clone();
    }

    /** Number of weight layers (each has one weight and one bias). */
    public int numLayers() {
        return units.length;
    }

    /** The names of the layers, in order: {@code fc1..fcN}, {@code enc, fc1} or {@code conv1, conv2, fc1, fc2}. */
    public List<String> layerNames() {
        List<String> names = new ArrayList<>();
        switch (kind) {
            case FC -> {
                for (int i = 1; i <= units.length; i++) {
                    names.add("fc" + i);
                }
            }
            case AE -> names.addAll(List.of("enc", "fc1"));
            case CONV -> names.addAll(List.of("conv1", "conv2", "fc1", "fc2"));
            default -> throw new IllegalStateException();
        }
        return names;
    }

    /** The canonical spec string, which {@link #parse} reads back to an equal spec. */
    @Override
    public String toString() {
        return switch (kind) {
            case CONV -> decays[decays.length - 1] == OUTPUT_DECAY ? "conv" : "conv@" + formatDecay(decays[decays.length - 1]);
            case AE -> "ae" + units[0] + "-" + units[1]
                    + (decays[1] == OUTPUT_DECAY ? "" : "@" + formatDecay(decays[1]));
            case FC -> "fc" + joinUnits() + (uniformDecay ? "@" + formatDecay(decays[0]) : "");
        };
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ModelSpec m && m.kind == kind && Arrays.equals(m.units, units) && Arrays.equals(m.decays, decays);
    }

    @Override
    public int hashCode() {
        return 31 * kind.hashCode() + 17 * Arrays.hashCode(units) + Arrays.hashCode(decays);
    }
}
