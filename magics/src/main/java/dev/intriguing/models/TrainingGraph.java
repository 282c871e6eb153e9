package dev.intriguing.models;

import ai.djl.mxnet.engine.MxNDManager;
import ai.djl.mxnet.engine.MxSymbolBlock;
import ai.djl.mxnet.engine.Symbol;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.Trainer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One training step of a classifier as a single MXNet graph, run as a cached op: the network, the objective (mean
 * softmax cross-entropy plus {@link Regularization}'s penalty, the same terms in the same convention) and the batch's
 * count of correct predictions, in one engine call forward and one backward.
 *
 * <p>Why: the models are tiny (FC100-100-10 is about 0.54 MFLOP per image for a training step), so a step built from
 * DJL's eager operators spends most of its time handing some forty operators, their autograd records and their
 * frees to the engine one by one. DJL hybridizes only symbol blocks, so this class writes the symbol of the spec's
 * network itself and binds the parameters of the Java-built {@link ai.djl.nn.SequentialBlock} to it: both blocks
 * hold the same arrays, so the optimizer's in-place updates are seen by the classifier, by snapshots and by the rest
 * of the project, which keeps using the sequential block.
 *
 * <p>Use: {@link #block()} is set as the model's block while a trainer steps; {@link #forward} gives the loss (to
 * backward) and the correct count; {@link #unbind()} returns the arrays their names when training is over.
 */
final class TrainingGraph {
    private final MxSymbolBlock block;
    private final List<NDArray> bound = new ArrayList<>();
    private final List<String> names = new ArrayList<>();

    private TrainingGraph(MxSymbolBlock block) {
        this.block = block;
    }

    /** The variable that chooses the training step: {@code eager} for DJL's operators one by one, else the graph. */
    static final String STEP_VARIABLE = "INTRIGUING_TRAINING_STEP";

    /**
     * Whether training steps through this graph: yes unless {@code $INTRIGUING_TRAINING_STEP} is {@code eager}, the
     * step of before the graph existed, kept so that a run can measure what the graph saves (same recipe; the sums
     * may round differently).
     */
    static boolean enabled() {
        return !"eager".equalsIgnoreCase(System.getenv(STEP_VARIABLE));
    }

    /** The graph of {@code spec} with the parameters of {@code layers} (its sequential block's children) bound. */
    static TrainingGraph of(ModelSpec spec, List<Block> layers, MxNDManager manager) {
        Json g = new Json();
        int h = g.var("data");
        int[] u = spec.units();
        int n = layers.size();
        int[] weights = new int[n];
        switch (spec.kind()) {
            case FC, AE -> {
                for (int l = 0; l < n; l++) {
                    weights[l] = g.var("l" + l + "_weight");
                    h = g.op("FullyConnected", "l" + l, Map.of("num_hidden", Integer.toString(u[l])), h, weights[l],
                            g.var("l" + l + "_bias"));
                    if (l < n - 1) {
                        h = g.op("Activation", "l" + l + "_sigmoid", Map.of("act_type", "sigmoid"), h);
                    }
                }
            }
            case CONV -> {
                int side = Networks.IMAGE_SIDE;
                h = g.op("Reshape", "images", Map.of("shape", "(-1, 1, " + side + ", " + side + ")"), h);
                LayerInfo.ConvGeometry c = Networks.CONV_GEOMETRY;
                for (int l = 0; l < 2; l++) {
                    weights[l] = g.var("l" + l + "_weight");
                    h = g.op("Convolution", "l" + l, Map.of("kernel", pair(c.kernel()), "stride", pair(c.stride()),
                            "pad", pair(c.padding()), "num_filter", Integer.toString(u[l])), h, weights[l], g.var("l" + l + "_bias"));
                    h = g.op("Activation", "l" + l + "_relu", Map.of("act_type", "relu"), h);
                    h = g.op("Pooling", "l" + l + "_pool", Map.of("kernel", pair(c.pool()), "stride", pair(c.pool()),
                            "pool_type", "max", "pooling_convention", "valid"), h);
                }
                h = g.op("Flatten", "flat", Map.of(), h);
                weights[2] = g.var("l2_weight");
                h = g.op("FullyConnected", "l2", Map.of("num_hidden", Integer.toString(u[2])), h, weights[2], g.var("l2_bias"));
                h = g.op("Activation", "l2_relu", Map.of("act_type", "relu"), h);
                weights[3] = g.var("l3_weight");
                h = g.op("FullyConnected", "l3", Map.of("num_hidden", Integer.toString(u[3])), h, weights[3], g.var("l3_bias"));
            }
            default -> throw new IllegalStateException();
        }
        int label = g.var("label");
        int logp = g.op("log_softmax", "logp", Map.of("axis", "-1"), h);
        int picked = g.op("pick", "picked", Map.of("axis", "1"), logp, label);
        int loss = g.op("negative", "ce", Map.of(), g.op("mean", "mean_logp", Map.of(), picked));
        double[] decays = spec.decays();
        for (int l = 0; l < n; l++) {
            if (decays[l] != 0) {
                int sq = g.op("sum", "l" + l + "_sumsq", Map.of(), g.op("square", "l" + l + "_sq", Map.of(), weights[l]));
                int term = g.op("_mul_scalar", "l" + l + "_decay", Map.of("scalar", Float.toString((float) (decays[l] / 2))), sq);
                loss = g.op("elemwise_add", "loss" + l, Map.of(), loss, term);
            }
        }
        int hits = g.op("broadcast_equal", "hits", Map.of(), g.op("argmax", "predicted", Map.of("axis", "1"), h), label);
        int correct = g.op("BlockGrad", "correct", Map.of(), g.op("sum", "hit_count", Map.of(), hits));
        Symbol symbol = Symbol.loadJson(manager, g.toJson(loss, correct));
        MxSymbolBlock block = new MxSymbolBlock(manager, symbol);
        block.setInputNames(List.of("data", "label"));
        TrainingGraph graph = new TrainingGraph(block);
        Map<String, Parameter> byName = new HashMap<>();
        for (Parameter p : block.getAllParameters()) {
            byName.put(p.getName(), p);
        }
        for (int l = 0; l < n; l++) {
            graph.bind(byName.get("l" + l + "_weight"), Networks.weight(layers.get(l)));
            graph.bind(byName.get("l" + l + "_bias"), Networks.bias(layers.get(l)));
        }
        return graph;
    }

    private void bind(Parameter graphParameter, Parameter layerParameter) {
        NDArray array = layerParameter.getArray();
        names.add(array.getName());
        bound.add(array);
        graphParameter.setArray(array); // shares the array (and its gradient); renames it to the graph's name
    }

    private static String pair(int v) {
        return "(" + v + ", " + v + ")";
    }

    /** The block to set as the model's block while a trainer steps it. */
    MxSymbolBlock block() {
        return block;
    }

    /**
     * Runs the step's graph forward on a batch, recording for backward when inside a gradient collector: element 0
     * is the objective (shape (1)), element 1 the number of correct predictions (shape (1), no gradient).
     */
    static NDList forward(Trainer trainer, NDArray x, NDArray labels) {
        x.setName("data");
        labels.setName("label");
        return trainer.forward(new NDList(x, labels));
    }

    /** Gives the shared arrays back the names they had in the sequential block (saved files carry array names). */
    void unbind() {
        for (int i = 0; i < bound.size(); i++) {
            bound.get(i).setName(names.get(i));
        }
    }

    /** A small writer of MXNet's symbol JSON: variables, operators with string attributes, two heads. */
    private static final class Json {
        private final List<String> nodes = new ArrayList<>();
        private final List<Integer> args = new ArrayList<>();

        int var(String name) {
            args.add(nodes.size());
            nodes.add("{\"op\":\"null\",\"name\":\"" + name + "\",\"inputs\":[]}");
            return nodes.size() - 1;
        }

        int op(String op, String name, Map<String, String> attrs, int... inputs) {
            StringBuilder a = new StringBuilder();
            attrs.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> a.append(a.length() == 0 ? "" : ",")
                    .append('"').append(e.getKey()).append("\":\"").append(e.getValue()).append('"'));
            StringBuilder in = new StringBuilder();
            for (int i : inputs) {
                in.append(in.length() == 0 ? "" : ",").append('[').append(i).append(",0,0]");
            }
            nodes.add(String.format(Locale.ROOT, "{\"op\":\"%s\",\"name\":\"%s\",\"attrs\":{%s},\"inputs\":[%s]}", op, name, a, in));
            return nodes.size() - 1;
        }

        String toJson(int... heads) {
            StringBuilder rows = new StringBuilder();
            for (int i = 0; i <= nodes.size(); i++) {
                rows.append(i == 0 ? "" : ",").append(i);
            }
            StringBuilder h = new StringBuilder();
            for (int i : heads) {
                h.append(h.length() == 0 ? "" : ",").append('[').append(i).append(",0,0]");
            }
            return "{\"nodes\":[" + String.join(",", nodes) + "],\"arg_nodes\":" + args + ",\"node_row_ptr\":[" + rows
                    + "],\"heads\":[" + h + "],\"attrs\":{\"mxnet_version\":[\"int\",10900]}}";
        }
    }
}
