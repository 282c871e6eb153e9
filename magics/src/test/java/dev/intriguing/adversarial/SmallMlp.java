package dev.intriguing.adversarial;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import dev.intriguing.datasets.api.Datasets;
import dev.intriguing.datasets.api.ImageSet;
import dev.intriguing.datasets.api.Part;
import dev.intriguing.models.Classifier;

/**
 * A test-scope classifier: a 784-64-10 ReLU network trained for a few epochs of plain SGD on real MNIST, once per
 * JVM. It stands in for the models package's networks so the attack can be tested on its own.
 */
public final class SmallMlp implements Classifier {
    private static SmallMlp instance;

    private final NDManager manager;
    private final NDArray w1;
    private final NDArray b1;
    private final NDArray w2;
    private final NDArray b2;

    private SmallMlp(NDManager manager, NDArray w1, NDArray b1, NDArray w2, NDArray b2) {
        this.manager = manager;
        this.w1 = w1;
        this.b1 = b1;
        this.w2 = w2;
        this.b2 = b2;
    }

    public static synchronized SmallMlp trained() {
        if (instance == null) {
            instance = train();
        }
        return instance;
    }

    static ImageSet mnistTest() {
        return Datasets.standard().load("mnist", Part.TEST);
    }

    private static SmallMlp train() {
        ImageSet train = Datasets.standard().load("mnist", Part.TRAIN).slice(0, 20000);
        NDManager manager = NDManager.newBaseManager();
        Engine.getInstance().setRandomSeed(7);
        NDArray w1 = manager.randomNormal(0, 0.05f, new Shape(784, 64), ai.djl.ndarray.types.DataType.FLOAT32);
        NDArray b1 = manager.zeros(new Shape(64));
        NDArray w2 = manager.randomNormal(0, 0.1f, new Shape(64, 10), ai.djl.ndarray.types.DataType.FLOAT32);
        NDArray b2 = manager.zeros(new Shape(10));
        NDArray[] params = {w1, b1, w2, b2};
        for (NDArray p : params) {
            p.setRequiresGradient(true);
        }
        int batch = 100;
        float lr = 0.1f;
        for (int epoch = 0; epoch < 4; epoch++) {
            for (int from = 0; from < train.size(); from += batch) {
                try (NDManager sub = manager.newSubManager()) {
                    NDArray x = train.toFlat(sub, from, from + batch);
                    NDArray y = train.toLabels(sub, from, from + batch);
                    try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                        NDArray logits = x.dot(w1).add(b1).getNDArrayInternal().relu().dot(w2).add(b2);
                        NDArray loss = logits.logSoftmax(1).mul(y.oneHot(10)).sum().neg().div(batch);
                        gc.backward(loss);
                    }
                    for (NDArray p : params) {
                        p.subi(p.getGradient().mul(lr));
                    }
                }
            }
        }
        // copies without gradients, so attacks differentiate with respect to the input only
        SmallMlp m = new SmallMlp(manager, w1.duplicate(), b1.duplicate(), w2.duplicate(), b2.duplicate());
        // every attack test's expectations rest on this one network; print what it is, so that a run whose attack
        // numbers all shift at once can be told apart (a different fixture) from a change in an attack
        System.out.printf(java.util.Locale.ROOT, "SmallMlp fixture: test error %.2f%% on 1000 images, |w1| %.6f,"
                + " |w2| %.6f%n", 100 * m.error(mnistTest(), 1000), m.w1.norm().getFloat(), m.w2.norm().getFloat());
        return m;
    }

    @Override
    public String name() {
        return "mlp64";
    }

    @Override
    public int inputSize() {
        return 784;
    }

    @Override
    public int numClasses() {
        return 10;
    }

    @Override
    public NDArray logits(NDArray x) {
        return x.dot(w1).add(b1).getNDArrayInternal().relu().dot(w2).add(b2);
    }

    @Override
    public long forwardFlopsPerExample() {
        return 2L * (784 * 64 + 64 * 10);
    }

    /** Test error on the first {@code count} test images. */
    double error(ImageSet test, int count) {
        try (NDManager sub = manager.newSubManager()) {
            float[] pred = logits(test.toFlat(sub, 0, count)).argMax(1).toType(ai.djl.ndarray.types.DataType.FLOAT32,
                    false).toFloatArray();
            int wrong = 0;
            for (int i = 0; i < count; i++) {
                wrong += (int) pred[i] != test.label(i) ? 1 : 0;
            }
            return wrong / (double) count;
        }
    }
}
