package dev.intriguing.spectral;

import dev.intriguing.adversarial.AttackResult;
import dev.intriguing.core.Progress;
import dev.intriguing.datasets.api.ImageSet;
import dev.intriguing.models.LayerInfo;
import dev.intriguing.models.TrainedModel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The paper's spectral analysis of instability (section 4.3, Table 5), with the empirical side beside it.
 *
 * <p>Each layer's upper Lipschitz constant is the operator norm of its linear part times its nonlinearity's constant
 * (ReLU 1, max-pool 1, sigmoid 1/4); the network's bound is their product. Dense layers: σ_max by
 * {@link PowerIteration} to a relative tolerance (1e-6 by default); the product uses σ̂ / (1 − tolerance), which is
 * above σ_max once the iteration converged. Convolutions: {@link ConvSpectrum}, exact for the circular convolution on
 * the padded input and an upper bound for the layer itself. The empirical side: the largest local gain ‖J(x)‖ of each
 * layer's output over test images, and ‖f(x + r) − f(x)‖ / ‖r‖ over an attack's examples. Optionally, certified
 * radii for the logit margins ({@link Certificate}).
 *
 * <pre>{@code
 * LipschitzResult lip = Lipschitz.builder().optAttack(advc).optCertify(true).build().analyse(c, test, Progress.NONE);
 * lip.bound()                // 962.1 for the conv net: the product over its four layers
 * lip.maxGradientNorm()      // 18.18: the largest ‖J(x)‖ of the logits over 100 test images
 * lip.certifiedViolations()  // 0
 * lip.table()                // one row per layer
 * }</pre>
 */
public final class Lipschitz {
    private final double tolerance;
    private final int images;
    private final int iterations;
    private final AttackResult attack;
    private final boolean certify;

    private Lipschitz(Builder b) {
        this.tolerance = b.tolerance;
        this.images = b.images;
        this.iterations = b.iterations;
        this.attack = b.attack;
        this.certify = b.certify;
    }

    /** A builder with the defaults of {@code %lipschitz}. */
    public static Builder builder() {
        return new Builder();
    }

    /** The defaults: tolerance 1e-6, gradient norms over 100 test images, no attack, no certificates. */
    public static Lipschitz defaults() {
        return builder().build();
    }

    /**
     * Bounds {@code model} layer by layer and measures it on the first images of {@code test} (and on the attack's
     * examples, when one was given).
     *
     * @throws IllegalArgumentException before any computation when a layer cannot be bounded, when the attack was
     *                                  made on another model, or when the images do not fit the model
     */
    public LipschitzResult analyse(TrainedModel model, ImageSet test, Progress progress) {
        validate(model, test);
        long t0 = System.nanoTime();
        List<SpectralLayer> layers = SpectralLayer.of(model);
        Norms norms = norms(layers, tolerance);
        progress.update("operator norms done", 0.1);

        long te = System.nanoTime();
        ImageSet probe = test.slice(0, Math.min(images, test.size()));
        double[] gradients = images == 0 ? nans(layers.size())
                : Empirical.maxJacobianNorms(model, probe, iterations, progress);
        double[] ratios = attack == null ? nans(layers.size()) : Empirical.maxAdversarialRatios(model, attack);
        double empiricalSeconds = (System.nanoTime() - te) / 1e9;

        long tc = System.nanoTime();
        List<Certificate> certificates = certify
                ? certificates(model, layers, norms, attack != null ? attack.clean() : probe, attack)
                : List.of();
        double certifySeconds = (System.nanoTime() - tc) / 1e9;

        List<LayerBound> rows = new ArrayList<>();
        for (SpectralLayer l : layers) {
            int i = l.index();
            ConvGeometry g = l.geometry();
            rows.add(new LayerBound(i, l.name(), l.kind() == SpectralLayer.Kind.DENSE ? "dense" : "conv", l.size(),
                    g == null ? 0 : g.stride(), g == null ? 0 : g.padding(), norms.norm[i], norms.method[i],
                    l.nonlinearity().label(), l.nonlinearity().constant(), norms.running[i], gradients[i], ratios[i]));
        }
        double total = (System.nanoTime() - t0) / 1e9;
        progress.update("done", 1);
        return new LipschitzResult(model.name(), model.spec().toString(), test.name(), model.inputSize(), rows,
                probe.size(), attack == null ? null : attack.attack() + " on " + attack.model() + " (" + attack.size()
                + " examples)", attack == null ? Double.NaN : attack.meanDistortion(), certificates, tolerance,
                new LipschitzResult.Timings(total, norms.dftSeconds, norms.powerSeconds, empiricalSeconds, certifySeconds));
    }

