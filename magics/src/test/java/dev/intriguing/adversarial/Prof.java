package dev.intriguing.adversarial;

import dev.intriguing.core.Progress;

public final class Prof {
    public static void main(String[] args) {
        SmallMlp m = SmallMlp.trained();
        var test = SmallMlp.mnistTest();
        for (String w : args) {
            boolean warm = true; int bs = Integer.parseInt(w);
            LbfgsAttack.ENGINE_NANOS = 0;
            LbfgsAttack.ROUNDS = 0;
            long t0 = System.nanoTime();
            AttackResult r = LbfgsAttack.builder().optWarmStart(warm).optBatchSize(bs).build().run(m, test.slice(0, 1000), Targets.random(0), Progress.NONE);
            double s = (System.nanoTime() - t0) / 1e9;
            System.out.printf("B=" + bs + " warm=%b total %.2fs engine %.2fs rounds %d (%.2f ms/round engine, %.2f ms/round other) %s%n", warm, s,
                    LbfgsAttack.ENGINE_NANOS / 1e9, LbfgsAttack.ROUNDS, LbfgsAttack.ENGINE_NANOS / 1e6 / LbfgsAttack.ROUNDS,
                    (s * 1e9 - LbfgsAttack.ENGINE_NANOS) / 1e6 / LbfgsAttack.ROUNDS, r);
        }
    }
}
