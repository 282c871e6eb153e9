package dev.intriguing.adversarial;

import dev.intriguing.core.Progress;
import dev.intriguing.datasets.api.ImageSet;
import dev.intriguing.models.AdversarialSettings;
import dev.intriguing.models.BatchMixer;
import dev.intriguing.models.Classifier;
import dev.intriguing.models.ModelSpec;
import dev.intriguing.models.ModelTrainer;
import dev.intriguing.models.TrainOptions;
import dev.intriguing.models.TrainedModel;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Adversarial training as in the paper (section 4.2): a pool of adversarial examples, a random share of which is
 * regenerated against the network being trained, mixed into every batch. It is the {@link BatchMixer} that
 * {@link ModelTrainer} calls once per batch; the examples come from an attack of the {@link Attacks} index through
 * the {@link Attack} base, so every pool example is inside the box and was verified by a fresh forward pass.
 *
 * <p>How the pool works ({@link AdversarialSettings} gives the numbers): at the first batch it is filled from random
 * training images against the freshly initialised network; each epoch a share {@code refresh} of its slots, taken in
 * a shuffled order so that every slot is renewed before any is renewed twice, is regenerated from new random training
 * images in chunks of about {@value #CHUNK} spread evenly over the epoch; every batch gets {@code round(mix * B)}
 * examples drawn at random from the pool, with their true labels. FGSM and PGD attack untargeted at their L∞ ε (the
 * examples they fail on are kept: they still lie on the loss's uphill side); L-BFGS aims at a random wrong class per
 * image and keeps its minimal-distortion example. All choices come from the training seed, so a run repeats.
 *
 * <pre>{@code
 * TrainOptions o = TrainOptions.defaults(spec).withAdversarial(AdversarialSettings.defaults("fgsm").withEps(0.1));
 * TrainedModel robust = AdversarialPool.train(spec, o, train, test, progress);
 * robust.manifest().options().adversarial()   // --adversarial fgsm --pool 10000 --refresh 1.0 --mix 0.5 --eps 0.1
 * }</pre>
 */
public final class AdversarialPool implements BatchMixer {
    /** The attacks that can fill a pool, as {@code --adversarial} takes them. */
    public static final List<String> ATTACKS = List.of("lbfgs", "fgsm", "pgd");
    /**
     * Examples regenerated at once: enough to fill the attacks' batches (L-BFGS runs 64 at a time, FGSM and PGD 256),
     * few enough that the pool follows the network closely (about 20 chunks an epoch at the defaults).
     */
    static final int CHUNK = 500;

    private final AdversarialSettings settings;
    private final Attack attack;
    private ImageSet train;
    private Random rnd;
    private long seed;
    private Progress progress = Progress.NONE;
    private float[] pixels;
    private int[] labels;
    private int filled;
    private int[] slotOrder;
    private int cursor;
    private int perEpoch;
    private int chunks;
    private int interval;
    private int rounds;
    private long generated;
    private double lastFooled = Double.NaN;

    private AdversarialPool(AdversarialSettings settings) {
        this.settings = settings;
        this.attack = attack(settings);
    }

    /**
     * A pool for one training run with {@code settings}.
     *
     * @throws IllegalArgumentException before any work, for an attack not in {@link #ATTACKS} or an option it does
     *                                  not take (L-BFGS has no ε)
     */
    public static AdversarialPool of(AdversarialSettings settings) {
        return new AdversarialPool(settings);
    }

    /** The mixer {@code options} ask for: a fresh pool, or {@link BatchMixer#NONE} for plain training. */
    public static BatchMixer forOptions(TrainOptions options) {
        return options.adversarial() == null ? BatchMixer.NONE : of(options.adversarial());
    }

    /**
     * Trains {@code spec} with {@code options} (adversarially when they say so) on {@code train}, measuring the error
     * on {@code train} and {@code test}; see {@link ModelTrainer}.
     */
    public static TrainedModel train(ModelSpec spec, TrainOptions options, ImageSet train, ImageSet test, Progress progress) {
        return ModelTrainer.train(spec, options, train, test, forOptions(options), progress);
    }

    /**
     * The attack that fills a pool with {@code settings}: the index's entry at its defaults, with the settings' ε.
     *
     * @throws IllegalArgumentException for an attack not in {@link #ATTACKS} or an ε given to L-BFGS
     */
    public static Attack attack(AdversarialSettings settings) {
        if (!ATTACKS.contains(settings.attack())) {
            throw new IllegalArgumentException("adversarial training takes one of " + String.join(", ", ATTACKS)
                    + "; got '" + settings.attack() + "'");
        }
        Attacks.Entry entry = Attacks.get(settings.attack());
        Attacks.Options options = settings.hasEps() ? entry.defaults().withEps(settings.eps()) : entry.defaults();
        return entry.create(options);
    }

    public AdversarialSettings settings() {
        return settings;
    }

    /** Examples in the pool now (the pool size once the first batch filled it). */
    public int filled() {
        return filled;
    }

    /** Adversarial examples made so far, the first filling included. */
    public long generated() {
        return generated;
    }

    @Override
    public int extraRows(int batchSize) {
        return settings.extraRows(batchSize);
    }

    @Override
    public void start(ImageSet trainingSet, long trainingSeed, int batchesPerEpoch, Progress trainingProgress) {
        this.train = trainingSet;
        this.seed = trainingSeed;
        // its own stream, so that the trainer's initial weights and batch order are those of plain training
        this.rnd = new Random(trainingSeed * 0x9E3779B97F4A7C15L + 0xADL);
        this.progress = trainingProgress;
        int n = train.pixelsPerImage();
        this.pixels = new float[settings.pool() * n];
        this.labels = new int[settings.pool()];
        this.filled = 0;
        this.slotOrder = shuffled(settings.pool());
        this.cursor = 0;
        this.perEpoch = Math.max(1, (int) Math.round(settings.refresh() * settings.pool()));
        this.chunks = Math.max(1, Math.min(batchesPerEpoch, (perEpoch + CHUNK - 1) / CHUNK));
        this.interval = Math.max(1, batchesPerEpoch / chunks);
    }

    @Override
    public int mix(Classifier current, int epoch, int batch, float[] batchPixels, float[] batchLabels, int cleanRows) {
        if (train == null) {
            throw new IllegalStateException("the pool was not started: ModelTrainer calls start before the first batch");
        }
        if (epoch == 1 && batch == 0 && filled == 0) {
            Progress shown = (message, fraction) -> progress.update("filling the adversarial pool (" + settings.attack()
                    + ", " + settings.pool() + "): " + message, 0.0);
            regenerate(current, settings.pool(), shown);
        } else if (batch % interval == 0 && batch / interval < chunks) {
            int j = batch / interval;
            regenerate(current, (int) ((long) perEpoch * (j + 1) / chunks - (long) perEpoch * j / chunks), Progress.NONE);
        }
        if (filled == 0) {
            return 0;
        }
        int n = train.pixelsPerImage();
        int rows = Math.min(settings.extraRows(cleanRows), (batchLabels.length - cleanRows));
        for (int r = 0; r < rows; r++) {
            int slot = rnd.nextInt(filled);
            System.arraycopy(pixels, slot * n, batchPixels, (cleanRows + r) * n, n);
            batchLabels[cleanRows + r] = labels[slot];
        }
        return rows;
    }

    @Override
    public String status() {
        return String.format(Locale.ROOT, "adversarial pool %d %s%s", filled, settings.attack(),
                Double.isNaN(lastFooled) ? "" : String.format(Locale.ROOT, ", %.1f%% fool the net when made", 100 * lastFooled));
    }

    /**
     * Makes {@code count} adversarial examples from random training images against {@code current} and puts them in
     * the next slots: empty ones while the pool fills, else the next of the shuffled order.
     */
    private void regenerate(Classifier current, int count, Progress attackProgress) {
        if (count <= 0) {
            return;
        }
        int n = train.pixelsPerImage();
        float[] source = new float[count * n];
        int[] sourceLabels = new int[count];
        for (int i = 0; i < count; i++) {
            int idx = rnd.nextInt(train.size());
            System.arraycopy(train.image(idx), 0, source, i * n, n);
            sourceLabels[i] = train.label(idx);
        }
        ImageSet images = ImageSet.of(train.name() + "-pool", train.height(), train.width(), train.numClasses(), source,
                sourceLabels);
        // L-BFGS needs a class to aim at; a fresh random one per image and round keeps the pool's targets varied
        Criterion criterion = attack.fixedBudget() ? Criterion.untargeted()
                : Criterion.targeted(Targets.random(seed * 31 + rounds));
        rounds++;
        AttackResult result = attack.run(current, images, 0, criterion, List.of(), true, attackProgress);
        ImageSet made = result.adversarial();
        int fooled = 0;
        for (int j = 0; j < result.size(); j++) {
            AttackResult.Example e = result.examples().get(j);
            int slot = nextSlot();
            System.arraycopy(made.image(j), 0, pixels, slot * n, n);
            labels[slot] = e.label();
            fooled += e.success() && !e.alreadyAdversarial() ? 1 : 0;
        }
        generated += result.size();
        if (result.size() > 0) {
            lastFooled = fooled / (double) result.size();
        }
    }

    private int nextSlot() {
        if (filled < settings.pool()) {
            return filled++;
        }
        if (cursor == slotOrder.length) {
            slotOrder = shuffled(settings.pool());
            cursor = 0;
        }
        return slotOrder[cursor++];
    }

    private int[] shuffled(int size) {
        int[] p = new int[size];
        for (int i = 0; i < size; i++) {
            p[i] = i;
        }
        for (int i = size - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }
}
