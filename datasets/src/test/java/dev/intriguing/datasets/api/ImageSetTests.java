package dev.intriguing.datasets.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

class ImageSetTests {
    private static ImageSet tiny() {
        float[] px = new float[3 * 2 * 2];
        for (int i = 0; i < px.length; i++) {
            px[i] = i / 11f;
        }
        return ImageSet.of("tiny", 2, 2, 3, px, new int[] {2, 0, 2});
    }

    @Test
    void subsetSliceAndCountsFollowTheIndices() {
        ImageSet s = tiny();
        assertArrayEquals(new int[] {1, 0, 2}, s.labelCounts());
        ImageSet sub = s.subset(new int[] {2, 1});
        assertArrayEquals(new int[] {2, 0}, sub.labels());
        assertArrayEquals(s.image(2), sub.image(0));
        ImageSet sl = s.slice(1, 3);
        assertEquals(2, sl.size());
        assertArrayEquals(s.image(1), sl.image(0));
    }

    @Test
    void aSeededSampleIsDistinctImagesInOriginalOrderAndTheSameForTheSameSeed() {
        int n = 50;
        float[] px = new float[n];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            px[i] = i / (float) n;
        }
        ImageSet s = ImageSet.of("ramp", 1, 1, 1, px, labels);
        ImageSet a = s.sample(10, 7);
        assertEquals(10, a.size());
        float[] picked = a.pixels(0, 10);
        for (int i = 1; i < picked.length; i++) {
            assertTrue(picked[i - 1] < picked[i], "distinct and in their original order");
        }
        assertArrayEquals(picked, s.sample(10, 7).pixels(0, 10));
        assertTrue(!java.util.Arrays.equals(picked, s.sample(10, 8).pixels(0, 10)), "another seed, another sample");
        assertEquals(n, s.sample(n + 5, 1).size(), "a sample larger than the set is the whole set");
        assertThrows(IllegalArgumentException.class, () -> s.sample(-1, 1));
    }

    @Test
    void accessorsReturnCopiesSoTheSetStaysImmutable() {
        ImageSet s = tiny();
        float[] img = s.image(0);
        img[0] = 0.99f;
        int[] labels = s.labels();
        labels[0] = 1;
        assertEquals(0f, s.image(0)[0]);
        assertEquals(2, s.label(0));
    }

    @Test
    void rejectsShapeMismatchAndPixelsOutsideTheBox() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ImageSet.of("bad", 2, 2, 3, new float[7], new int[2]));
        assertTrue(e.getMessage().contains("shape mismatch"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ImageSet.of("bad", 1, 1, 3, new float[] {1.5f}, new int[] {0}));
    }

    @Test
    void convertsToFlatAndImageBatches() {
        ImageSet s = tiny();
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray flat = s.toFlat(m, 1, 3);
            assertEquals(new Shape(2, 4), flat.getShape());
            assertArrayEquals(s.pixels(1, 3), flat.toFloatArray());
            NDArray img = s.toImages(m, 0, 3);
            assertEquals(new Shape(3, 1, 2, 2), img.getShape());
            assertArrayEquals(new float[] {2f, 0f, 2f}, s.toLabels(m, 0, 3).toFloatArray());
        }
    }
}
