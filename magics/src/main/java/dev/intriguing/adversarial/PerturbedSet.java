package dev.intriguing.adversarial;

import dev.intriguing.datasets.api.ImageSet;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;

/**
 * Clean images and perturbed copies of them, image for image, with the data-set index of each: what an attack
 * returns ({@link AttackResult#perturbed()}), its perturbations amplified ({@link AttackResult#amplified}), or
 * Gaussian noise added to clean images. Transfer tables and curves feed {@link #perturbed()} to models.
 *
 * <pre>{@code
 * PerturbedSet p = adv.amplified(0.1);
 * p.nominal()          // 0.1: the RMS asked for
 * p.meanDistortion()   // 0.0987: the RMS that remains after clipping to [0, 1]
 * }</pre>
 *
 * <p>Distortion is measured as everywhere in the project, {@link Attack#distortion}: the per-pixel RMS of
 * {@code perturbed - clean}, here after clipping, so it is what the images really differ by.
 */
public final class PerturbedSet {
    private final String name;
    private final ImageSet clean;
    private final ImageSet perturbed;
    private final int[] indices;
    private final double nominal;
    private final double[] distortions;

    private PerturbedSet(String name, ImageSet clean, ImageSet perturbed, int[] indices, double nominal) {
        this.name = name;
        this.clean = clean;
        this.perturbed = perturbed;
        this.indices = indices.clone();
        this.nominal = nominal;
        this.distortions = new double[clean.size()];
        for (int i = 0; i < clean.size(); i++) {
            distortions[i] = Attack.distortion(clean.image(i), perturbed.image(i));
        }
    }

    /**
     * A perturbed set.
     *
     * @param name      what tables call it
     * @param clean     the clean images
     * @param perturbed the perturbed images, one per clean image, with the same labels
     * @param indices   the data-set index of each image
     * @param nominal   the size asked for (a noise stddev, an amplified RMS), NaN when none was
     * @throws IllegalArgumentException when the sets differ in size, image size or labels
     */
    public static PerturbedSet of(String name, ImageSet clean, ImageSet perturbed, int[] indices, double nominal) {
        Objects.requireNonNull(name, "name");
        if (clean.size() != perturbed.size() || clean.size() != indices.length
                || clean.pixelsPerImage() != perturbed.pixelsPerImage()) {
            throw new IllegalArgumentException("a perturbed set needs one perturbed image of the same size and one index"
                    + " per clean image; got " + clean + ", " + perturbed + " and " + indices.length + " indices");
        }
        if (!Arrays.equals(clean.labels(), perturbed.labels())) {
            throw new IllegalArgumentException("the perturbed images of " + name + " carry other labels than the clean ones");
        }
        return new PerturbedSet(name, clean, perturbed, indices, nominal);
    }

    public String name() {
        return name;
    }

    /** The same images under another name. */
    public PerturbedSet withName(String newName) {
        return new PerturbedSet(newName, clean, perturbed, indices, nominal);
    }

    public ImageSet clean() {
        return clean;
    }

    public ImageSet perturbed() {
        return perturbed;
    }

    /** The data-set index of each image. */
    public int[] indices() {
        return indices.clone();
    }

    /** The size asked for (a noise stddev, an amplified RMS); NaN for an attack's own examples. */
    public double nominal() {
        return nominal;
    }

    public int size() {
        return clean.size();
    }

    /** The per-pixel RMS of {@code perturbed - clean}, per image. */
    public double[] distortions() {
        return distortions.clone();
    }

    /** The mean over the images of their per-pixel RMS distortion (NaN when empty). */
    public double meanDistortion() {
        return Arrays.stream(distortions).average().orElse(Double.NaN);
    }

    /**
     * Every perturbation {@code perturbed - clean} rescaled to a per-pixel RMS of {@code rms}, added to its clean image
     * and clipped to the [0, 1] box.
     *
     * <p>This is how the project reads the paper's "distorted for FC100-100-10 amplified to stddev=0.1" (Table 4): the
     * paper calls the size of a distortion its stddev and measures it as the per-pixel RMS
     * {@code sqrt(sum(r^2) / n)} (its "Av. distortion" column), so each example's r is multiplied by
     * {@code rms / RMS(r)}, one factor per image, keeping its direction. Clipping to the box can only shrink it;
     * {@link #meanDistortion()} reports the RMS that remains, {@link #nominal()} the RMS asked for. An image without a
     * perturbation (a failed attack) has nothing to rescale and stays clean.
     *
     * @throws IllegalArgumentException when {@code rms} is negative or not finite
     */
    public PerturbedSet amplified(double rms) {
        if (!(rms >= 0 && rms < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("an amplified RMS is a finite number at least 0; got " + rms);
        }
        int n = clean.pixelsPerImage();
        float[] pixels = new float[size() * n];
        for (int i = 0; i < size(); i++) {
            float[] x = clean.image(i);
            double[] r = scaledPerturbation(x, perturbed.image(i), rms);
            for (int j = 0; j < n; j++) {
                pixels[i * n + j] = (float) Math.min(1.0, Math.max(0.0, x[j] + r[j]));
            }
        }
        ImageSet out = ImageSet.of(perturbed.name() + "-amplified", clean.height(), clean.width(), clean.numClasses(),
                pixels, clean.labels());
        return new PerturbedSet(name + " amplified to " + text(rms), clean, out, indices, rms);
    }

    /**
     * The perturbation {@code perturbed - clean} of one image rescaled to per-pixel RMS {@code rms}, before any
     * clipping; all zeros when the two images are equal.
     */
    public static double[] scaledPerturbation(float[] clean, float[] perturbed, double rms) {
        double[] r = new double[clean.length];
        double s = 0;
        for (int j = 0; j < clean.length; j++) {
            r[j] = (double) perturbed[j] - clean[j];
            s += r[j] * r[j];
        }
        double current = Math.sqrt(s / clean.length);
        if (current > 0) {
            double scale = rms / current;
            for (int j = 0; j < r.length; j++) {
                r[j] *= scale;
            }
        }
        return r;
    }

    /** Short decimal text of a size as it was written: {@code 0.1}, not {@code 0.10000000000000001}. */
    private static String text(double v) {
        return java.math.BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "PerturbedSet[%s: %d images of %s%s, mean distortion %.4g]", name, size(),
                clean.name(), Double.isNaN(nominal) ? "" : String.format(Locale.ROOT, ", nominal %.4g", nominal),
                meanDistortion());
    }
}
