package dev.intriguing.adversarial;

import dev.intriguing.core.Progress;
import dev.intriguing.datasets.api.ImageSet;

/** Scratch: prints figures for tuning (not a test). */
public final class Explore {
    public static void main(String[] args) {
        SmallMlp m = SmallMlp.trained();
        ImageSet test = SmallMlp.mnistTest();
        System.out.println("error " + m.error(test, 1000));
        int count = Integer.parseInt(args[0]);
        for (String cfg : args[1].split(",")) {
            LbfgsAttack.Builder b = LbfgsAttack.builder();
            for (String kv : cfg.split(";")) {
                String[] p = kv.split("=");
                switch (p[0]) {
                    case "warm": b.optWarmStart(Boolean.parseBoolean(p[1])); break;
                    case "c0": b.optInitialC(Double.parseDouble(p[1])); break;
                    case "g": b.optGrowth(Double.parseDouble(p[1])); break;
                    case "bis": b.optBisections(Integer.parseInt(p[1])); break;
                    case "B": b.optBatchSize(Integer.parseInt(p[1])); break;
                    case "it": b.optSolver(BoxLbfgs.builder().optMaxIterations(Integer.parseInt(p[1])).build()); break;
                    case "m": b.optSolver(BoxLbfgs.builder().optHistory(Integer.parseInt(p[1])).build()); break;
                    case "ftol": b.optSolver(BoxLbfgs.builder().optFunctionTolerance(Double.parseDouble(p[1])).build()); break;
                    case "gtol": b.optSolver(BoxLbfgs.builder().optGradientTolerance(Double.parseDouble(p[1])).build()); break;
                    default:
                }
            }
            AttackResult r = b.build().run(m, test.slice(0, count), Targets.random(0), Progress.NONE);
            System.out.println(cfg + " -> " + r);
        }
    }
}
