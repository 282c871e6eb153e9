package dev.intriguing.models;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import dev.intriguing.datasets.api.ImageSet;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * {@code ./intriguing bench train profile}: where one epoch's time goes, by ablation. Each stage runs one epoch of
 * the default recipe's steps with one more part of the real step switched on, so the difference between consecutive
 * stages is that part's cost: Java batch creation (shuffle order, ±1-pixel shift), the copy to the engine and the
 * per-batch NDManager, the forward pass, loss and backward, the optimizer step, and the per-step reads of loss and
 * accuracy (each a wait for the engine). Then the whole step as one cached graph ({@link TrainingGraph}), as the
 * trainer runs it, and evaluation of the trained model on both sets.
 */
final class TrainProfile {
    private TrainProfile() {
    }

    static Map<String, Double> run(ModelSpec spec, TrainOptions o, ImageSet train, ImageSet test) {
        Random rnd = new Random(o.seed());
        Map<String, Double> out = new LinkedHashMap<>();
        try (Model model = Model.newInstance(spec.toString(), Device.cpu(), "MXNet")) {
            SequentialBlock net = Networks.classifier(spec);
            List<Block> layers = Networks.children(net);
            List<Boolean> relu = new ArrayList<>();
            for (int i = 0; i < layers.size(); i++) {
                relu.add(Networks.activation(spec, i) == LayerInfo.Activation.RELU);
            }
            Networks.initialize(net, model.getNDManager(), new Shape(1, spec.inputSize()), layers, relu, rnd);
            model.setBlock(net);
            float lr = (float) o.learningRate();
            Tracker schedule = Tracker.cosine().setBaseValue(lr).optFinalValue(lr / 100).setMaxUpdates(100000).build();
            Optimizer adam = Optimizer.adam().optLearningRateTracker(schedule).build();
            float[] pixels = train.pixels(0, train.size());
            try (Trainer trainer = model.newTrainer(new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss()).optOptimizer(adam))) {
                for (int stage = 0; stage <= 6; stage++) {
                    double s = epoch(stage, trainer, spec, o, train, pixels, layers, rnd);
                    out.put(NAMES[stage], s);
                }
            }
            // the same full step as one cached graph (what the trainer runs): forward, backward, step, reads
            TrainingGraph graph = TrainingGraph.of(spec, layers, (ai.djl.mxnet.engine.MxNDManager) model.getNDManager());
            model.setBlock(graph.block());
            try (Trainer trainer = model.newTrainer(new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss()).optOptimizer(
                    Optimizer.adam().optLearningRateTracker(Tracker.fixed(lr / 100)).build()))) {
                for (String name : List.of("graph_warmup_full_step", "graph_full_step")) {
                    long t0 = System.nanoTime();
                    NDManager manager = trainer.getManager();
                    int d = spec.inputSize();
                    int b = o.batchSize();
                    float[] buf = new float[b * d];
                    float[] lab = new float[b];
                    for (int from = 0; from < train.size(); from += b) {
                        int size = Math.min(b, train.size() - from);
                        for (int i = 0; i < size; i++) {
                            ModelTrainer.shifted(train, pixels, from + i, i * d, buf, rnd.nextInt(3) - 1, rnd.nextInt(3) - 1);
                            lab[i] = train.label(from + i);
                        }
                        try (NDManager bm = manager.newSubManager()) {
                            NDArray x = bm.create(FloatBuffer.wrap(buf, 0, size * d), new Shape(size, d));
                            NDArray y = bm.create(FloatBuffer.wrap(lab, 0, size), new Shape(size));
                            try (NDScope scope = new NDScope(); GradientCollector gc = trainer.newGradientCollector()) {
                                NDList step = TrainingGraph.forward(trainer, x, y);
                                gc.backward(step.get(0));
                                step.get(0).toFloatArray();
                                step.get(1).toFloatArray();
                            }
                            trainer.step();
                        }
                    }
                    out.put(name, (System.nanoTime() - t0) / 1e9);
                }
            } finally {
                graph.unbind();
                model.setBlock(net);
            }
            long t0 = System.nanoTime();
            TrainedModel m = new TrainedModel(spec, model, net, null);
            m.evaluate(train);
            m.evaluate(test);
            out.put("evaluate_train_and_test", (System.nanoTime() - t0) / 1e9);
        }
        return out;
    }

    static final String[] NAMES = {"warmup_full_step", "java_batches", "plus_copy_to_engine", "plus_forward",
        "plus_loss_backward", "plus_optimizer_step", "plus_loss_accuracy_reads"};

    private static double epoch(int stage, Trainer trainer, ModelSpec spec, TrainOptions o, ImageSet train, float[] pixels,
                                List<Block> layers, Random rnd) {
        int n = train.size();
        int b = o.batchSize();
        int d = spec.inputSize();
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        float[] buf = new float[b * d];
        float[] lab = new float[b];
        int full = stage == 0 ? 6 : stage;
        long t0 = System.nanoTime();
        NDManager manager = trainer.getManager();
        NDArray last = null;
        for (int from = 0; from < n; from += b) {
            int size = Math.min(b, n - from);
            for (int i = 0; i < size; i++) {
                int idx = order[from + i];
                ModelTrainer.shifted(train, pixels, idx, i * d, buf, rnd.nextInt(3) - 1, rnd.nextInt(3) - 1);
                lab[i] = train.label(idx);
            }
            if (full < 2) {
                continue;
            }
            try (NDManager bm = manager.newSubManager()) {
                NDArray x = bm.create(FloatBuffer.wrap(buf, 0, size * d), new Shape(size, d));
                NDArray y = bm.create(FloatBuffer.wrap(lab, 0, size), new Shape(size));
                if (full == 2) {
                    x.getFloat(0, 0);
                    continue;
                }
                if (full == 3) {
                    trainer.evaluate(new NDList(x)).singletonOrThrow().getFloat(0, 0);
                    continue;
                }
                try (NDScope scope = new NDScope(); GradientCollector gc = trainer.newGradientCollector()) {
                    NDArray out = trainer.forward(new NDList(x)).singletonOrThrow();
                    NDArray loss = ModelTrainer.crossEntropy(out, y).add(Regularization.penalty(layers, spec.decays()));
                    gc.backward(loss);
                    if (full == 6) {
                        loss.getFloat();
                        out.argMax(1).toType(DataType.FLOAT32, false).eq(y).sum().getLong();
                    } else if (full == 4) {
                        loss.getFloat();
                    }
                }
                if (full >= 5) {
                    trainer.step();
                    if (full == 5) {
                        layers.get(0).getParameters().get(0).getValue().getArray().getFloat(0, 0);
                    }
                }
            }
        }
        return (System.nanoTime() - t0) / 1e9;
    }

    static String json(ModelSpec spec, Map<String, Double> r) {
        StringBuilder sb = new StringBuilder("{\"benchmark\":\"train profile\",\"spec\":\"" + spec + "\"");
        r.forEach((k, v) -> sb.append(String.format(Locale.ROOT, ",\"%s_s\":%.3f", k, v)));
        return sb.append('}').toString();
    }
}
