package dev.vecnum.bench;

import java.util.SplittableRandom;

/** Deterministic benchmark inputs, created in {@code @Setup} only. */
final class Data
{
    private Data()
    {
    }

    /** n floats uniform in [lo, hi), seeded so every fork sees the same data. */
    static float[] uniform(final int n, final float lo, final float hi, final long seed)
    {
        final SplittableRandom random = new SplittableRandom(seed);
        final float[] x = new float[n];
        for (int i = 0; i < n; i++)
        {
            x[i] = lo + (hi - lo) * (float) random.nextDouble();
        }
        return x;
    }

    /** n floats in [-1, 1). */
    static float[] signed(final int n, final long seed)
    {
        return uniform(n, -1f, 1f, seed);
    }
}
