package dev.vecnum.core;

import java.util.Arrays;

import dev.vecnum.core.kernel.Kernels;

/**
 * Small whole-range helpers over flat float arrays (scale, fill, sum of squares) used by training loops and
 * optimizers. Validated; no allocation; thread-safe for disjoint outputs.
 */
public final class Vectors
{
    private Vectors()
    {
    }

    /**
     * In place x[i] *= s for i in [off, off+len).
     *
     * @param x   data
     * @param off first element
     * @param len element count
     * @param s   factor
     */
    public static void scale(final float[] x, final int off, final int len, final float s)
    {
        Checks.range("scale", "x", x, off, len);
        Kernels.ELEMENTWISE.scale(x, off, len, s);
    }

    /**
     * x[i] = value for i in [off, off+len).
     *
     * @param x     data
     * @param off   first element
     * @param len   element count
     * @param value the value
     */
    public static void fill(final float[] x, final int off, final int len, final float value)
    {
        Checks.range("fill", "x", x, off, len);
        Arrays.fill(x, off, off + len, value);
    }

    /**
     * Σ x[i]² over [off, off+len) with a double result (e.g. for gradient-norm clipping). The vector kernel sums
     * blocks of 1024 floats in float lanes and adds the blocks in double (relative error about 1e-6, independent of
     * the length); the scalar fallback accumulates in double. Deterministic for given arguments; finite exactly when
     * every element is finite (a float overflow inside a block is redone in double).
     *
     * @param x   data
     * @param off first element
     * @param len element count
     * @return the sum of squares
     */
    public static double sumOfSquares(final float[] x, final int off, final int len)
    {
        Checks.range("sumOfSquares", "x", x, off, len);
        return Kernels.ELEMENTWISE.sumOfSquares(x, off, len);
    }
}
