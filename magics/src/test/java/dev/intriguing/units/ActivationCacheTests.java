package dev.intriguing.units;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

class ActivationCacheTests {
    private static Activations values(int n, int d) {
        return Activations.of("m", "fc1", "toy", Pooling.NONE, new long[] {d}, n, d, new float[n * d]);
    }

    @Test
    void computesOncePerKeyAndAgainForAnotherModelObjectOfTheSameName() {
        ActivationCache cache = new ActivationCache();
        Object model = new Object();
        Object data = new Object();
        var key = new ActivationCache.Key(model, "c", "fc1", Pooling.NONE, data, "mnist", 100);
        Activations first = cache.get(key, () -> values(10, 4));
        assertSame(first, cache.get(new ActivationCache.Key(model, "c", "fc1", Pooling.NONE, data, "mnist", 100),
                () -> values(10, 4)));
        assertEquals(1, cache.computations());
        cache.get(new ActivationCache.Key(new Object(), "c", "fc1", Pooling.NONE, data, "mnist", 100), () -> values(10, 4));
        cache.get(new ActivationCache.Key(model, "c", "fc1", Pooling.MAX, data, "mnist", 100), () -> values(10, 4));
        cache.get(new ActivationCache.Key(model, "c", "fc1", Pooling.NONE, data, "mnist", 50), () -> values(10, 4));
        assertEquals(4, cache.computations());
    }

    @Test
    void invalidatingANameDropsTheEntriesThatUsedIt() {
        ActivationCache cache = new ActivationCache();
        Object data = new Object();
        cache.get(new ActivationCache.Key(new Object(), "c", "fc1", Pooling.NONE, data, "mnist", 10), () -> values(10, 4));
        cache.get(new ActivationCache.Key(new Object(), "d", "fc1", Pooling.NONE, data, "mnist", 10), () -> values(10, 4));
        cache.get(new ActivationCache.Key(new Object(), "e", "fc1", Pooling.NONE, data, "held", 10), () -> values(10, 4));
        cache.invalidate("c");
        assertEquals(2, cache.size());
        cache.invalidate("held");
        assertEquals(1, cache.size());
        assertEquals(160, cache.bytes());
    }

    @Test
    void keepsWithinItsBudgetDroppingTheLeastRecentlyUsed() {
        ActivationCache cache = new ActivationCache(1000);
        Object data = new Object();
        for (int i = 0; i < 5; i++) {
            cache.get(new ActivationCache.Key(new Object(), "m" + i, "fc1", Pooling.NONE, data, "x", 10),
                    () -> values(10, 10)); // 400 bytes each
        }
        assertEquals(2, cache.size());
        assertEquals(800, cache.bytes());
    }
}
