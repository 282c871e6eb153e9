package dev.intriguing.models;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.mxnet.engine.MxNDManager;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import dev.intriguing.core.Progress;
import dev.intriguing.datasets.api.Datasets;
import dev.intriguing.datasets.api.ImageSet;
import dev.intriguing.datasets.api.Split;
import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

/**
 * Trains a {@link ModelSpec} with a DJL {@link Trainer} on the MXNet engine, seeded end to end.
 *
 * <p>The seed drives a {@link Random} that draws the initial weights and the order of every epoch, and it seeds the
 * engine; no dropout or other randomness is used, so the same spec, options and data give the same weights and errors
 * on re-run (on the same machine and thread count). The objective is cross-entropy plus
 * {@link Regularization#penalty}. A thread interrupt (the notebook's stop button) ends training at the next batch;
 * the model then holds the parameters of the last completed epoch. A {@link BatchMixer} may append examples made
 * against the network as it trains to every classifier batch (adversarial training, paper section 4.2).
 *
 * <pre>{@code
 * ModelSpec spec = ModelSpec.parse("fc100-100-10");
 * TrainedModel a = ModelTrainer.train(spec, TrainOptions.defaults(spec), Datasets.standard(), Progress.NONE);
 * }</pre>
 */
public final class ModelTrainer {
    private static final int PROGRESS_STEPS = 20;

    private ModelTrainer() {
    }

    /** Trains on the data named by {@code options}, from {@code datasets}; errors are measured on its test part. */
    public static TrainedModel train(ModelSpec spec, TrainOptions options, Datasets datasets, Progress progress) {
        return train(spec, options, trainingSet(options, datasets), datasets.load(options.data(), Split.TEST), progress);
    }

    /** The training images {@code options} name: the whole training part, or the paper's fixed half P1 or P2. */
    public static ImageSet trainingSet(TrainOptions options, Datasets datasets) {
        return datasets.load(options.data(), options.split());
    }

    /**
     * Trains on {@code train} and measures the error on {@code train} and {@code test}.
     *
     * @throws TrainingInterruptedException when interrupted before the first epoch finished (there is no model to keep)
     * @throws IllegalArgumentException     when {@code options} ask for adversarial training, which needs the
     *                                      adversarial package's mixer: see {@link #train(ModelSpec, TrainOptions,
     *                                      ImageSet, ImageSet, BatchMixer, Progress)}
     */
    public static TrainedModel train(ModelSpec spec, TrainOptions options, ImageSet train, ImageSet test, Progress progress) {
        return train(spec, options, train, test, BatchMixer.NONE, progress);
    }

    /**
     * Trains on {@code train}, every classifier batch extended by {@code mixer}, and measures the error on
     * {@code train} and {@code test}. The mixer must match {@code options}: {@link BatchMixer#NONE} exactly when they
     * ask for no adversarial training, so that the manifest never records settings the training did not use.
     *
     * @throws TrainingInterruptedException when interrupted before the first epoch finished (there is no model to keep)
     */
    public static TrainedModel train(ModelSpec spec, TrainOptions options, ImageSet train, ImageSet test, BatchMixer mixer,
                                     Progress progress) {
        if ((options.adversarial() != null) != (mixer != BatchMixer.NONE)) {
            throw new IllegalArgumentException(options.adversarial() != null
                    ? "options ask for adversarial training (" + options.adversarial() + ") but no mixer makes the examples; "
                    + "train through the adversarial package's AdversarialPool"
                    : "a batch mixer was given but the options ask for no adversarial training");
        }
        if (train.pixelsPerImage() != spec.inputSize() || train.numClasses() != spec.numClasses()) {
            throw new IllegalArgumentException(spec + " takes " + spec.inputSize() + " pixels and " + spec.numClasses()
                    + " classes; " + train.name() + " has " + train.pixelsPerImage() + " and " + train.numClasses());
        }
        long start = System.nanoTime();
        Engine.getEngine("MXNet").setRandomSeed((int) options.seed());
        Random rnd = new Random(options.seed());
        Model model = Model.newInstance(spec.toString(), Device.cpu(), "MXNet");
        try {
            SequentialBlock net = Networks.classifier(spec);
            List<Block> layers = Networks.children(net);
            List<Boolean> relu = new ArrayList<>();
            for (int i = 0; i < layers.size(); i++) {
                relu.add(Networks.activation(spec, i) == LayerInfo.Activation.RELU);
            }
            Networks.initialize(net, model.getNDManager(), new Shape(1, spec.inputSize()), layers, relu, rnd);
            Run run = new Run(spec, options, train, rnd, mixer, progress);
            if (spec.kind() == ModelSpec.Kind.AE && options.pretrainEpochs() > 0) {
                run.pretrain(model, layers.get(0));
            }
            model.setBlock(net);
            run.fit(model, net, layers);
            // training is over: parameters without gradients are constants to autograd, so an attack's backward pass
            // computes only the input gradient it asks for, as it does on a loaded model
            net.getParameters().values().forEach(p -> p.getArray().setRequiresGradient(false));
            TrainedModel trained = new TrainedModel(spec, model, net, null);
            double trainError = trained.evaluate(train).error();
            double testError = trained.evaluate(test).error();
            trained.setManifest(new ModelManifest(ModelStore.FORMAT, spec.toString(), options, train.name(), train.size(),
                    fingerprint(train), run.completed, run.interrupted, run.history, trainError, testError,
                    (System.nanoTime() - start) / 1e9, "MXNet " + Engine.getEngine("MXNet").getVersion(), null));
            return trained;
        } catch (RuntimeException | Error e) {
            model.close();
            throw e;
        }
    }

