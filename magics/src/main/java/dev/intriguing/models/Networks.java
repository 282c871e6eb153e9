package dev.intriguing.models;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.pooling.Pool;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Builds the DJL block of a spec (one child block per addressable layer) and initialises it from a seed. */
final class Networks {
    /** The side of the square images the conv net reshapes its flat input to. */
    static final int IMAGE_SIDE = 28;
    /** Both conv layers: 5x5 filters, stride 1, no padding, then 2x2 max-pooling; the blocks are built from this. */
    static final LayerInfo.ConvGeometry CONV_GEOMETRY = new LayerInfo.ConvGeometry(5, 1, 0, 2);

    private Networks() {
    }

    /** The classifier: a sequential block whose i-th child is layer i of {@code spec}. */
    static SequentialBlock classifier(ModelSpec spec) {
        SequentialBlock net = new SequentialBlock();
        int[] u = spec.units();
        switch (spec.kind()) {
            case FC -> {
                for (int i = 0; i < u.length; i++) {
                    net.add(dense(u[i], i < u.length - 1 ? LayerInfo.Activation.SIGMOID : LayerInfo.Activation.NONE));
                }
            }
            case AE -> {
                net.add(dense(u[0], LayerInfo.Activation.SIGMOID));
                net.add(dense(u[1], LayerInfo.Activation.NONE));
            }
            case CONV -> {
                SequentialBlock c1 = new SequentialBlock();
                c1.add(new LambdaBlock(in -> new NDList(in.singletonOrThrow().reshape(-1, 1, IMAGE_SIDE, IMAGE_SIDE)), "toImages"));
                addConv(c1, u[0]);
                SequentialBlock c2 = new SequentialBlock();
                addConv(c2, u[1]);
                SequentialBlock f1 = new SequentialBlock();
                f1.add(Blocks.batchFlattenBlock());
                f1.add(Linear.builder().setUnits(u[2]).build());
                f1.add(Activation.reluBlock());
                net.add(c1).add(c2).add(f1).add(dense(u[3], LayerInfo.Activation.NONE));
            }
            default -> throw new IllegalStateException();
        }
        return net;
    }

    /** The decoder that an {@code ae} spec pre-trains its encoder with: 784 sigmoid outputs. */
    static Block decoder(int outputs) {
        return dense(outputs, LayerInfo.Activation.SIGMOID);
    }

    private static void addConv(SequentialBlock b, int filters) {
        LayerInfo.ConvGeometry g = CONV_GEOMETRY;
        b.add(Conv2d.builder().setKernelShape(new Shape(g.kernel(), g.kernel())).optStride(new Shape(g.stride(), g.stride()))
                .optPadding(new Shape(g.padding(), g.padding())).setFilters(filters).build());
        b.add(Activation.reluBlock());
        b.add(Pool.maxPool2dBlock(new Shape(g.pool(), g.pool()), new Shape(g.pool(), g.pool())));
    }

    private static SequentialBlock dense(int units, LayerInfo.Activation activation) {
        SequentialBlock b = new SequentialBlock();
        b.add(Linear.builder().setUnits(units).build());
        switch (activation) {
            case SIGMOID -> b.add(Activation.sigmoidBlock());
            case RELU -> b.add(Activation.reluBlock());
            case NONE -> {
                // logits: no nonlinearity
            }
            default -> throw new IllegalStateException();
        }
        return b;
    }

    /** The nonlinearity after weight layer {@code i} of {@code spec}. */
    static LayerInfo.Activation activation(ModelSpec spec, int i) {
        if (i == spec.numLayers() - 1) {
            return LayerInfo.Activation.NONE;
        }
        return switch (spec.kind()) {
            case FC, AE -> LayerInfo.Activation.SIGMOID;
            case CONV -> LayerInfo.Activation.RELU;
        };
    }

    /** The geometry of layer {@code i} of {@code spec} when it is a conv layer, else null. */
    static LayerInfo.ConvGeometry geometry(ModelSpec spec, int i) {
        return spec.kind() == ModelSpec.Kind.CONV && i < 2 ? CONV_GEOMETRY : null;
    }

    /** The weight parameter of a layer block (the only parameter whose name ends in "weight"). */
    static Parameter weight(Block layer) {
        return find(layer, "weight");
    }

    /** The bias parameter of a layer block. */
    static Parameter bias(Block layer) {
        return find(layer, "bias");
    }

    private static Parameter find(Block layer, String suffix) {
        for (var p : layer.getParameters()) {
            if (p.getKey().endsWith(suffix)) {
                return p.getValue();
            }
        }
        throw new IllegalStateException("layer has no " + suffix);
    }

    /**
     * Initialises every parameter of {@code block} in {@code manager} from {@code rnd}, so that initial weights depend
     * only on the seed (not on the engine's random state): Glorot-uniform weights for sigmoid and linear layers,
     * He-uniform for ReLU layers, zero biases.
     */
    static void initialize(Block block, NDManager manager, Shape input, List<Block> layers, List<Boolean> relu, Random rnd) {
        block.initialize(manager, DataType.FLOAT32, input);
        for (int l = 0; l < layers.size(); l++) {
            Parameter w = weight(layers.get(l));
            Shape s = w.getArray().getShape();
            long fanOut = s.get(0);
            long fanIn = s.size() / fanOut;
            long receptive = s.dimension() == 4 ? s.get(2) * s.get(3) : 1;
            double a = relu.get(l) ? Math.sqrt(6.0 / fanIn) : Math.sqrt(6.0 / (fanIn + fanOut * receptive));
            float[] v = new float[(int) s.size()];
            for (int i = 0; i < v.length; i++) {
                v[i] = (float) ((rnd.nextDouble() * 2 - 1) * a);
            }
            w.getArray().set(FloatBuffer.wrap(v));
            Parameter b = bias(layers.get(l));
            b.getArray().set(FloatBuffer.wrap(new float[(int) b.getArray().getShape().size()]));
        }
    }

    /** The child blocks of a sequential block, in order. */
    static List<Block> children(SequentialBlock block) {
        List<Block> out = new ArrayList<>();
        block.getChildren().values().forEach(out::add);
        return out;
    }
}
