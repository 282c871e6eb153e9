package dev.intriguing.spectral;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConvSpectrumTests {
    private static final double TIGHT = 1e-10;

    @ParameterizedTest(name = "C={0} D={1} k={2} input {3}x{4} padding {5}")
    @CsvSource({"1, 4, 3, 8, 8, 0", "1, 16, 5, 12, 12, 0", "3, 2, 3, 7, 9, 1", "4, 6, 5, 8, 8, 2", "6, 3, 3, 6, 6, 1",
            "16, 8, 5, 8, 8, 0", "2, 2, 1, 5, 5, 0"})
    void theDftNormEqualsPowerIterationOnTheExplicitCircularConvolutionOfThePaddedSize(int c, int d, int k, int h,
                                                                                     int w, int p) {
        double[] kernels = PowerIterationTests.gaussian(d * c * k * k, 31L * c + 7L * d + k + p);
        ConvGeometry layer = new ConvGeometry(c, h, w, d, k, k, 1, p, 1);
        ConvSpectrum.Result dft = ConvSpectrum.norm(kernels, layer);
        // the circular map on the padded grid, written out
        ConvGeometry grid = new ConvGeometry(c, layer.gridHeight(), layer.gridWidth(), d, k, k, 1, 0, 1);
        PowerIteration.Estimate explicit = PowerIteration.largestSingularValue(Convolution.circular(kernels, grid), TIGHT);
        assertTrue(explicit.converged(), explicit.toString());
        assertEquals(explicit.sigma(), dft.norm(), 1e-8 * dft.norm(), dft + " vs " + explicit);
    }

    @ParameterizedTest(name = "C={0} D={1} k={2} input {3}x{3} padding {4} stride {5}")
    @CsvSource({"1, 4, 5, 12, 0, 1", "3, 5, 3, 8, 1, 1", "2, 3, 5, 9, 2, 1", "4, 4, 3, 10, 1, 2", "1, 16, 5, 16, 0, 1"})
    void theDftNormBoundsTheZeroPaddedAndStridedConvolutionThatTheLayerComputes(int c, int d, int k, int n, int p, int s) {
        double[] kernels = PowerIterationTests.gaussian(d * c * k * k, 100L * c + d + k + n + p + s);
        ConvGeometry layer = new ConvGeometry(c, n, n, d, k, k, s, p, 1);
        double bound = ConvSpectrum.norm(kernels, layer).norm();
        double actual = PowerIteration.largestSingularValue(Convolution.zeroPadded(kernels, layer), 1e-6).sigma();
        assertTrue(actual <= bound * (1 + 1e-9), "actual " + actual + " <= bound " + bound);
        // a restriction of the circular map, but not a small one: the bound is not loose by much here
        assertTrue(actual >= 0.5 * bound, "actual " + actual + " vs bound " + bound);
    }

    @Test
    void aOneByOneConvolutionHasTheNormOfItsChannelMatrix() {
        int c = 7;
        int d = 5;
        double[] m = PowerIterationTests.gaussian(d * c, 77);
        double matrix = Jacobi.singularValues(m, d, c)[0];
        ConvGeometry g = new ConvGeometry(c, 6, 6, d, 1, 1, 1, 0, 1);
        assertEquals(matrix, ConvSpectrum.norm(m, g).norm(), 1e-12 * matrix);
        assertEquals(matrix, PowerIteration.largestSingularValue(Convolution.zeroPadded(m, g), TIGHT).sigma(), 1e-8 * matrix);
    }

    @Test
    void aSingleChannelSingleFilterNormIsTheLargestDftMagnitude() {
        // the kernel [1, 1] along a row: |1 + e^{-iθ}| peaks at θ = 0 with 2
        ConvGeometry g = new ConvGeometry(1, 4, 4, 1, 1, 2, 1, 0, 1);
        ConvSpectrum.Result r = ConvSpectrum.norm(new double[] {1, 1}, g);
        assertEquals(2, r.norm(), 1e-15);
        assertEquals(0, r.peakRow());
        assertEquals(0, r.peakCol());
        // [1, -1] peaks at the Nyquist frequency
        ConvSpectrum.Result nyquist = ConvSpectrum.norm(new double[] {1, -1}, g);
        assertEquals(2, nyquist.norm(), 1e-15);
        assertEquals(2, nyquist.peakCol());
    }
}
