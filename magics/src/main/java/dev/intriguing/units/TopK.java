package dev.intriguing.units;

import ai.djl.engine.EngineException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntFunction;

/**
 * The k images of I with the largest projection ⟨φ(x), v⟩ along each of many directions, ties broken by the lower
 * image index.
 *
 * <p>Random directions go through the engine as batched matrix products (Vᵀ Aᵀ, directions × images), each chunk of
 * up to {@value #CHUNK_VALUES} projections followed by the engine's top-k of its rows; a unit's projections are its
 * own activations. The engine's order among equal values is unspecified, so each row's top k is re-sorted by (value
 * descending, index ascending), and a row whose k-th and (k+1)-th values are equal is ranked again from the whole
 * row: the values above the tie, then the lowest indices at it. (On an engine without a top-k operator the rows are ranked in Java instead.)
 *
 * <pre>{@code
 * List<TopK.Ranked> r = TopK.along(a, List.of(Direction.unit(17)), 10);
 * r.get(0).indices()      // the 10 images that most excite unit 17
 * }</pre>
 */
public final class TopK {
    /**
     * Projections per engine call: 2^20 floats (4 MiB), about 100 directions over 10,000 images. Measured on two cores,
     * 1,000 directions over 10,000 images take 0.07-0.13 s in chunks of 100 and 0.4-1.3 s as one 40 MB product: a chunk
     * stays in the cache between the product and the top-k, and a fresh 40 MB array costs page faults every time.
     */
    static final int CHUNK_VALUES = 1 << 20;

    private static volatile boolean engineTopK = true;

    private TopK() {
    }

    /**
     * The top k of one direction.
     *
     * @param direction   the direction
     * @param indices     image indices into I, best first
     * @param projections ⟨φ(x), v⟩ of those images
     */
    public record Ranked(Direction direction, int[] indices, float[] projections) {
        /** The first {@code k} (a top-k list's prefix is the top-k' list for k' ≤ k). */
        public Ranked first(int k) {
            return new Ranked(direction, Arrays.copyOf(indices, k), Arrays.copyOf(projections, k));
        }
    }

    /**
     * The top {@code k} images of {@code a} along each direction, in the order given.
     *
     * @throws IllegalArgumentException when k is not in [1, n], a unit is out of range, or a random direction's length
     *                                  is not the layer's width
     */
    public static List<Ranked> along(Activations a, List<Direction> directions, int k) {
        int n = a.size();
        int d = a.units();
        if (k < 1 || k > n) {
            throw new IllegalArgumentException("k must be from 1 to the " + n + " images of " + a.data() + "; got " + k);
        }
        for (Direction dir : directions) {
            if (dir.kind() == Direction.Kind.UNIT ? dir.id() < 0 || dir.id() >= d : dir.vector().length != d) {
                throw new IllegalArgumentException(dir.label() + " does not fit layer " + a.layer() + " of " + d + " units");
            }
        }
        Ranked[] out = new Ranked[directions.size()];
        int chunk = Math.max(1, CHUNK_VALUES / n);
        List<Integer> units = new ArrayList<>();
        List<Integer> randoms = new ArrayList<>();
        for (int i = 0; i < directions.size(); i++) {
            (directions.get(i).kind() == Direction.Kind.UNIT ? units : randoms).add(i);
        }
        float[] values = a.raw();
        try (NDManager m = NDManager.newBaseManager()) {
            // the activations go to the engine once, as Aᵀ (units × images): a unit's projections are its row
            NDArray aT = m.create(values, new Shape(n, d)).transpose();
            for (int from = 0; from < units.size(); from += chunk) {
                List<Integer> part = units.subList(from, Math.min(units.size(), from + chunk));
                try (NDManager sub = m.newSubManager()) {
                    int[] ids = part.stream().mapToInt(i -> directions.get(i).id()).toArray();
                    PairList<String, Object> params = new PairList<>();
                    params.add("axis", 0);
                    NDArray rows = sub.invoke("take", new NDList(aT, sub.create(ids)), params).singletonOrThrow();
                    // a tied row is read back from the Java copy of the activations, not from the engine
                    rank(rows, r -> {
                        float[] row = new float[n];
                        for (int i = 0; i < n; i++) {
                            row[i] = values[i * d + ids[r]];
                        }
                        return row;
                    }, part, directions, k, out);
                }
            }
            for (int from = 0; from < randoms.size(); from += chunk) {
                List<Integer> part = randoms.subList(from, Math.min(randoms.size(), from + chunk));
                try (NDManager sub = m.newSubManager()) {
                    float[] vt = new float[part.size() * d];
                    for (int r = 0; r < part.size(); r++) {
                        System.arraycopy(directions.get(part.get(r)).vector(), 0, vt, r * d, d);
                    }
                    NDArray p = sub.create(vt, new Shape(part.size(), d)).dot(aT);
                    float[][] fetched = new float[1][];
                    rank(p, r -> {
                        if (fetched[0] == null) {
                            fetched[0] = p.toFloatArray();
                        }
                        return Arrays.copyOfRange(fetched[0], r * n, (r + 1) * n);
                    }, part, directions, k, out);
                }
            }
        }
        return List.of(out);
    }

