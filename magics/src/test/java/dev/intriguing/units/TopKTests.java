package dev.intriguing.units;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class TopKTests {
    /**
     * Small integer activations and directions whose entries are multiples of 1/8, so that the engine's float32
     * products are exact and full of ties: any order the engine leaves among equal values would show.
     */
    private static Activations smallIntegers(int n, int d, long seed) {
        Random rnd = new Random(seed);
        float[] v = new float[n * d];
        for (int i = 0; i < v.length; i++) {
            v[i] = rnd.nextInt(4);
        }
        return Activations.of("m", "fc1", "toy", Pooling.NONE, new long[] {d}, n, d, v);
    }

    private static int[] bruteForce(Activations a, float[] direction, int unit, int k) {
        double[] p = new double[a.size()];
        for (int i = 0; i < a.size(); i++) {
            if (direction == null) {
                p[i] = a.get(i, unit);
            } else {
                for (int j = 0; j < a.units(); j++) {
                    p[i] += (double) a.get(i, j) * direction[j];
                }
            }
        }
        return IntStream.range(0, a.size()).boxed()
                .sorted(Comparator.comparingDouble((Integer i) -> -p[i]).thenComparingInt(i -> i))
                .limit(k).mapToInt(Integer::intValue).toArray();
    }

    @Test
    void topKEqualsABruteForceSortOnASmallSetTiesBrokenByIndex() {
        Activations a = smallIntegers(60, 7, 3);
        Random rnd = new Random(5);
        List<Direction> dirs = new ArrayList<>();
        List<float[]> vectors = new ArrayList<>();
        for (int u = 0; u < 7; u++) {
            dirs.add(Direction.unit(u));
            vectors.add(null);
        }
        for (int r = 0; r < 12; r++) {
            float[] v = new float[7];
            for (int j = 0; j < 7; j++) {
                v[j] = (rnd.nextInt(17) - 8) / 8f;
            }
            dirs.add(Direction.random(r, v));
            vectors.add(v);
        }
        for (int k : new int[] {1, 5, 13, 59, 60}) {
            List<TopK.Ranked> ranked = TopK.along(a, dirs, k);
            for (int i = 0; i < dirs.size(); i++) {
                Direction d = dirs.get(i);
                int[] expected = bruteForce(a, vectors.get(i), d.id(), k);
                assertEquals(d, ranked.get(i).direction());
                assertArrayEquals(expected, ranked.get(i).indices(), d.label() + " at k = " + k);
                for (int j = 0; j < k; j++) {
                    double p = vectors.get(i) == null ? a.get(expected[j], d.id()) : dot(a, expected[j], vectors.get(i));
                    assertEquals(p, ranked.get(i).projections()[j], 1e-6);
                }
            }
        }
    }

    private static double dot(Activations a, int image, float[] v) {
        double s = 0;
        for (int j = 0; j < v.length; j++) {
            s += (double) a.get(image, j) * v[j];
        }
        return s;
    }

    @Test
    void manyDirectionsAreRankedInChunksLikeOneAtATime() {
        Activations a = smallIntegers(3000, 5, 9);
        List<Direction> dirs = Directions.random(5, 6000, 1, Directions.Basis.GAUSSIAN);
        List<TopK.Ranked> all = TopK.along(a, dirs, 4);
        for (int i : new int[] {0, 2999, 5999}) {
            assertArrayEquals(TopK.along(a, List.of(dirs.get(i)), 4).get(0).indices(), all.get(i).indices());
        }
        assertTrue(TopK.CHUNK_VALUES / a.size() < dirs.size(), "the directions span several chunks");
    }

    @Test
    void aPrefixOfTheTopKIsTheTopOfFewer() {
        Activations a = smallIntegers(100, 6, 4);
        List<Direction> dirs = Directions.random(6, 5, 2, Directions.Basis.GAUSSIAN);
        List<TopK.Ranked> top20 = TopK.along(a, dirs, 20);
        List<TopK.Ranked> top5 = TopK.along(a, dirs, 5);
        for (int i = 0; i < dirs.size(); i++) {
            assertArrayEquals(top5.get(i).indices(), top20.get(i).first(5).indices());
        }
    }

    @Test
    void kOutsideOneToTheImageCountIsRejected() {
        Activations a = smallIntegers(10, 3, 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TopK.along(a, List.of(Direction.unit(0)), 11));
        assertTrue(e.getMessage().contains("from 1 to the 10 images"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> TopK.along(a, List.of(Direction.unit(3)), 2));
        assertThrows(IllegalArgumentException.class, () -> TopK.along(a, List.of(Direction.random(0, new float[2])), 2));
    }

    @Test
    void exactRankingBreaksTiesByIndex() {
        assertArrayEquals(new int[] {1, 3, 0}, TopK.exact(new float[] {1, 2, 0, 2, 1}, 3));
        assertEquals("[1, 3, 0, 4, 2]", Arrays.toString(TopK.exact(new float[] {1, 2, 0, 2, 1}, 5)));
    }
}