    /** One training run's state: data order, progress, history. */
    private static final class Run {
        final ModelSpec spec;
        final TrainOptions options;
        final ImageSet train;
        final float[] pixels;
        final Random rnd;
        final Progress progress;
        final BatchMixer mixer;
        /** The network being trained, as a classifier the mixer can attack; set once the classifier is assembled. */
        Classifier current;
        final List<ModelManifest.EpochStats> history = new ArrayList<>();
        int completed;
        boolean interrupted;
        boolean augment;
        TrainingGraph graph;

        Run(ModelSpec spec, TrainOptions options, ImageSet train, Random rnd, BatchMixer mixer, Progress progress) {
            this.spec = spec;
            this.options = options;
            this.train = train;
            this.pixels = train.pixels(0, train.size());
            this.rnd = rnd;
            this.progress = progress;
            this.mixer = mixer;
        }

        private Trainer trainer(Model model, int epochs) {
            int steps = Math.max(1, epochs * ((train.size() + options.batchSize() - 1) / options.batchSize()));
            float lr = (float) options.learningRate();
            Tracker schedule = Tracker.cosine().setBaseValue(lr).optFinalValue(lr / 100).setMaxUpdates(steps).build();
            Optimizer adam = Optimizer.adam().optLearningRateTracker(schedule).build();
            return model.newTrainer(new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss()).optOptimizer(adam));
        }

        /** Trains encoder + decoder to reconstruct the images (mean over the batch of the summed squared error). */
        void pretrain(Model model, Block encoder) {
            SequentialBlock ae = new SequentialBlock();
            Block decoder = Networks.decoder(spec.inputSize());
            ae.add(encoder).add(decoder);
            NDManager pm = model.getNDManager();
            Networks.initialize(decoder, pm, new Shape(1, spec.units()[0]), List.of(decoder), List.of(false), rnd);
            model.setBlock(ae);
            double[] decays = {spec.decays()[0], 0};
            try (Trainer trainer = trainer(model, options.pretrainEpochs())) {
                for (int e = 1; e <= options.pretrainEpochs() && !interrupted; e++) {
                    epoch(trainer, List.of(encoder, decoder), decays, "pretrain", e, options.pretrainEpochs(), true);
                }
            } finally {
                decoder.getParameters().values().forEach(Parameter::close);
            }
            if (interrupted) {
                throw new TrainingInterruptedException("Training " + spec + " was interrupted while pre-training the autoencoder; no model was kept.");
            }
        }

        void fit(Model model, SequentialBlock net, List<Block> layers) {
            // the step runs as one cached graph that shares the layers' arrays; the model gets its sequential block back
            graph = TrainingGraph.enabled() ? TrainingGraph.of(spec, layers, (MxNDManager) model.getNDManager()) : null;
            if (graph != null) {
                model.setBlock(graph.block());
            }
            // a view on the same parameters through the sequential block, never closed here: closing it would close
            // the model being trained
            current = new TrainedModel(spec, model, net, null);
            mixer.start(train, options.seed(), (train.size() + options.batchSize() - 1) / options.batchSize(), progress);
            try (Trainer trainer = trainer(model, options.epochs())) {
                List<NDArray> snapshot = null;
                for (int e = 1; e <= options.epochs(); e++) {
                    epoch(trainer, layers, spec.decays(), "train", e, options.epochs(), false);
                    if (interrupted) {
                        break;
                    }
                    completed = e;
                    if (e < options.epochs()) {
                        snapshot = snapshot(params(net), snapshot);
                    }
                }
                if (interrupted) {
                    if (snapshot == null) {
                        throw new TrainingInterruptedException("Training " + spec + " was interrupted before its first epoch finished; no model was kept.");
                    }
                    restore(net, snapshot);
                    progress.update("stopped: kept the model of epoch " + completed + "/" + options.epochs(), (double) completed / options.epochs());
                }
                closeAll(snapshot);
            } finally {
                if (graph != null) {
                    graph.unbind();
                    graph = null;
                }
                model.setBlock(net);
            }
        }

