package dev.vecnum.core;

import static dev.vecnum.core.kernel.gemm.TestData.aAt;
import static dev.vecnum.core.kernel.gemm.TestData.bAt;
import static dev.vecnum.core.kernel.gemm.TestData.reference;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.Test;

import dev.vecnum.core.kernel.GemmKernels;
import dev.vecnum.core.kernel.Kernels;
import dev.vecnum.core.kernel.ScalarGemm;

class MatmulTest
{
    private static final int L = TestSizes.LANES;
    private static final int[] DIMS = {0, 1, 2, 3, 5, 7, L - 1, L, L + 1, 2 * L + 3, 10, 13, 31, 37, 67};

    @Test
    void shouldMultiplyKnownTwoByThreeTimesThreeByFour()
    {
        final float[] a = {1, 2, 3, 4, 5, 6};
        final float[] b = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12};
        final float[] c = new float[8];
        Matmul.matmul(a, b, c, 2, 3, 4);
        assertArrayEquals(new float[] {38, 44, 50, 56, 83, 98, 113, 128}, c);

        // Aᵀ stored 3×2 and Bᵀ stored 4×3 give the same product
        final float[] at = {1, 4, 2, 5, 3, 6};
        final float[] bt = {1, 5, 9, 2, 6, 10, 3, 7, 11, 4, 8, 12};
        final float[] c2 = new float[8];
        Matmul.matmulTransA(at, b, c2, 2, 3, 4);
        assertArrayEquals(c, c2);
        final float[] c3 = new float[8];
        Matmul.matmulTransB(a, bt, c3, 2, 3, 4);
        assertArrayEquals(c, c3);
    }

    @Test
    void shouldMatchDoublePrecisionReferenceOnAwkwardShapes()
    {
        final Random rnd = new Random(42);
        final GemmKernels[] impls = {ScalarGemm.INSTANCE, Kernels.vectorGemm()};
        int cases = 0;
        for (final int m : DIMS)
        {
            for (final int k : DIMS)
            {
                for (final int n : DIMS)
                {
                    for (int form = 0; form < 3; form++)
                    {
                        for (final boolean accumulate : new boolean[] {false, true})
                        {
                            for (final GemmKernels impl : impls)
                            {
                                checkOne(rnd, impl, form, m, k, n, accumulate);
                                cases++;
                            }
                        }
                    }
                }
            }
        }
        assertTrue(cases >= 10_000, "cases: " + cases);
    }

    @Test
    void shouldMatchReferenceThroughPublicApiWithOffsets()
    {
        final Random rnd = new Random(7);
        for (int t = 0; t < 300; t++)
        {
            final int m = rnd.nextInt(40);
            final int k = rnd.nextInt(40);
            final int n = rnd.nextInt(40);
            final int aOff = rnd.nextInt(5);
            final int bOff = rnd.nextInt(5);
            final int cOff = rnd.nextInt(5);
            final float[] a = TestSizes.randomFloats(rnd, aOff + m * k + 3, 1f);
            final float[] b = TestSizes.randomFloats(rnd, bOff + k * n + 3, 1f);
            final float[] c = TestSizes.randomFloats(rnd, cOff + m * n + 3, 1f);
            final float[] before = c.clone();
            final int form = t % 3;
            switch (form)
            {
                case 0 -> Matmul.matmul(a, aOff, b, bOff, c, cOff, m, k, n);
                case 1 -> Matmul.matmulTransA(a, aOff, b, bOff, c, cOff, m, k, n);
                default -> Matmul.matmulTransB(a, aOff, b, bOff, c, cOff, m, k, n);
            }
            final double[] ref = reference(form, a, aOff, b, bOff, m, k, n);
            assertClose(ref, a, aOff, b, bOff, form, c, cOff, m, k, n, "form " + form);
            // nothing outside C's range changed
            for (int i = 0; i < c.length; i++)
            {
                if (i < cOff || i >= cOff + m * n)
                {
                    assertEquals(before[i], c[i], 0f, "outside C at " + i);
                }
            }
        }
    }

    @Test
    void shouldMatchReferenceThroughPublicApiOnBlockedShapes()
    {
        // large enough for the packed, cache-blocked (and, with the shared pool, threaded) path; ragged edges
        final Random rnd = new Random(9);
        final int[][] shapes = {{131, 300, 45}, {100, 97, 203}, {17, 600, 33}};
        for (final int[] s : shapes)
        {
            final int m = s[0];
            final int k = s[1];
            final int n = s[2];
            for (int form = 0; form < 3; form++)
            {
                for (final boolean accumulate : new boolean[] {false, true})
                {
                    final int aOff = 1 + rnd.nextInt(4);
                    final int bOff = rnd.nextInt(4);
                    final int cOff = 2 + rnd.nextInt(4);
                    final float[] a = TestSizes.randomFloats(rnd, aOff + m * k + 2, 1f);
                    final float[] b = TestSizes.randomFloats(rnd, bOff + k * n + 2, 1f);
                    final float[] c = TestSizes.randomFloats(rnd, cOff + m * n + 2, 1f);
                    final float[] before = c.clone();
                    switch (form * 2 + (accumulate ? 1 : 0))
                    {
                        case 0 -> Matmul.matmul(a, aOff, b, bOff, c, cOff, m, k, n);
                        case 1 -> Matmul.matmulAccumulate(a, aOff, b, bOff, c, cOff, m, k, n);
                        case 2 -> Matmul.matmulTransA(a, aOff, b, bOff, c, cOff, m, k, n);
                        case 3 -> Matmul.matmulTransAAccumulate(a, aOff, b, bOff, c, cOff, m, k, n);
                        case 4 -> Matmul.matmulTransB(a, aOff, b, bOff, c, cOff, m, k, n);
                        default -> Matmul.matmulTransBAccumulate(a, aOff, b, bOff, c, cOff, m, k, n);
                    }
                    final double[] ref = reference(form, a, aOff, b, bOff, m, k, n);
                    if (accumulate)
                    {
                        for (int i = 0; i < ref.length; i++)
                        {
                            ref[i] += before[cOff + i];
                        }
                    }
                    assertClose(ref, a, aOff, b, bOff, form, c, cOff, m, k, n, "blocked form " + form + " acc " +
                        accumulate);
                    for (int i = 0; i < c.length; i++)
                    {
                        if (i < cOff || i >= cOff + m * n)
                        {
                            assertEquals(before[i], c[i], 0f, "outside C at " + i);
                        }
                    }
                }
            }
        }
    }

    @Test
    void shouldFuseBiasAndRelu()
    {
        final Random rnd = new Random(3);
        for (final int m : new int[] {1, 4, 16, 33})
        {
            for (final int n : new int[] {1, 10, L + 1})
            {
                final int k = 10;
                final float[] a = TestSizes.randomFloats(rnd, m * k, 1f);
                final float[] b = TestSizes.randomFloats(rnd, k * n, 1f);
                final float[] bias = TestSizes.randomFloats(rnd, n, 1f);
                final float[] c = new float[m * n];
                final float[] d = new float[m * n];
                Matmul.matmulBiasRelu(a, 0, b, 0, bias, 0, c, 0, m, k, n);
                Matmul.matmulBias(a, 0, b, 0, bias, 0, d, 0, m, k, n);
                final float[] plain = new float[m * n];
                Matmul.matmul(a, b, plain, m, k, n);
                for (int i = 0; i < m; i++)
                {
                    for (int j = 0; j < n; j++)
                    {
                        final float expected = plain[i * n + j] + bias[j];
                        assertEquals(expected, d[i * n + j], 0f);
                        assertEquals(Math.max(expected, 0f), c[i * n + j], 0f);
                    }
                }
            }
        }
    }

    @Test
    void shouldRejectBadArgumentsBeforeWriting()
    {
        final float[] a = new float[6];
        final float[] b = new float[12];
        final float[] c = new float[8];
        Arrays.fill(c, 5f);
        assertMessage(() -> Matmul.matmul(a, b, c, -1, 3, 4), "m must be >= 0");
        assertMessage(() -> Matmul.matmul(a, b, c, 2, -3, 4), "k must be >= 0");
        assertMessage(() -> Matmul.matmul(a, b, c, 2, 3, -4), "n must be >= 0");
        assertMessage(() -> Matmul.matmul(a, b, c, 3, 3, 4), "a too short");
        assertMessage(() -> Matmul.matmul(a, b, c, 2, 3, 5), "b too short");
        assertMessage(() -> Matmul.matmul(a, b, new float[7], 2, 3, 4), "c too short");
        assertMessage(() -> Matmul.matmul(a, b, a, 2, 3, 1), "must not be the same array as input a");
        assertMessage(() -> Matmul.matmul(a, b, b, 2, 3, 1), "must not be the same array as input b");
        assertMessage(() -> Matmul.matmul(null, b, c, 2, 3, 4), "a is null");
        assertMessage(() -> Matmul.matmul(a, -1, b, 0, c, 0, 2, 3, 4), "aOff must be >= 0");
        assertMessage(() -> Matmul.matmul(a, 1, b, 0, c, 0, 2, 3, 4), "needs aOff + 6 = 7 floats, has 6");
        assertMessage(() -> Matmul.matmul(a, b, c, 65536, 65536, 1), "overflows int");
        assertMessage(() -> Matmul.matmulTransA(a, b, c, 2, 4, 4), "a too short");
        assertMessage(() -> Matmul.matmulTransB(a, b, c, 2, 3, 5), "b too short");
        assertMessage(() -> Matmul.matmulBias(a, 0, b, 0, new float[3], 0, c, 0, 2, 3, 4), "bias too short");
        assertMessage(() -> Matmul.matmulBiasRelu(a, 0, b, 0, c, 0, c, 0, 2, 3, 4), "same array as input bias");
        final float[] expected = new float[8];
        Arrays.fill(expected, 5f);
        assertArrayEquals(expected, c, "c must be untouched after rejected calls");
    }

    static void assertMessage(final org.junit.jupiter.api.function.Executable call, final String fragment)
    {
        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().contains(fragment), () -> "message '" + e.getMessage() + "' lacks '" + fragment + "'");
    }

    private static void checkOne(
        final Random rnd, final GemmKernels impl, final int form, final int m, final int k, final int n,
        final boolean accumulate)
    {
        final int aOff = rnd.nextInt(3);
        final int bOff = rnd.nextInt(3);
        final int cOff = rnd.nextInt(3);
        final float[] a = TestSizes.randomFloats(rnd, aOff + m * k, 1f);
        final float[] b = TestSizes.randomFloats(rnd, bOff + k * n, 1f);
        final float[] c = TestSizes.randomFloats(rnd, cOff + m * n, 1f);
        final float[] c0 = c.clone();
        switch (form)
        {
            case 0 -> impl.matmul(a, aOff, b, bOff, c, cOff, m, k, n, accumulate);
            case 1 -> impl.matmulTransA(a, aOff, b, bOff, c, cOff, m, k, n, accumulate);
            default -> impl.matmulTransB(a, aOff, b, bOff, c, cOff, m, k, n, accumulate);
        }
        final double[] ref = reference(form, a, aOff, b, bOff, m, k, n);
        if (accumulate)
        {
            for (int i = 0; i < ref.length; i++)
            {
                ref[i] += c0[cOff + i];
            }
        }
        assertClose(ref, a, aOff, b, bOff, form, c, cOff, m, k, n,
            impl.getClass().getSimpleName() + " form " + form + " acc " + accumulate);
    }

    private static void assertClose(
        final double[] ref, final float[] a, final int aOff, final float[] b, final int bOff, final int form,
        final float[] c, final int cOff, final int m, final int k, final int n, final String what)
    {
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < n; j++)
            {
                double magnitude = 1.0;
                for (int p = 0; p < k; p++)
                {
                    magnitude += Math.abs((double) aAt(form, a, aOff, i, p, m, k) * bAt(form, b, bOff, p, j, k, n));
                }
                // float32 summation error bound: ~k·ε·Σ|a·b|, plus one rounding of the stored value
                final double tol = (k + 2) * 6e-8 * magnitude;
                final double got = c[cOff + i * n + j];
                if (Math.abs(got - ref[i * n + j]) > tol)
                {
                    throw new AssertionError(what + " m=" + m + " k=" + k + " n=" + n + " at (" + i + "," + j +
                        "): got " + got + " expected " + ref[i * n + j] + " tol " + tol);
                }
            }
        }
    }
}
