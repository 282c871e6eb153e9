package dev.intriguing.magics;

import dev.intriguing.adversarial.AdversarialPool;
import dev.intriguing.core.Progress;
import dev.intriguing.models.ModelCache;
import dev.intriguing.models.ModelEvaluation;
import dev.intriguing.models.ModelFormatException;
import dev.intriguing.models.ModelList;
import dev.intriguing.models.ModelStore;
import dev.intriguing.models.ModelTrainer;
import dev.intriguing.models.Npz;
import dev.intriguing.models.SavedFile;
import dev.intriguing.models.TrainedModel;
import dev.intriguing.session.Session;
import io.github.spencerpark.jupyter.kernel.magic.registry.LineMagic;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * {@code %model}: train, load, save, export, list and evaluate the paper's models.
 *
 * <p>{@code train} reuses the on-disk result of an identical earlier run (same spec, options and seed give the same
 * weights; see {@link ModelCache}), so re-running a notebook does not retrain.
 *
 * <p>{@code train --adversarial ATTACK} is the paper's adversarial training (section 4.2; see {@link AdversarialPool}):
 * a pool of {@code --pool} adversarial examples (default 10000) made by the attack, a share {@code --refresh} of it
 * (default 1.0) regenerated against the network being trained each epoch, and {@code --mix} pool examples per clean
 * example (default 0.5) appended to every batch; {@code --eps} sets FGSM's and PGD's L∞ budget (default 0.05, see
 * {@link dev.intriguing.models.AdversarialSettings#DEFAULT_EPS}). The
 * settings are recorded in the manifest and make a model of their own in the cache.
 */
public final class ModelMagic implements Magic {
    public static final MagicSpec SPEC = new MagicSpec("model", List.of(),
            "Train, load, save, export (.npz), list and evaluate the paper's MNIST models.",
            "%model train SPEC [--data mnist|fashion-mnist] [--split train|p1|p2] [--epochs N] [--batch B] [--lr X] "
                    + "[--weight-decay λ] [--seed S] [--shift PIXELS] [--adversarial lbfgs|fgsm|pgd [--pool N (10000)] "
                    + "[--refresh F (1.0)] [--mix R (0.5)] [--eps E (fgsm, pgd: 0.05)]] [--as NAME] | load DIR [--as NAME] | "
                    + "save NAME DIR | "
                    + "export NAME FILE.npz | list | eval NAME [--data mnist|fashion-mnist]; SPEC one of fc10@λ, "
                    + "fc100-100-10, fc200-200-10, fc123-456-10, fcA-B-...-10, ae400-10, conv",
            "%model train fc100-100-10 --as a");

    private final Session session;
    private final Displayer displayer;

    public ModelMagic(MagicContext context) {
        this.session = context.session();
        this.displayer = context.displayer();
    }

    @Override
    public MagicSpec spec() {
        return SPEC;
    }

    /** Runs one {@code %model} action and returns its result (also displayed, and bound for train and load). */
    @LineMagic("model")
    public Object model(List<String> args) {
        ModelCommand c = ModelCommand.parse(SPEC, args);
        // Java 17 has no pattern switch outside preview; the sealed type keeps this chain to the six records
        Object result;
        if (c instanceof ModelCommand.Train t) {
            result = train(t);
        } else if (c instanceof ModelCommand.Load l) {
            result = load(l);
        } else if (c instanceof ModelCommand.Save s) {
            result = save(s);
        } else if (c instanceof ModelCommand.Export x) {
            result = export(x);
        } else if (c instanceof ModelCommand.Eval e) {
            result = ModelEvaluation.of(e.name(), model(e.name()), session.datasets(), e.data());
        } else if (c instanceof ModelCommand.ListModels) {
            result = ModelList.of(session.all(TrainedModel.class));
        } else {
            throw new IllegalStateException("unhandled %model command " + c);
        }
        displayer.display(result);
        return result;
    }

    private TrainedModel train(ModelCommand.Train c) {
        Progress progress = displayer.progress("Training " + c.spec() + " as " + c.name());
        TrainedModel m;
        try {
            m = new ModelCache(session.datasets()).trained(c.spec(), c.options(), AdversarialPool.forOptions(c.options()),
                    progress);
        } catch (ModelTrainer.TrainingInterruptedException e) {
            // stopping is the user's choice, not a failure: one line, no trace
            throw new MagicUsageException(e.getMessage(), e);
        }
        m.setName(c.name());
        session.put(c.name(), m);
        return m;
    }

    private TrainedModel load(ModelCommand.Load c) {
        TrainedModel m;
        try {
            m = ModelStore.load(c.dir());
        } catch (ModelFormatException e) {
            throw MagicUsageException.of(SPEC, e.getMessage());
        }
        m.setName(c.name());
        session.put(c.name(), m);
        return m;
    }

    private SavedFile save(ModelCommand.Save c) {
        TrainedModel m = model(c.name());
        try {
            ModelStore.save(m, c.dir());
        } catch (ModelFormatException e) {
            throw MagicUsageException.of(SPEC, e.getMessage());
        }
        return new SavedFile(c.name(), "saved", c.dir().toAbsolutePath(), size(c.dir()));
    }

    private SavedFile export(ModelCommand.Export c) {
        TrainedModel m = model(c.name());
        Npz.export(m, c.file());
        return new SavedFile(c.name(), "exported", c.file().toAbsolutePath(), size(c.file()));
    }

    private TrainedModel model(String name) {
        try {
            return session.model(name, TrainedModel.class);
        } catch (Session.UnknownNameException e) {
            throw MagicUsageException.of(SPEC, e.getMessage());
        }
    }

    private static long size(Path p) {
        try (Stream<Path> s = Files.walk(p)) {
            return s.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
