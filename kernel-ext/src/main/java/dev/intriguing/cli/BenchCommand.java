package dev.intriguing.cli;

import dev.intriguing.core.BenchArgs;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code ./intriguing bench NAME [ARGS]}: runs one benchmark and prints its JSON line. Benchmarks are not tests: they
 * measure ratios within one run and print them.
 */
final class BenchCommand {
    /** Each benchmark takes its arguments and returns the one JSON line it prints. */
    @FunctionalInterface
    interface Benchmark {
        String run(List<String> args) throws Exception;
    }

    static final Map<String, Benchmark> BENCHMARKS = new LinkedHashMap<>();

    static {
        // one line per benchmark, e.g. BENCHMARKS.put("train", dev.intriguing.models.TrainBenchmark::run);
        BENCHMARKS.put("train", dev.intriguing.models.TrainBenchmark::run);
        BENCHMARKS.put("adversarial", dev.intriguing.adversarial.AdversarialBenchmark::run);
        BENCHMARKS.put("lipschitz", dev.intriguing.spectral.LipschitzBenchmark::run);
        BENCHMARKS.put("attacks", dev.intriguing.adversarial.AttackBenchmark::run);
        BENCHMARKS.put("kernel", dev.intriguing.bench.KernelBenchmark::run);
        BENCHMARKS.put("fuzz", dev.intriguing.bench.FuzzBenchmark::run);
        BENCHMARKS.put("memory", dev.intriguing.bench.MemoryBenchmark::run);
        BENCHMARKS.put("units", dev.intriguing.units.UnitsBenchmark::run);
    }

    private BenchCommand() {
    }

    static int run(List<String> args) throws Exception {
        if (args.isEmpty() || !BENCHMARKS.containsKey(args.get(0))) {
            throw new Main.UsageException("Usage: ./intriguing bench NAME [ARGS], NAME one of "
                    + String.join(", ", BENCHMARKS.keySet()) + "; got: bench " + String.join(" ", args)
                    + ". Example: ./intriguing bench train");
        }
        try {
            System.out.println(BENCHMARKS.get(args.get(0)).run(args.subList(1, args.size())));
        } catch (BenchArgs.BadOption e) {
            throw new Main.UsageException(e.getMessage() + ". Example: ./intriguing bench " + args.get(0));
        }
        return 0;
    }
}