    /**
     * Checks everything about the input that can be wrong, before anything is computed: every layer can be bounded,
     * the images fit the model, the attack was made on this model, and the last layer gives logits when certified
     * radii are asked for.
     *
     * @throws IllegalArgumentException naming what is wrong
     */
    public void validate(TrainedModel model, ImageSet test) {
        SpectralLayer.check(model.name(), model.layers());
        if (test.pixelsPerImage() != model.inputSize()) {
            throw new IllegalArgumentException("model " + model.name() + " takes " + model.inputSize()
                    + " pixels per image; " + test.name() + " has " + test.pixelsPerImage() + ".");
        }
        if (attack != null && !attack.model().equals(model.name())) {
            throw new IllegalArgumentException("the attack was made on model " + attack.model() + ", not on "
                    + model.name() + "; its ratios and distortions belong to that model.");
        }
        if (attack != null && attack.clean().pixelsPerImage() != model.inputSize()) {
            throw new IllegalArgumentException("the attack's images have " + attack.clean().pixelsPerImage()
                    + " pixels; model " + model.name() + " takes " + model.inputSize() + ".");
        }
        LayerInfo last = model.layers().get(model.layers().size() - 1);
        if (certify && !SpectralLayer.givesLogits(last)) {
            throw new IllegalArgumentException("certified radii need logits from a dense last layer; " + model.name()
                    + " ends with " + last.name() + " (" + last.kind() + ", " + last.activation() + ").");
        }
    }

    /** The upper bounds alone: per layer the operator norm, how it was found, and the running product. */
    static Norms norms(List<SpectralLayer> layers, double tolerance) {
        Norms n = new Norms(layers.size());
        double product = 1;
        for (SpectralLayer l : layers) {
            int i = l.index();
            double upper;
            long t = System.nanoTime();
            if (l.kind() == SpectralLayer.Kind.DENSE) {
                PowerIteration.Estimate e = PowerIteration.largestSingularValue(l.matrix(), tolerance);
                if (!e.converged()) {
                    throw new IllegalStateException("power iteration on " + l.name() + " did not reach tolerance "
                            + tolerance + " in " + e.iterations() + " steps (estimate " + e.sigma() + ")");
                }
                n.norm[i] = e.sigma();
                n.method[i] = "power iteration (" + e.iterations() + " steps)";
                upper = e.upperBound();
                n.powerSeconds += (System.nanoTime() - t) / 1e9;
            } else {
                ConvGeometry g = l.geometry();
                ConvSpectrum.Result r = ConvSpectrum.norm(l.weights(), g);
                n.norm[i] = r.norm();
                n.method[i] = String.format(Locale.ROOT, "DFT %dx%d, peak at (%d, %d)%s", r.gridHeight(), r.gridWidth(),
                        r.peakRow(), r.peakCol(), g.stride() > 1 ? ", stride-1 bound" : "");
                upper = r.norm();
                n.dftSeconds += (System.nanoTime() - t) / 1e9;
            }
            n.upper[i] = upper;
            product *= upper * l.nonlinearity().constant();
            n.running[i] = product;
        }
        return n;
    }

    /** Per-layer results of {@link #norms}. */
    static final class Norms {
        final double[] norm;
        final double[] upper;
        final double[] running;
        final String[] method;
        double dftSeconds;
        double powerSeconds;

        Norms(int layers) {
            norm = new double[layers];
            upper = new double[layers];
            running = new double[layers];
            method = new String[layers];
        }
    }