        private void epoch(Trainer trainer, List<Block> layers, double[] decays, String phase, int e, int total, boolean reconstruct) {
            augment = !reconstruct;
            long t0 = System.nanoTime();
            int n = train.size();
            int b = options.batchSize();
            int[] order = permutation(n);
            int extra = reconstruct ? 0 : mixer.extraRows(b);
            float[] buf = new float[(b + extra) * spec.inputSize()];
            float[] lab = new float[b + extra];
            double lossSum = 0;
            long correct = 0;
            long counted = 0;
            int batches = (n + b - 1) / b;
            NDManager manager = trainer.getManager();
            List<NDList> pending = new ArrayList<>();
            List<Integer> pendingSizes = new ArrayList<>();
            for (int k = 0; k < batches; k++) {
                if (Progress.interrupted()) {
                    Thread.interrupted();
                    pending.forEach(NDList::close);
                    interrupted = true;
                    return;
                }
                int from = k * b;
                int size = Math.min(b, n - from);
                fill(order, from, size, buf, lab);
                int rows = size + (extra > 0 ? mixer.mix(current, e, k, buf, lab, size) : 0);
                try (NDManager bm = manager.newSubManager()) {
                    NDArray x = bm.create(FloatBuffer.wrap(buf, 0, rows * spec.inputSize()), new Shape(rows, spec.inputSize()));
                    NDArray y = bm.create(FloatBuffer.wrap(lab, 0, rows), new Shape(rows));
                    try (NDScope scope = new NDScope(); GradientCollector gc = trainer.newGradientCollector()) {
                        if (graph != null && !reconstruct) {
                            NDList step = TrainingGraph.forward(trainer, x, y);
                            gc.backward(step.get(0));
                            // read later, at the next report: a read now would make Java wait for the engine every step
                            NDScope.unregister(step);
                            step.attach(manager);
                            pending.add(step);
                            pendingSizes.add(size);
                            // the graph counts every row it saw, the mixer's adversarial rows included
                            counted += rows;
                        } else {
                            NDArray out = trainer.forward(new NDList(x)).singletonOrThrow();
                            NDArray data = reconstruct ? out.sub(x).square().sum().div(size) : crossEntropy(out, y);
                            NDArray loss = data.add(Regularization.penalty(layers, decays));
                            gc.backward(loss);
                            lossSum += loss.getFloat() * size;
                            if (!reconstruct) {
                                // train accuracy counts the clean rows only, so that it reads as in plain training
                                NDArray clean = rows == size ? out : out.get("0:" + size);
                                NDArray labels = rows == size ? y : y.get("0:" + size);
                                correct += clean.argMax(1).toType(DataType.FLOAT32, false).eq(labels).sum().getLong();
                                counted += size;
                            }
                        }
                    }
                    trainer.step();
                }
                if (k % Math.max(1, batches / PROGRESS_STEPS) == 0 && k > 0) {
                    lossSum = addUp(lossSum, pending, pendingSizes, 0);
                    correct = (long) addUp(correct, pending, pendingSizes, 1);
                    pending.clear();
                    pendingSizes.clear();
                    report(phase, e, total, lossSum / (from + size), (double) correct / Math.max(1, counted), (k + 1.0) / batches);
                }
            }
            lossSum = addUp(lossSum, pending, pendingSizes, 0);
            correct = (long) addUp(correct, pending, pendingSizes, 1);
            double secs = (System.nanoTime() - t0) / 1e9;
            double acc = reconstruct ? Double.NaN : (double) correct / Math.max(1, counted);
            history.add(new ModelManifest.EpochStats(phase, e, lossSum / n, acc, secs));
            report(phase, e, total, lossSum / n, acc, 1.0);
        }

        /**
         * {@code sum} plus output {@code i} of each pending step of the graph (0: the objective times the batch size,
         * as the eager path adds it; 1: the correct count), added one step at a time in step order, so that the total
         * is the one a read after every step would give. Reading output 1 closes the step's arrays.
         */
        private static double addUp(double sum, List<NDList> pending, List<Integer> sizes, int i) {
            for (int s = 0; s < pending.size(); s++) {
                float v = pending.get(s).get(i).toFloatArray()[0];
                if (i == 0) {
                    sum += v * sizes.get(s);
                } else {
                    sum += (long) v;
                    pending.get(s).close();
                }
            }
            return sum;
        }

