package dev.intriguing.adversarial;

import java.util.Locale;

/**
 * The norm a fixed-budget attack (FGSM, PGD) bounds its perturbation in, and the units of its ε: {@code linf} bounds
 * every pixel's change ({@code max |r_i| <= ε}); {@code l2} bounds the paper's distortion, the root mean square
 * {@code ||r||_2 / sqrt(n) <= ε}, so an l2 ε reads on the same scale as every distortion in the tables (ε = 0.1 on
 * MNIST is an L2 norm of 2.8).
 */
public enum Norm {
    LINF, L2;

    /** {@code linf} or {@code l2}, as written on a command line. */
    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses {@code linf} or {@code l2}.
     *
     * @throws IllegalArgumentException naming what is accepted
     */
    public static Norm parse(String text) {
        return switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "linf" -> LINF;
            case "l2" -> L2;
            default -> throw new IllegalArgumentException("expected linf or l2; got '" + text + "'");
        };
    }

    /** The size of r in this norm's units (max |r_i|, or ||r||_2 / sqrt(n)). */
    double size(double[] r) {
        double s = 0;
        for (double v : r) {
            s = this == LINF ? Math.max(s, Math.abs(v)) : s + v * v;
        }
        return this == LINF ? s : Math.sqrt(s / r.length);
    }

    /** The steepest-ascent direction of unit size for a gradient g: sign(g), or g scaled to unit RMS. */
    void direction(float[] g, int off, double[] out) {
        int n = out.length;
        if (this == LINF) {
            for (int i = 0; i < n; i++) {
                out[i] = Math.signum(g[off + i]);
            }
            return;
        }
        double s = GradientAttack.norm2(g, off, n);
        double scale = s > 0 ? Math.sqrt(n) / s : 0;
        for (int i = 0; i < n; i++) {
            out[i] = g[off + i] * scale;
        }
    }

    /** Projects r onto the ball of radius eps in this norm, in place. */
    void project(double[] r, double eps) {
        if (this == LINF) {
            for (int i = 0; i < r.length; i++) {
                r[i] = Math.max(-eps, Math.min(eps, r[i]));
            }
            return;
        }
        double size = size(r);
        if (size > eps) {
            double f = eps / size;
            for (int i = 0; i < r.length; i++) {
                r[i] *= f;
            }
        }
    }
}
