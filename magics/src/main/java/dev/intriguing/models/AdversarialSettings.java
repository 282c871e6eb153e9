package dev.intriguing.models;

import java.util.Objects;

/**
 * How a model was trained on adversarial examples (paper section 4.2): which attack makes them, how many are kept in
 * the pool, how much of the pool is made anew each epoch and how many are mixed into each batch. It is part of
 * {@link TrainOptions}, so it is recorded in the manifest and is part of the model cache key; the training itself
 * lives in the {@code adversarial} package, which this package does not see (the attack is kept here by name).
 *
 * <p>The scheme: a pool of {@code pool} adversarial examples, made from random training images, is filled at the
 * start of training against the freshly initialised network; during every epoch a random share {@code refresh} of
 * its slots is regenerated against the network as it is then (in chunks spread evenly over the epoch), and every
 * batch of B clean images gets {@code round(mix * B)} pool examples, drawn at random, appended with their true labels.
 *
 * <pre>{@code
 * new AdversarialSettings("fgsm", 10_000, 1.0, 0.5, 0.1)   // --adversarial fgsm --pool 10000 --refresh 1.0 --mix 0.5 --eps 0.1
 * AdversarialSettings.defaults("pgd")                     // --adversarial pgd --pool 10000 --refresh 1.0 --mix 0.5 --eps 0.05
 * }</pre>
 *
 * @param attack  the attack's name in the adversarial package's index: {@code lbfgs}, {@code fgsm} or {@code pgd}
 * @param pool    adversarial examples kept, 1 to {@value #MAX_POOL}
 * @param refresh share of the pool regenerated against the current network each epoch, in (0, 1]
 * @param mix     pool examples appended per clean example of a batch, in (0, 1]
 * @param eps     the budget of a fixed-budget attack (FGSM, PGD: L∞ ε; {@link #DEFAULT_EPS} by default), NaN for
 *                the attack's own default (L-BFGS has none)
 */
public record AdversarialSettings(String attack, int pool, double refresh, double mix, double eps) {
    /**
     * Default pool size: a sixth of MNIST's training set, so that with {@link #DEFAULT_REFRESH} an epoch makes a sixth
     * as many adversarial examples as it sees clean images (FGSM then adds about a third to an epoch's cost).
     */
    public static final int DEFAULT_POOL = 10_000;
    /** Default share regenerated per epoch: the whole pool, so that no example is older than about one epoch. */
    public static final double DEFAULT_REFRESH = 1.0;
    /** Default adversarial examples per clean example in a batch: one for every two clean ones. */
    public static final double DEFAULT_MIX = 0.5;
    /**
     * Default L∞ ε of an FGSM or PGD pool: 0.05, not the attacks' own 0.3. Measured on FC100-100-10 with our default
     * training (15 epochs, ±1-pixel shifts), an FGSM pool at 0.05 brings the test error from 1.48% to 1.18%; at 0.1 it
     * leaves it at 1.47%, and the network underfits as ε grows.
     */
    public static final double DEFAULT_EPS = 0.05;
    /** The largest pool (313 MB of pixels; a pool beyond the training set mostly holds repeats). */
    public static final int MAX_POOL = 100_000;

    public AdversarialSettings {
        Objects.requireNonNull(attack, "attack");
        if (attack.isBlank()) {
            throw new IllegalArgumentException("the adversarial attack needs a name, e.g. fgsm");
        }
        if (pool < 1 || pool > MAX_POOL) {
            throw new IllegalArgumentException("the pool holds 1 to " + MAX_POOL + " examples; got " + pool);
        }
        if (!(refresh > 0 && refresh <= 1)) {
            throw new IllegalArgumentException("refresh is the share of the pool made anew each epoch, in (0, 1]; got "
                    + refresh);
        }
        if (!(mix > 0 && mix <= 1)) {
            throw new IllegalArgumentException("mix is the number of pool examples per clean example of a batch, in "
                    + "(0, 1]; got " + mix);
        }
        if (!Double.isNaN(eps) && !(eps > 0 && eps <= 1)) {
            throw new IllegalArgumentException("eps is an L∞ budget in (0, 1]; got " + eps);
        }
    }

    /** {@code attack} with the default pool, refresh and mix, and {@link #DEFAULT_EPS} unless it is L-BFGS. */
    public static AdversarialSettings defaults(String attack) {
        return new AdversarialSettings(attack, DEFAULT_POOL, DEFAULT_REFRESH, DEFAULT_MIX,
                "lbfgs".equals(attack) ? Double.NaN : DEFAULT_EPS);
    }

    public AdversarialSettings withPool(int newPool) {
        return new AdversarialSettings(attack, newPool, refresh, mix, eps);
    }

    public AdversarialSettings withRefresh(double newRefresh) {
        return new AdversarialSettings(attack, pool, newRefresh, mix, eps);
    }

    public AdversarialSettings withMix(double newMix) {
        return new AdversarialSettings(attack, pool, refresh, newMix, eps);
    }

    public AdversarialSettings withEps(double newEps) {
        return new AdversarialSettings(attack, pool, refresh, mix, newEps);
    }

    /** Whether the attack's budget was given ({@code --eps}); otherwise the attack uses its own. */
    public boolean hasEps() {
        return !Double.isNaN(eps);
    }

    /** Pool examples appended to a batch of {@code batchSize} clean images (at least 1). */
    public int extraRows(int batchSize) {
        return Math.max(1, (int) Math.round(mix * batchSize));
    }

    /** The settings as {@code %model train} flags; part of the model cache key. */
    @Override
    public String toString() {
        return "--adversarial " + attack + " --pool " + pool + " --refresh " + refresh + " --mix " + mix
                + (hasEps() ? " --eps " + eps : "");
    }
}
