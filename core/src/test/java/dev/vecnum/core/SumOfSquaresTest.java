package dev.vecnum.core;

import static dev.vecnum.core.MatmulTest.assertMessage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import dev.vecnum.core.kernel.ElementwiseKernels;
import dev.vecnum.core.kernel.Kernels;
import dev.vecnum.core.kernel.ScalarElementwise;

class SumOfSquaresTest
{
    private final ElementwiseKernels vector = Kernels.vectorElementwise();
    private final ElementwiseKernels scalar = ScalarElementwise.INSTANCE;

    private static int[] lengths()
    {
        return IntStream.concat(IntStream.of(TestSizes.lengths()),
            IntStream.of(1024, 1025, 1024 + TestSizes.LANES - 1, 2048 + 3, 16_384 + 7, 100_003)).toArray();
    }

    @Test
    void shouldMatchDoubleReferenceOnAwkwardLengths()
    {
        final Random rnd = new Random(4);
        for (final int n : lengths())
        {
            final int off = n % 5;
            final float[] x = TestSizes.randomFloats(rnd, off + n + 3, 2f);
            final double expected = scalar.sumOfSquares(x, off, n);
            final double actual = vector.sumOfSquares(x, off, n);
            assertEquals(expected, actual, 2e-6 * expected, "n=" + n);
            assertEquals(actual, vector.sumOfSquares(x, off, n), 0.0, "deterministic, n=" + n);
            assertEquals(actual, Vectors.sumOfSquares(x, off, n), 0.0);
        }
    }

    @Test
    void shouldBeExactWhereFloatPartialsAreExact()
    {
        // small integers: every float partial is an integer below 2^24, so both paths are exact
        for (final int n : lengths())
        {
            final float[] x = new float[n];
            long exact = 0;
            for (int i = 0; i < n; i++)
            {
                x[i] = (i % 7) - 3;
                exact += (long) x[i] * (long) x[i];
            }
            assertEquals(exact, vector.sumOfSquares(x, 0, n), 0.0, "n=" + n);
            assertEquals(exact, scalar.sumOfSquares(x, 0, n), 0.0, "n=" + n);
        }
    }

    @Test
    void shouldKeepHugeFiniteValuesFiniteAndFlagNonFinite()
    {
        final int n = 3000;
        final float[] x = new float[n];
        Arrays.fill(x, 1e20f); // squares overflow float but not double
        final double expected = scalar.sumOfSquares(x, 0, n);
        assertTrue(Double.isFinite(expected));
        assertEquals(expected, vector.sumOfSquares(x, 0, n), 1e-12 * expected);
        for (final int at : new int[] {0, 5, 1500, n - 1})
        {
            final float[] y = TestSizes.randomFloats(new Random(at), n, 1f);
            y[at] = Float.NaN;
            assertTrue(Double.isNaN(vector.sumOfSquares(y, 0, n)), "NaN at " + at);
            y[at] = Float.NEGATIVE_INFINITY;
            assertEquals(Double.POSITIVE_INFINITY, vector.sumOfSquares(y, 0, n), "-Inf at " + at);
        }
    }

    @Test
    void shouldRejectBadRanges()
    {
        final float[] x = {1f, 2f};
        assertMessage(() -> Vectors.sumOfSquares(x, 1, 2), "x too short");
        assertMessage(() -> Vectors.sumOfSquares(x, -1, 1), "xOff must be >= 0");
        assertMessage(() -> Vectors.sumOfSquares(x, 0, -1), "must be >= 0");
        assertMessage(() -> Vectors.sumOfSquares(null, 0, 0), "x is null");
        assertEquals(0.0, Vectors.sumOfSquares(x, 2, 0));
    }
}
