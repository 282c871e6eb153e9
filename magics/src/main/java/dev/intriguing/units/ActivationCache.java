package dev.intriguing.units;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Activations computed once per (model, layer, pooling, data, limit) and reused: a notebook that draws the grid and
 * then scores the same layer runs the network over the held-out set once.
 *
 * <p>A key holds the model and the image set themselves (compared by identity) beside the names they were looked up
 * by, so a model retrained under the same name is a new key; {@link #invalidate} drops every entry that used a name,
 * which the session calls when the name is rebound, so the old model's entries do not keep memory alive. Entries
 * beyond the byte budget are dropped, least recently used first.
 */
public final class ActivationCache {
    /** The default budget: 1 GiB of activations (the kernel's heap is 8 GiB). */
    public static final long DEFAULT_BUDGET = 1L << 30;

    /**
     * What activations depend on.
     *
     * @param model     the model object (identity)
     * @param modelName the name it was looked up by
     * @param layer     the layer name
     * @param pooling   how conv channels are read
     * @param data      the full image set the held-out set was cut from (identity)
     * @param dataName  the name it was looked up by (a data-set name or a session name)
     * @param limit     how many of its first images were used
     */
    public record Key(Object model, String modelName, String layer, Pooling pooling, Object data, String dataName,
                      int limit) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.model == model && k.data == data && k.modelName.equals(modelName)
                    && k.layer.equals(layer) && k.pooling == pooling && k.dataName.equals(dataName) && k.limit == limit;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(model) * 31 + System.identityHashCode(data) * 17 + layer.hashCode() * 7
                    + pooling.hashCode() + limit;
        }
    }

    private final long budget;
    private final LinkedHashMap<Key, Activations> entries = new LinkedHashMap<>(16, 0.75f, true);
    private long bytes;
    private int computed;

    /** A cache with the default budget. */
    public ActivationCache() {
        this(DEFAULT_BUDGET);
    }

    /** A cache that keeps at most {@code budget} bytes of activations (the newest entry is always kept). */
    public ActivationCache(long budget) {
        this.budget = budget;
    }

    /** The cached activations for {@code key}, computing and keeping them on a miss. */
    public Activations get(Key key, Supplier<Activations> compute) {
        synchronized (this) {
            Activations a = entries.get(key);
            if (a != null) {
                return a;
            }
        }
        // computed outside the lock: a forward pass over the set takes seconds
        Activations a = compute.get();
        synchronized (this) {
            Activations old = entries.put(key, a);
            if (old != null) {
                bytes -= old.bytes();
            }
            bytes += a.bytes();
            computed++;
            Iterator<Map.Entry<Key, Activations>> it = entries.entrySet().iterator();
            while (bytes > budget && entries.size() > 1 && it.hasNext()) {
                Map.Entry<Key, Activations> e = it.next();
                if (e.getKey().equals(key)) {
                    continue;
                }
                bytes -= e.getValue().bytes();
                it.remove();
            }
        }
        return a;
    }

    /** Drops every entry whose model or data was looked up by {@code name}. */
    public synchronized void invalidate(String name) {
        Iterator<Map.Entry<Key, Activations>> it = entries.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<Key, Activations> e = it.next();
            if (e.getKey().modelName().equals(name) || e.getKey().dataName().equals(name)) {
                bytes -= e.getValue().bytes();
                it.remove();
            }
        }
    }

    /** Entries kept. */
    public synchronized int size() {
        return entries.size();
    }

    /** Bytes of activations kept. */
    public synchronized long bytes() {
        return bytes;
    }

    /** How many times activations were computed (misses), for tests and benchmarks. */
    public synchronized int computations() {
        return computed;
    }
}
