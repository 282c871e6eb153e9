package dev.intriguing.adversarial;

import java.util.Locale;
import java.util.Random;

/**
 * The fixed-budget gradient attacks: FGSM (Goodfellow et al. 2015, one step of size ε along the sign of the loss
 * gradient) and PGD (Madry et al. 2018, projected steps from a random start in the ε-ball), in L∞ or L2 (see
 * {@link Norm} for the units of ε). Untargeted they climb the cross-entropy of the true class; targeted they descend
 * the cross-entropy of the target.
 *
 * <p>At a fixed ε ({@link Config#minimal()} false) the attack runs once per budget and the base class keeps, per
 * example, the first budget at which it succeeded. With {@code minimal} it looks for the smallest ε itself, like
 * L-BFGS looks for the smallest distortion: one run at the upper end {@link Config#eps()}, then bisection on ε per
 * example ({@link Config#bisections()} steps), each run starting from the last success projected onto the smaller
 * ball; the parameter column {@code eps} is the smallest successful ε. FGSM reuses the clean image's gradient across
 * ε, so its search costs one forward pass per step.
 *
 * <p>Published defaults, which ours follow: PGD on MNIST in L∞ uses ε = 0.3, 40 steps, a uniform random start and a
 * step of about 2.5 ε / steps (Madry et al.); FGSM takes one step of exactly ε. A PGD run stops early when an iterate
 * meets the criterion (a success already found is kept). L2 defaults: ε = 0.15 (RMS; L2 norm 4.2 on MNIST).
 */
public final class PgdAttack extends GradientAttack {
    /** Default ε in L∞ (Madry et al.'s MNIST budget). */
    public static final double DEFAULT_EPS_LINF = 0.3;
    /** Default ε in L2, as the paper's RMS distortion. */
    public static final double DEFAULT_EPS_L2 = 0.15;

    /**
     * The attack's options.
     *
     * @param name        {@code fgsm} or {@code pgd}
     * @param norm        the norm of the budget
     * @param eps         the budget (fixed), or the upper end of the minimal-ε search
     * @param minimal     whether to search the smallest ε per example
     * @param steps       gradient steps per run (1 for FGSM)
     * @param bisections  bisection steps of the minimal-ε search
     * @param randomStart whether a run at a new ε starts at a random point of the ball (PGD) or at the clean image
     * @param seed        the seed of the random starts
     * @param batchSize   examples in flight
     */
    public record Config(String name, Norm norm, double eps, boolean minimal, int steps, int bisections,
                         boolean randomStart, long seed, int batchSize) {
        public Config {
            if (!(eps > 0 && eps < Double.POSITIVE_INFINITY)) {
                throw new IllegalArgumentException("eps must be a positive finite number, got " + eps);
            }
            if (norm == Norm.LINF && eps > 1) {
                throw new IllegalArgumentException("an linf eps beyond 1 leaves the box; got " + eps);
            }
            if (steps < 1 || steps > 100_000) {
                throw new IllegalArgumentException("steps must be between 1 and 100000, got " + steps);
            }
            if (bisections < 0) {
                throw new IllegalArgumentException("bisections must be at least 0, got " + bisections);
            }
        }

        /** FGSM's defaults in {@code norm}: one step, ten bisections when minimal. */
        public static Config fgsm(Norm norm, int batchSize) {
            return new Config("fgsm", norm, defaultEps(norm), false, 1, 10, false, 0, batchSize);
        }

        /** PGD's defaults in {@code norm}: 40 steps from a random start, eight bisections when minimal. */
        public static Config pgd(Norm norm, int batchSize) {
            return new Config("pgd", norm, defaultEps(norm), false, 40, 8, true, 0, batchSize);
        }

        public Config withEps(double e) {
            return new Config(name, norm, e, minimal, steps, bisections, randomStart, seed, batchSize);
        }

        public Config withMinimal(boolean m) {
            return new Config(name, norm, eps, m, steps, bisections, randomStart, seed, batchSize);
        }

        public Config withSteps(int s) {
            return new Config(name, norm, eps, minimal, s, bisections, randomStart, seed, batchSize);
        }

        public Config withSeed(long s) {
            return new Config(name, norm, eps, minimal, steps, bisections, randomStart, s, batchSize);
        }
    }

    /** The default ε of a norm. */
    public static double defaultEps(Norm norm) {
        return norm == Norm.LINF ? DEFAULT_EPS_LINF : DEFAULT_EPS_L2;
    }

    private final Config config;

    public PgdAttack(Config config) {
        super(config.batchSize());
        this.config = config;
    }

    public Config config() {
        return config;
    }

    @Override
    public String name() {
        return config.name();
    }

    /** The ε of the returned image: the run's ε, or the smallest successful ε of the minimal search. */
    @Override
    public String parameterName() {
        return "eps";
    }

    @Override
    public boolean fixedBudget() {
        return !config.minimal();
    }

    /** At a fixed budget, the config's ε when the caller gives none. */
    @Override
    public java.util.List<Double> defaultBudgets() {
        return config.minimal() ? java.util.List.of() : java.util.List.of(config.eps());
    }

    /** The config's ε: the budget of a fixed run, or the upper end of the minimal search. */
    public double eps() {
        return config.eps();
    }

