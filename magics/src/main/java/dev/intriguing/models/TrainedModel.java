package dev.intriguing.models;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.ParameterStore;
import dev.intriguing.datasets.api.ImageSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * A trained member of the model family: a {@link Classifier} whose layers can be addressed by index or name.
 *
 * <p>It owns native memory (the DJL model and its parameters): close it, or let the session close it when its name
 * is rebound. Forward passes never change the parameters; {@link #logits} is differentiable with respect to its
 * input inside a {@code GradientCollector}.
 *
 * <pre>{@code
 * try (TrainedModel m = new ModelCache(Datasets.standard()).trained(ModelSpec.parse("fc100-100-10"))) {
 *     m.layers()                    // [0:fc1 dense W[100, 784] -> [100] sigmoid, 1:fc2 ..., 2:fc3 ... none]
 *     m.evaluate(test).error()      // 0.0145
 * }
 * }</pre>
 */
public final class TrainedModel implements Classifier, AutoCloseable {
    private final ModelSpec spec;
    private final Model model;
    private final SequentialBlock net;
    private final List<Block> layerBlocks;
    private final List<LayerInfo> layers;
    private volatile ModelManifest manifest;
    private volatile String name;

    TrainedModel(ModelSpec spec, Model model, SequentialBlock net, ModelManifest manifest) {
        this.spec = spec;
        this.model = model;
        this.net = net;
        this.layerBlocks = Networks.children(net);
        this.manifest = manifest;
        this.name = spec.toString();
        this.layers = describe();
    }

    private List<LayerInfo> describe() {
        List<LayerInfo> out = new ArrayList<>();
        List<String> names = spec.layerNames();
        Shape shape = new Shape(1, spec.inputSize());
        for (int i = 0; i < layerBlocks.size(); i++) {
            Block b = layerBlocks.get(i);
            LayerInfo.ConvGeometry g = Networks.geometry(spec, i);
            // the first conv layer reshapes the flat input to images itself, so it sees (1, side, side)
            long[] inShape = g != null && i == 0 ? new long[] {1, Networks.IMAGE_SIDE, Networks.IMAGE_SIDE}
                    : shape.slice(1).getShape();
            shape = b.getOutputShapes(new Shape[] {shape})[0];
            Shape w = Networks.weight(b).getArray().getShape();
            out.add(new LayerInfo(i, names.get(i), g != null ? LayerInfo.Kind.CONV : LayerInfo.Kind.DENSE,
                    Networks.activation(spec, i), g, inShape, w.getShape(), shape.slice(1).getShape()));
        }
        return List.copyOf(out);
    }

    @Override
    public String name() {
        return name;
    }

    /** Sets the name the model is shown under (the magic layer uses the session name). */
    public void setName(String newName) {
        this.name = Objects.requireNonNull(newName);
    }

    public ModelSpec spec() {
        return spec;
    }

    /** How it was trained and how well it does. */
    public ModelManifest manifest() {
        return manifest;
    }

    void setManifest(ModelManifest m) {
        this.manifest = m;
    }

    /** The data set its manifest records ({@code mnist} for a model without one). */
    @Override
    public String dataSet() {
        ModelManifest m = manifest;
        return m != null && m.options() != null ? m.options().data() : Classifier.super.dataSet();
    }

    @Override
    public int inputSize() {
        return spec.inputSize();
    }

    @Override
    public int numClasses() {
        return spec.numClasses();
    }

    /** The addressable layers, in order. */
    public List<LayerInfo> layers() {
        return layers;
    }

    /** The layer called {@code layerName}; an unknown name gets an error that lists the known ones. */
    public LayerInfo layer(String layerName) {
        for (LayerInfo l : layers) {
            if (l.name().equals(layerName)) {
                return l;
            }
        }
        throw new IllegalArgumentException("Model " + name + " has no layer '" + layerName + "': its layers are "
                + String.join(", ", spec.layerNames()) + ".");
    }

    /** The layer at {@code index}; an index out of range gets an error that names the valid range. */
    public LayerInfo layer(int index) {
        if (index < 0 || index >= layers.size()) {
            throw new IllegalArgumentException("Model " + name + " has layers 0.." + (layers.size() - 1) + " ("
                    + String.join(", ", spec.layerNames()) + "); got " + index + ".");
        }
        return layers.get(index);
    }

    @Override
    public NDArray logits(NDArray x) {
        return net.forward(new ParameterStore(x.getManager(), false), new NDList(x), false).singletonOrThrow();
    }

    /**
     * The output of layer {@code index} (after its nonlinearity) for a batch x of shape (B, 784): shape
     * (B, outputShape...). Differentiable with respect to x.
     */
    public NDArray activations(NDArray x, int index) {
        layer(index);
        ParameterStore ps = new ParameterStore(x.getManager(), false);
        NDList h = new NDList(x);
        for (int i = 0; i <= index; i++) {
            h = layerBlocks.get(i).forward(ps, h, false);
        }
        return h.singletonOrThrow();
    }

    /** The output of the layer called {@code layerName}. */
    public NDArray activations(NDArray x, String layerName) {
        return activations(x, layer(layerName).index());
    }

    /** Layer {@code index}'s weight, owned by the model: read it, do not change or close it. */
    public NDArray weight(int index) {
        return Networks.weight(layerBlocks.get(layer(index).index())).getArray();
    }

    /** Layer {@code index}'s bias, owned by the model: read it, do not change or close it. */
    public NDArray bias(int index) {
        return Networks.bias(layerBlocks.get(layer(index).index())).getArray();
    }

    /** Number of trainable values (weights and biases). */
    public long parameterCount() {
        long n = 0;
        for (int i = 0; i < layers.size(); i++) {
            n += weight(i).size() + bias(i).size();
        }
        return n;
    }

    @Override
    public long forwardFlopsPerExample() {
        long flops = 0;
        for (LayerInfo l : layers) {
            long[] w = l.weightShape();
            if (l.kind() == LayerInfo.Kind.CONV) {
                // each output position before pooling costs filters * channels * kernel * kernel multiply-adds
                long pool = l.geometry().pool();
                long positions = l.outputSize() / w[0] * pool * pool;
                flops += 2L * positions * w[0] * w[1] * w[2] * w[3];
            } else {
                flops += 2L * w[0] * w[1];
            }
        }
        return flops;
    }

    /** Predictions and error on {@code images}, in batches of 1000. */
    public Evaluation evaluate(ImageSet images) {
        int k = numClasses();
        int[][] confusion = new int[k][k];
        int errors = 0;
        int[] pred = predict(images);
        for (int i = 0; i < pred.length; i++) {
            int truth = images.label(i);
            confusion[truth][pred[i]]++;
            if (pred[i] != truth) {
                errors++;
            }
        }
        return new Evaluation(images.name(), images.size(), errors, confusion);
    }

    /** The training history: phase, epoch, loss, train accuracy %, seconds (one row per finished epoch). */
    public Table table() {
        var phase = StringColumn.create("phase");
        var epoch = IntColumn.create("epoch");
        var loss = DoubleColumn.create("loss");
        var acc = DoubleColumn.create("train acc %");
        var secs = DoubleColumn.create("seconds");
        for (ModelManifest.EpochStats e : manifest.history()) {
            phase.append(e.phase());
            epoch.append(e.epoch());
            loss.append(Math.round(e.loss() * 1e5) / 1e5);
            acc.append(Double.isNaN(e.trainAccuracy()) ? Double.NaN : ModelEvaluation.percent(e.trainAccuracy()));
            secs.append(Math.round(e.seconds() * 10) / 10.0);
        }
        return Table.create(name + " training").addColumns(phase, epoch, loss, acc, secs);
    }

    /** The layers: index, name, kind, weight shape, output shape, activation. */
    public Table layersTable() {
        var idx = IntColumn.create("index");
        var nm = StringColumn.create("name");
        var kind = StringColumn.create("kind");
        var w = StringColumn.create("weight");
        var out = StringColumn.create("output");
        var act = StringColumn.create("activation");
        for (LayerInfo l : layers) {
            idx.append(l.index());
            nm.append(l.name());
            kind.append(l.kind().label());
            w.append(Arrays.toString(l.weightShape()));
            out.append(Arrays.toString(l.outputShape()));
            act.append(l.activationLabel());
        }
        return Table.create(name + " layers").addColumns(idx, nm, kind, w, out, act);
    }

    /** The DJL block (children are the layers); for tools that need the raw network. */
    public SequentialBlock block() {
        return net;
    }

    /** The manager that owns the parameters; a parent for callers' sub-managers. */
    public NDManager manager() {
        return model.getNDManager();
    }

    Model djlModel() {
        return model;
    }

    List<Block> layerBlocks() {
        return layerBlocks;
    }

    @Override
    public void close() {
        model.close();
    }

    @Override
    public String toString() {
        ModelManifest m = manifest;
        return String.format("%s (%s, %,d parameters): trained on %s, %d epochs; train error %.2f%%, test error %.2f%%",
                name, spec, parameterCount(), m.trainingData(), m.epochsCompleted(), 100 * m.trainError(), 100 * m.testError());
    }
}