    /**
     * The certified radius of every image of {@code images}: B · ‖W[y] − W[l]‖ bounds the Lipschitz constant of
     * f_y − f_l, with B the bound of all layers before the last. The margins come from float32 logits, so each is
     * lowered by 1e-5 of the two logits' magnitudes (plus 1e-6) to stay below the exact margin.
     */
    static List<Certificate> certificates(TrainedModel model, List<SpectralLayer> layers, Norms norms, ImageSet images,
                                          AttackResult attack) {
        int last = layers.size() - 1;
        double before = last == 0 ? 1 : norms.running[last - 1];
        SpectralLayer out = layers.get(last);
        int k = out.rows();
        double[][] pair = new double[k][k];
        for (int y = 0; y < k; y++) {
            double[] wy = out.row(y);
            for (int l = y + 1; l < k; l++) {
                double[] wl = out.row(l);
                double s = 0;
                for (int j = 0; j < wy.length; j++) {
                    double d = wy[j] - wl[j];
                    s += d * d;
                }
                pair[y][l] = pair[l][y] = before * Math.sqrt(s);
            }
        }
        float[] f = Empirical.logits(model, images);
        int n = images.pixelsPerImage();
        List<Certificate> certs = new ArrayList<>();
        for (int i = 0; i < images.size(); i++) {
            int y = 0;
            for (int c = 1; c < k; c++) {
                if (f[i * k + c] > f[i * k + y]) {
                    y = c;
                }
            }
            double margin = Double.POSITIVE_INFINITY;
            double radius = Double.POSITIVE_INFINITY;
            int nearest = -1;
            for (int c = 0; c < k; c++) {
                if (c == y) {
                    continue;
                }
                double fy = f[i * k + y];
                double fc = f[i * k + c];
                margin = Math.min(margin, fy - fc);
                double safe = Math.max(0, fy - fc - 1e-5 * (Math.abs(fy) + Math.abs(fc)) - 1e-6);
                double r = pair[y][c] > 0 ? safe / pair[y][c] : Double.POSITIVE_INFINITY;
                if (r < radius) {
                    radius = r;
                    nearest = c;
                }
            }
            int index = i;
            int target = -1;
            double norm = Double.NaN;
            if (attack != null) {
                AttackResult.Example e = attack.examples().get(i);
                index = e.index();
                if (e.success() && e.finalLabel() != y) {
                    target = e.finalLabel();
                    float[] a = attack.adversarial().image(i);
                    float[] x = images.image(i);
                    double s = 0;
                    for (int j = 0; j < n; j++) {
                        double d = (double) a[j] - x[j];
                        s += d * d;
                    }
                    norm = Math.sqrt(s);
                }
            }
            certs.add(new Certificate(index, images.label(i), y, margin, nearest, radius, target, norm));
        }
        return List.copyOf(certs);
    }

    private static double[] nans(int n) {
        double[] a = new double[n];
        Arrays.fill(a, Double.NaN);
        return a;
    }

    public double tolerance() {
        return tolerance;
    }

    /** Test images for the gradient norms. */
    public int images() {
        return images;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "lipschitz(tolerance=%g, images=%d, iterations=%d, attack=%s, certify=%b)",
                tolerance, images, iterations, attack == null ? "none" : attack.attack() + " on " + attack.model(),
                certify);
    }

    /** Options of the analysis, DJL style: {@code optX} with the default in the javadoc. */
    public static final class Builder {
        private double tolerance = PowerIteration.DEFAULT_TOLERANCE;
        private int images = 100;
        private int iterations = 20;
        private AttackResult attack;
        private boolean certify;

        private Builder() {
        }

        /** Relative tolerance of power iteration on dense layers (default 1e-6). */
        public Builder optTolerance(double t) {
            if (!(t > 0 && t < 1e-2)) {
                throw new IllegalArgumentException("the tolerance must lie in (0, 0.01); got " + t);
            }
            this.tolerance = t;
            return this;
        }

        /**
         * Test images whose gradient norms are measured (default 100; 0 skips the measurement). The conv net costs
         * a few forward and backward passes per image and layer, so a few hundred images keep the analysis in
         * seconds.
         */
        public Builder optImages(int n) {
            if (n < 0) {
                throw new IllegalArgumentException("images must be >= 0; got " + n);
            }
            this.images = n;
            return this;
        }

        /** Largest number of power-iteration steps per image and layer for the gradient norms (default 20). */
        public Builder optIterations(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("iterations must be >= 1; got " + n);
            }
            this.iterations = n;
            return this;
        }

        /** An attack on the same model: its ratios join the table and its examples the certificates (default none). */
        public Builder optAttack(AttackResult a) {
            this.attack = a;
            return this;
        }

        /**
         * Whether to compute certified radii (default false): for the attack's images when an attack is given, else
         * for the test images of the gradient norms.
         */
        public Builder optCertify(boolean c) {
            this.certify = c;
            return this;
        }

        public Lipschitz build() {
            return new Lipschitz(this);
        }
    }
}
