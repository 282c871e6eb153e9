package dev.intriguing.adversarial;

/** Scratch: the benchmark on the test-scope MLP (not a test). */
public final class BenchSmall {
    public static void main(String[] args) {
        System.out.println(AdversarialBenchmark.measure(SmallMlp.trained(), SmallMlp.mnistTest(),
                Integer.parseInt(args[0]), Integer.parseInt(args[1])));
    }
}