    /** The step of a run at ε: ε itself for a single step, else 2.5 ε / steps. */
    private double stepSize(double eps) {
        return config.steps() == 1 ? eps : 2.5 * eps / config.steps();
    }

    @Override
    Job newJob(int id, Task task, int numClasses, double budget) {
        return new PgdJob(id, task, numClasses, config.minimal() ? config.eps() : budget);
    }

    /** One example: a sequence of runs at ε (one, or a bisection), each a few projected steps. */
    private final class PgdJob extends Job {
        final Random random;
        final double[] delta;
        final double[] dir;
        double eps;
        double lo;
        double hi = Double.POSITIVE_INFINITY;
        int bisected;
        int taken;
        /** The clean image's step direction, once known (FGSM's runs all start there). */
        double[] cleanDir;
        boolean cleanReached;
        float[] best;
        double bestEps = Double.NaN;
        float[] last;

        PgdJob(int id, Task task, int numClasses, double eps) {
            super(id, task, numClasses);
            this.random = new Random(config.seed() * 1_000_003L + id);
            this.delta = new double[n];
            this.dir = new double[n];
            this.eps = eps;
            startRun(null);
        }

        /** A new run at the current ε, from {@code from} projected into the ball, or the usual start. */
        private void startRun(double[] from) {
            taken = 0;
            if (from != null) {
                System.arraycopy(from, 0, delta, 0, n);
                config.norm().project(delta, eps);
            } else if (config.randomStart()) {
                randomPoint();
            } else {
                java.util.Arrays.fill(delta, 0);
            }
            clipToBox(x0, delta);
            // a run starting at the clean image whose gradient is known takes its first step without a pass
            if (from == null && !config.randomStart() && cleanDir != null && !cleanReached) {
                step(cleanDir);
            }
        }

        private void randomPoint() {
            if (config.norm() == Norm.LINF) {
                for (int i = 0; i < n; i++) {
                    delta[i] = (2 * random.nextDouble() - 1) * eps;
                }
            } else {
                for (int i = 0; i < n; i++) {
                    delta[i] = random.nextGaussian();
                }
                double size = config.norm().size(delta);
                double f = size > 0 ? eps * random.nextDouble() / size : 0;
                for (int i = 0; i < n; i++) {
                    delta[i] *= f;
                }
            }
        }

        /** delta <- Proj(delta - step * direction), inside the box. */
        private void step(double[] direction) {
            double a = stepSize(eps);
            for (int i = 0; i < n; i++) {
                delta[i] -= a * direction[i];
            }
            config.norm().project(delta, eps);
            clipToBox(x0, delta);
            taken++;
            iterations++;
        }

        @Override
        void point(float[] dst, int off) {
            for (int i = 0; i < n; i++) {
                dst[off + i] = (float) Math.min(1, Math.max(0, x0[i] + delta[i]));
            }
        }

        @Override
        void lossGradient(int row, float[] z, int zoff, float[] w, int woff) {
            boolean untargeted = task.untargeted();
            crossEntropyGradient(z, zoff, k, untargeted ? task.label() : task.target(), untargeted, w, woff);
        }

        @Override
        boolean absorb(float[] z, int zoff, float[] g, int goff) {
            boolean reached = task.reached(argMax(z, zoff, k));
            boolean atClean = cleanDir == null && !config.randomStart();
            if (atClean) {
                cleanDir = new double[n];
                config.norm().direction(g, goff, cleanDir);
                cleanReached = reached;
            }
            if (reached) {
                return runEnded(true);
            }
            if (taken >= config.steps()) {
                return runEnded(false);
            }
            config.norm().direction(g, goff, dir);
            step(dir);
            if (taken >= config.steps() && !config.minimal()) {
                // a fixed-budget run's last point needs no pass here: the base class verifies every answer
                last = image(x0, delta);
                return true;
            }
            return false;
        }

        /** A run at ε ended, with or without success; returns whether the whole job is over. */
        private boolean runEnded(boolean success) {
            if (success) {
                best = image(x0, delta);
                bestEps = eps;
                hi = eps;
            } else {
                lo = eps;
                last = image(x0, delta);
            }
            boolean clean = success && config.norm().size(delta) == 0;
            if (!config.minimal() || clean || hi == Double.POSITIVE_INFINITY || bisected >= config.bisections()) {
                return true;
            }
            bisected++;
            eps = (lo + hi) / 2;
            double[] from = null;
            if (config.randomStart()) {
                from = new double[n];
                for (int i = 0; i < n; i++) {
                    from[i] = best[i] - x0[i];
                }
            }
            startRun(from);
            return false;
        }

        @Override
        Outcome outcome() {
            if (best != null) {
                return new Outcome(best, bestEps, iterations, evaluations);
            }
            return new Outcome(last, config.minimal() ? Double.NaN : eps, iterations, evaluations);
        }
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s(norm=%s, eps=%g, minimal=%b, steps=%d, bisections=%d, randomStart=%b, "
                        + "seed=%d, batch=%d)", config.name(), config.norm(), config.eps(), config.minimal(),
                config.steps(), config.bisections(), config.randomStart(), config.seed(), config.batchSize());
    }
}
