package dev.vecnum.core;

import java.util.Random;
import java.util.stream.IntStream;

import jdk.incubator.vector.FloatVector;

/** Awkward sizes and random data shared by the kernel tests. */
public final class TestSizes
{
    /** Lanes of the preferred species on this machine. */
    public static final int LANES = FloatVector.SPECIES_PREFERRED.length();

    private TestSizes()
    {
    }

    /**
     * 0, 1, lane±1, primes and a few large lengths.
     *
     * @return lengths to test element-wise kernels on
     */
    public static int[] lengths()
    {
        return IntStream.of(0, 1, 2, 3, 7, LANES - 1, LANES, LANES + 1, 2 * LANES - 1, 2 * LANES + 1, 13, 31, 37, 97,
            207, 1023, 4099).distinct().filter(n -> n >= 0).toArray();
    }

    /**
     * Random floats in [-scale, scale).
     *
     * @param rnd   source
     * @param n     count
     * @param scale half-width
     * @return new array
     */
    public static float[] randomFloats(final Random rnd, final int n, final float scale)
    {
        final float[] x = new float[n];
        for (int i = 0; i < n; i++)
        {
            x[i] = (rnd.nextFloat() * 2f - 1f) * scale;
        }
        return x;
    }
}