    /**
     * Ranks each row of {@code p} (rows × n projections) into {@code out} at the rows' direction positions;
     * {@code row} gives one row's values in Java, for the rare row with a tie at its boundary.
     */
    private static void rank(NDArray p, IntFunction<float[]> row, List<Integer> rows,
                             List<Direction> directions, int k, Ranked[] out) {
        int n = (int) p.getShape().get(1);
        int k1 = Math.min(n, k + 1); // one more than asked for, to see a tie at the boundary
        NDArray[] top = topK(p, k1);
        float[] vals = top[0].toFloatArray();
        int[] idx = top[1].toType(DataType.INT32, false).toIntArray();
        for (int r = 0; r < rows.size(); r++) {
            int[] ix;
            float[] vs;
            if (k1 > k && vals[r * k1 + k - 1] == vals[r * k1 + k]) {
                float[] all = row.apply(r);
                ix = withTies(all, vals[r * k1 + k - 1], k);
                vs = new float[k];
                for (int i = 0; i < k; i++) {
                    vs[i] = all[ix[i]];
                }
            } else {
                ix = Arrays.copyOfRange(idx, r * k1, r * k1 + k);
                vs = Arrays.copyOfRange(vals, r * k1, r * k1 + k);
            }
            order(ix, vs);
            out[rows.get(r)] = new Ranked(directions.get(rows.get(r)), ix, vs);
        }
    }

    /**
     * The top k of a row whose k-th largest value {@code t} is tied: every index above t, then the lowest indices equal
     * to t until there are k (unordered; {@link #order} sorts them). Saturated sigmoid and zero ReLU units tie often.
     */
    private static int[] withTies(float[] row, float t, int k) {
        int[] ix = new int[k];
        int count = 0;
        for (int i = 0; i < row.length; i++) {
            if (row[i] > t) {
                ix[count++] = i;
            }
        }
        for (int i = 0; i < row.length && count < k; i++) {
            if (row[i] == t) {
                ix[count++] = i;
            }
        }
        return ix;
    }

    /**
     * Values and indices of the k largest entries of each row. The MXNet engine's {@code topk} operator selects them
     * with a partial sort; DJL does not expose it, so it is invoked by name, and an engine without it falls back to
     * ranking in Java.
     */
    private static NDArray[] topK(NDArray p, int k) {
        if (engineTopK) {
            try {
                PairList<String, Object> params = new PairList<>();
                params.add("k", k);
                params.add("axis", 1);
                params.add("ret_typ", "both");
                params.add("is_ascend", false);
                params.add("dtype", "int32");
                NDList r = p.getManager().invoke("topk", new NDList(p), params);
                return new NDArray[] {r.get(0), r.get(1)};
            } catch (UnsupportedOperationException | EngineException e) {
                engineTopK = false;
            }
        }
        int rows = (int) p.getShape().get(0);
        int n = (int) p.getShape().get(1);
        float[] all = p.toFloatArray();
        float[] vals = new float[rows * k];
        int[] idx = new int[rows * k];
        for (int r = 0; r < rows; r++) {
            float[] row = Arrays.copyOfRange(all, r * n, (r + 1) * n);
            int[] best = exact(row, k);
            for (int i = 0; i < k; i++) {
                idx[r * k + i] = best[i];
                vals[r * k + i] = row[best[i]];
            }
        }
        NDManager m = p.getManager();
        return new NDArray[] {m.create(vals, new Shape(rows, k)), m.create(idx, new Shape(rows, k))};
    }

    /** Sorts a top-k list by value descending, then index ascending. */
    private static void order(int[] ix, float[] vs) {
        Integer[] pos = new Integer[ix.length];
        for (int i = 0; i < pos.length; i++) {
            pos[i] = i;
        }
        Arrays.sort(pos, (x, y) -> vs[x] != vs[y] ? Float.compare(vs[y], vs[x]) : Integer.compare(ix[x], ix[y]));
        int[] i2 = new int[ix.length];
        float[] v2 = new float[vs.length];
        for (int i = 0; i < pos.length; i++) {
            i2[i] = ix[pos[i]];
            v2[i] = vs[pos[i]];
        }
        System.arraycopy(i2, 0, ix, 0, ix.length);
        System.arraycopy(v2, 0, vs, 0, vs.length);
    }

    /** The k largest entries of {@code row} by value descending, then index ascending, computed in full. */
    static int[] exact(float[] row, int k) {
        Integer[] pos = new Integer[row.length];
        for (int i = 0; i < pos.length; i++) {
            pos[i] = i;
        }
        Arrays.sort(pos, (x, y) -> row[x] != row[y] ? Float.compare(row[y], row[x]) : Integer.compare(x, y));
        int[] out = new int[k];
        for (int i = 0; i < k; i++) {
            out[i] = pos[i];
        }
        return out;
    }
}
