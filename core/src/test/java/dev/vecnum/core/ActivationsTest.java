package dev.vecnum.core;

import static dev.vecnum.core.MatmulTest.assertMessage;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;

import org.junit.jupiter.api.Test;

import dev.vecnum.core.kernel.ElementwiseKernels;
import dev.vecnum.core.kernel.Kernels;
import dev.vecnum.core.kernel.ScalarElementwise;

class ActivationsTest
{
    private static final float[] SPECIALS = {
        Float.NaN, -0f, 0f, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.MIN_VALUE, -Float.MIN_VALUE, 1f, -1f};

    private final ElementwiseKernels vector = Kernels.vectorElementwise();
    private final ElementwiseKernels scalar = ScalarElementwise.INSTANCE;

    /** Random values with special values sprinkled in, so every lane position sees NaN, ±0 and ±∞. */
    private static float[] data(final Random rnd, final int n)
    {
        final float[] x = TestSizes.randomFloats(rnd, n, 3f);
        for (int i = 0; i < n; i += 3)
        {
            x[i] = SPECIALS[rnd.nextInt(SPECIALS.length)];
        }
        return x;
    }

    @Test
    void shouldComputeNumpyHeavisideOnKnownValues()
    {
        final float[] x = {-2f, -0f, 0f, 3f, Float.NaN, Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY};
        final float[] out = new float[x.length];
        Activations.heaviside(x, out, 0, x.length, 0.5f);
        assertArrayEquals(new float[] {0f, 0.5f, 0.5f, 1f, Float.NaN, 0f, 1f}, out);
    }

    @Test
    void shouldComputeReluAndMaskOnKnownValues()
    {
        final float[] x = {-2f, 0f, 3f, Float.NaN};
        Activations.relu(x, 0, 4);
        assertArrayEquals(new float[] {0f, 0f, 3f, Float.NaN}, x);
        final float[] grad = {5f, 5f, 5f, 5f};
        Activations.reluBackward(grad, x, 0, 4);
        assertArrayEquals(new float[] {0f, 0f, 5f, Float.NaN}, grad);
    }

    @Test
    void shouldMatchScalarBitForBitOnAwkwardLengths()
    {
        final Random rnd = new Random(11);
        for (final int n : TestSizes.lengths())
        {
            for (final int off : new int[] {0, 1, 5})
            {
                final float[] x = data(rnd, off + n + 2);

                final float[] rv = x.clone();
                final float[] rs = x.clone();
                vector.relu(rv, off, n);
                scalar.relu(rs, off, n);
                assertArrayEquals(rs, rv, "relu n=" + n);
                for (int i = off; i < off + n; i++)
                {
                    assertEquals(Math.max(x[i], 0f), rv[i], 0f);
                }

                final float[] hv = new float[x.length];
                final float[] hs = new float[x.length];
                vector.heaviside(x, off, hv, 1, n, 0.25f);
                scalar.heaviside(x, off, hs, 1, n, 0.25f);
                assertArrayEquals(hs, hv, "heaviside n=" + n);

                final float[] g = data(rnd, x.length);
                final float[] gv = g.clone();
                final float[] gs = g.clone();
                vector.reluBackward(gv, off, x, off, n);
                scalar.reluBackward(gs, off, x, off, n);
                assertArrayEquals(gs, gv, "reluBackward n=" + n);
                for (int i = off; i < off + n; i++)
                {
                    assertEquals(g[i] * ScalarElementwise.heaviside(x[i], 0f), gv[i], 0f);
                }

                final float[] sv = x.clone();
                final float[] ss = x.clone();
                vector.scale(sv, off, n, -1.5f);
                scalar.scale(ss, off, n, -1.5f);
                assertArrayEquals(ss, sv, "scale n=" + n);
            }
        }
    }

    @Test
    void shouldMatchScalarOnRowKernels()
    {
        final Random rnd = new Random(5);
        for (final int rows : new int[] {0, 1, 3, 16, 17})
        {
            for (final int cols : TestSizes.lengths())
            {
                if (cols > 300)
                {
                    continue;
                }
                final float[] x = data(rnd, rows * cols + 1);
                final float[] bias = data(rnd, cols + 1);
                for (final boolean relu : new boolean[] {false, true})
                {
                    final float[] xv = x.clone();
                    final float[] xs = x.clone();
                    vector.addBiasRows(xv, 1, rows, cols, bias, 1, relu);
                    scalar.addBiasRows(xs, 1, rows, cols, bias, 1, relu);
                    assertArrayEquals(xs, xv, "addBiasRows " + rows + "x" + cols);
                }
                final float[] ov = new float[cols + 2];
                final float[] os = new float[cols + 2];
                vector.columnSum(x, 1, rows, cols, ov, 2, 0.5f);
                scalar.columnSum(x, 1, rows, cols, os, 2, 0.5f);
                assertArrayEquals(os, ov, "columnSum " + rows + "x" + cols);
            }
        }
    }

    @Test
    void shouldComputeColumnMean()
    {
        final float[] x = {1, 2, 3, 4, 5, 6};
        final float[] out = new float[3];
        Reductions.columnMean(x, 0, 2, 3, out, 0);
        assertArrayEquals(new float[] {2.5f, 3.5f, 4.5f}, out);
    }

    @Test
    void shouldRejectBadArguments()
    {
        final float[] x = new float[4];
        assertMessage(() -> Activations.relu(x, 1, 4), "x too short: needs xOff + 4 = 5 floats, has 4");
        assertMessage(() -> Activations.relu(x, -1, 1), "xOff must be >= 0");
        assertMessage(() -> Activations.relu(x, 0, -1), "must be >= 0, got -1");
        assertMessage(() -> Activations.heaviside(x, new float[2], 0, 4, 0f), "out too short");
        assertMessage(() -> Activations.heaviside(x, 0, x, 1, 3, 0f), "partially overlaps");
        assertMessage(() -> Activations.reluBackward(x, new float[3], 0, 4), "activated too short");
        assertMessage(() -> Activations.addBias(x, 0, 2, 2, x, 0, true), "same array");
        assertMessage(() -> Reductions.columnMean(x, 0, 2, 2, new float[1], 0), "out too short");
    }
}