        private void report(String phase, int e, int total, double loss, double acc, double within) {
            String accText = Double.isNaN(acc) ? "" : String.format("  train acc %.2f%%", 100 * acc);
            String mixed = phase.equals("train") && !mixer.status().isEmpty() ? "  " + mixer.status() : "";
            progress.update(String.format("%s %s: epoch %d/%d  loss %.4f%s%s", spec, phase, e, total, loss, accText, mixed),
                    Math.min(1.0, (e - 1 + within) / total));
        }

        private int[] permutation(int n) {
            int[] p = new int[n];
            for (int i = 0; i < n; i++) {
                p[i] = i;
            }
            for (int i = n - 1; i > 0; i--) {
                int j = rnd.nextInt(i + 1);
                int t = p[i];
                p[i] = p[j];
                p[j] = t;
            }
            return p;
        }

        private void fill(int[] order, int from, int size, float[] buf, float[] lab) {
            int d = spec.inputSize();
            int shift = augment ? options.shift() : 0;
            for (int i = 0; i < size; i++) {
                int idx = order[from + i];
                if (shift == 0) {
                    System.arraycopy(pixels, idx * d, buf, i * d, d);
                } else {
                    shifted(train, pixels, idx, i * d, buf, rnd.nextInt(2 * shift + 1) - shift, rnd.nextInt(2 * shift + 1) - shift);
                }
                lab[i] = train.label(idx);
            }
        }
    }

    /**
     * Image {@code idx} of {@code train} (its pixels in {@code pixels}) moved by (dx, dy) pixels into {@code buf} at
     * {@code offset}, the uncovered border filled with 0: the training shift, also timed by {@link TrainProfile}.
     */
    static void shifted(ImageSet train, float[] pixels, int idx, int offset, float[] buf, int dx, int dy) {
        int h = train.height();
        int w = train.width();
        int src = idx * h * w;
        for (int y = 0; y < h; y++) {
            int sy = y - dy;
            for (int x = 0; x < w; x++) {
                int sx = x - dx;
                buf[offset + y * w + x] = sy >= 0 && sy < h && sx >= 0 && sx < w ? pixels[src + sy * w + sx] : 0f;
            }
        }
    }

    /** Mean softmax cross-entropy of logits (B, K) against float labels (B). */
    static NDArray crossEntropy(NDArray logits, NDArray labels) {
        NDArray logp = logits.logSoftmax(1);
        NDArray picked = logp.mul(labels.toType(DataType.INT32, false).oneHot((int) logits.getShape().get(1))).sum(new int[] {1});
        return picked.mean().neg();
    }

    private static List<NDArray> params(SequentialBlock net) {
        List<NDArray> out = new ArrayList<>();
        net.getParameters().values().forEach(p -> out.add(p.getArray()));
        return out;
    }

    private static List<NDArray> snapshot(List<NDArray> values, List<NDArray> old) {
        closeAll(old);
        List<NDArray> copy = new ArrayList<>();
        for (NDArray v : values) {
            copy.add(v.duplicate());
        }
        return copy;
    }

    private static void restore(SequentialBlock net, List<NDArray> snapshot) {
        int i = 0;
        for (var p : net.getParameters()) {
            p.getValue().getArray().set(snapshot.get(i++).toByteBuffer());
        }
    }

    private static void closeAll(List<NDArray> arrays) {
        if (arrays != null) {
            arrays.forEach(NDArray::close);
        }
    }

    /** SHA-256 of the images' pixels (float32 bits, big-endian) and labels (int32), in order. */
    static String fingerprint(ImageSet set) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            int chunk = 1000;
            for (int from = 0; from < set.size(); from += chunk) {
                int to = Math.min(set.size(), from + chunk);
                float[] px = set.pixels(from, to);
                ByteBuffer bb = ByteBuffer.allocate(px.length * 4);
                bb.asFloatBuffer().put(px);
                md.update(bb.array());
            }
            ByteBuffer labels = ByteBuffer.allocate(set.size() * 4);
            labels.asIntBuffer().put(set.labels());
            md.update(labels.array());
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Training was interrupted before any epoch finished, so there is no model to keep. */
    public static final class TrainingInterruptedException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public TrainingInterruptedException(String message) {
            super(message);
        }
    }
}
