package dev.vecnum.core.kernel.gemm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.vecnum.core.kernel.GemmKernels;
import dev.vecnum.core.parallel.WorkerPool;

/**
 * The packed/blocked/threaded path and the small path of {@link BlockedGemm} against a double-precision reference, on
 * shapes that cross the MR/NR/KC/MC block boundaries, and bit-identical results for 1, 2 and 3 threads.
 */
class BlockedGemmTest
{
    private static final int MR = MicroKernel.MR;
    private static final int NR = MicroKernel.NR;
    private static final int KC = PackedGemm.KC;
    private static final int MC = PackedGemm.MC;
    // fewest rows and columns of the packed path
    private static final int MIN = BlockedGemm.PACKED_MIN_ROWS;

    private static WorkerPool pool1;
    private static WorkerPool pool2;
    private static WorkerPool pool3;

    @BeforeAll
    static void startPools()
    {
        pool1 = new WorkerPool(1);
        pool2 = new WorkerPool(2);
        pool3 = new WorkerPool(3);
    }

    @AfterAll
    static void stopPools()
    {
        pool1.close();
        pool2.close();
        pool3.close();
    }

    @Test
    void shouldTakeThePackedPathForTheShapesBelow()
    {
        assertTrue(BlockedGemm.packed(MC + MR + 3, KC + 1, 2 * NR + 5));
        assertTrue(BlockedGemm.packed(MIN + 1, 2 * KC + 3, NR + 1));
        assertFalse(BlockedGemm.packed(1024, 10, 10), "lesson forward shape must take the small path");
        assertFalse(BlockedGemm.packed(10, 1024, 10), "lesson weight-gradient shape must take the small path");
    }

    @Test
    void shouldMatchReferenceOnPackedShapesAcrossBlockEdgesForEveryThreadCount()
    {
        final Random rnd = new Random(11);
        // m, k, n: past MC with a ragged MR edge; past 2·KC; ragged NR edge; exact multiples; column-split case
        final int[][] shapes = {
            {MC + MR + 3, KC + 1, 2 * NR + 5},
            {MIN + 1, 2 * KC + 3, NR + 1},
            {3 * MR, KC, 3 * NR},
            {MC - 1, KC - 1, NR - 1},
            {3 * MR, 60, 5 * NR + 7},
            {67, 129, 131},
            // more than one column block (n > NC), several depth blocks: partial sums across column blocks
            {MIN + 3, 2 * KC + 5, PackedGemm.NC + NR + 7},
            // a dense layer's products at batch 32 (row split with B read in place, column split, row split)
            {32, 784, 256},
            {32, 256, 784},
            {784, 32, 256},
        };
        for (final int[] s : shapes)
        {
            for (int form = 0; form < 3; form++)
            {
                for (final boolean accumulate : new boolean[] {false, true})
                {
                    checkAllThreadCounts(rnd, form, s[0], s[1], s[2], accumulate);
                }
            }
        }
    }

    @Test
    void shouldSplitShortWideProductsOverColumnsUnlessBIsReadInPlace()
    {
        final int t = 2;
        // A·Bᵀ with few rows: a row split would make both threads transpose all of B
        assertFalse(PackedGemm.splitRows(PackedGemm.ABT, 32, 784, tiles(32, MR), tiles(784, NR), t));
        assertFalse(PackedGemm.splitRows(PackedGemm.ABT, 128, 784, tiles(128, MR), tiles(784, NR), t));
        // tall: rows
        assertTrue(PackedGemm.splitRows(PackedGemm.ATB, 784, 256, tiles(784, MR), tiles(256, NR), t));
        assertTrue(PackedGemm.splitRows(PackedGemm.AB, 512, 256, tiles(512, MR), tiles(256, NR), t));
        // A·B with short row tasks read B in place, so splitting rows costs no copy of B
        assertTrue(PackedGemm.bInPlace(PackedGemm.AB, 64, 256));
        assertTrue(PackedGemm.splitRows(PackedGemm.AB, 128, 256, tiles(128, MR), tiles(256, NR), t));
        // ... but not when B's rows are a multiple of 512 floats (L1 set conflicts): columns
        assertFalse(PackedGemm.bInPlace(PackedGemm.AB, 64, 1024));
        assertFalse(PackedGemm.splitRows(PackedGemm.AB, 128, 1024, tiles(128, MR), tiles(1024, NR), t));
        assertFalse(PackedGemm.bInPlace(PackedGemm.ABT, 16, 256), "B of A·Bᵀ is never in row order");
        // fewer tiles than threads one way: the other way
        assertTrue(PackedGemm.splitRows(PackedGemm.ABT, 600, 17, tiles(600, MR), tiles(17, NR), t));
    }

    private static int tiles(final int size, final int unit)
    {
        return (size + unit - 1) / unit;
    }

    @Test
    void shouldFuseBiasAndReluOnPackedAndSmallPaths()
    {
        final Random rnd = new Random(5);
        final int[][] shapes = {{MC + 5, KC + 9, NR + 3}, {64, 64, 64}, {1, 10, 10}, {37, 3, 10}, {100, 10, 1},
            {9, 10, 2 * TestData.LANES + 3}, {33, 0, 10}};
        for (final int[] s : shapes)
        {
            final int m = s[0];
            final int k = s[1];
            final int n = s[2];
            final float[] a = TestData.random(rnd, m * k + 1);
            final float[] b = TestData.random(rnd, k * n + 2);
            final float[] bias = TestData.random(rnd, n + 3);
            for (final boolean relu : new boolean[] {false, true})
            {
                final float[][] results = new float[3][];
                int t = 0;
                final float[] before = TestData.random(rnd, m * n + 4);
                for (final WorkerPool pool : new WorkerPool[] {pool1, pool2, pool3})
                {
                    final float[] c = before.clone();
                    new BlockedGemm(pool).matmulBias(a, 1, b, 2, bias, 3, c, 2, m, k, n, relu);
                    final double[] ref = TestData.reference(0, a, 1, b, 2, m, k, n);
                    for (int i = 0; i < m; i++)
                    {
                        for (int j = 0; j < n; j++)
                        {
                            ref[i * n + j] += bias[3 + j];
                            if (relu)
                            {
                                ref[i * n + j] = Math.max(ref[i * n + j], 0);
                            }
                        }
                    }
                    TestData.assertClose(ref, 0, a, 1, b, 2, c, 2, m, k, n, "bias relu=" + relu);
                    TestData.assertOutsideUntouched(before, c, 2, m * n);
                    results[t++] = c;
                }
                TestData.assertBitIdentical(results[0], results[1], "bias 1 vs 2 threads");
                TestData.assertBitIdentical(results[0], results[2], "bias 1 vs 3 threads");
            }
        }
    }

    @Test
    void shouldGiveBitIdenticalResultsWithAndWithoutThePartialSumBuffer()
    {
        final Random rnd = new Random(29);
        // several depth blocks, ragged edges, more than one row block
        final int[][] shapes = {{MC + MR + 3, 2 * KC + 5, 3 * NR + 7}, {MIN + 1, KC + 1, NR + 1}};
        for (final int[] s : shapes)
        {
            final int m = s[0];
            final int k = s[1];
            final int n = s[2];
            final float[] a = TestData.random(rnd, m * k + 1);
            final float[] b = TestData.random(rnd, k * n + 1);
            final float[] bias = TestData.random(rnd, n);
            for (int form = 0; form < 3; form++)
            {
                for (int mode = 0; mode < 3; mode++)
                {
                    final boolean accumulate = mode == 1;
                    final boolean epilogue = mode == 2;
                    final float[] before = TestData.random(rnd, m * n + 1);
                    final float[] buffered = before.clone();
                    final float[] narrow = before.clone();
                    final float[] direct = before.clone();
                    // default limit; room for one NR-wide column block only (many column blocks); none (C directly)
                    for (final Object[] run : new Object[][] {
                        {buffered, PackedGemm.PARTIAL_MAX_FLOATS}, {narrow, (long) (m + MR) * NR}, {direct, 0L}})
                    {
                        PackedGemm.multiply(pool2, form, a, 1, b, 1, (float[]) run[0], 1, m, k, n, accumulate, bias,
                            0, epilogue, true, (Long) run[1]);
                    }
                    final String what = m + "x" + k + "x" + n + " form " + form + " mode " + mode;
                    TestData.assertBitIdentical(buffered, narrow, what + ": narrow column blocks");
                    TestData.assertBitIdentical(buffered, direct, what + ": C directly");
                    final double[] ref = TestData.reference(form, a, 1, b, 1, m, k, n);
                    if (!epilogue)
                    {
                        for (int i = 0; i < m * n; i++)
                        {
                            ref[i] += accumulate ? before[1 + i] : 0;
                        }
                        TestData.assertClose(ref, form, a, 1, b, 1, buffered, 1, m, k, n, what);
                    }
                    TestData.assertOutsideUntouched(before, buffered, 1, m * n);
                }
            }
        }
    }

    @Test
    void shouldSendOnlyTinyProductsAndShortColumnsToTheScalarPath()
    {
        assertTrue(TinyGemm.takes(1, 3, 10), "1×3·3×10");
        assertTrue(TinyGemm.takes(3, 3, 10), "3×3·3×10");
        assertFalse(TinyGemm.takes(4, 3, 10), "4×3·3×10 is vectorized");
        assertTrue(TinyGemm.takes(1, 10, 10), "1×10·10×10");
        assertTrue(TinyGemm.takes(4096, 10, 1), "the lesson's output layer at any batch");
        assertFalse(TinyGemm.takes(16, 10, 10), "the lesson's batch-16 hidden layer is vectorized");
        assertFalse(TinyGemm.takes(8, 65, 1), "a long dot product is vectorized");
        assertFalse(TinyGemm.takes(1, 1000, 1000), "a wide row is vectorized");
    }

    @Test
    void shouldGiveBitIdenticalResultsOnTheTinyAndSmallPaths()
    {
        final Random rnd = new Random(23);
        final int[][] shapes = {{1, 3, 10}, {4, 3, 10}, {1, 10, 10}, {3, 7, 5}, {64, 10, 1}, {17, 64, 1}, {1, 1, 1},
            {5, 2, TestData.LANES + 3}};
        for (final int[] s : shapes)
        {
            final int m = s[0];
            final int k = s[1];
            final int n = s[2];
            final float[] a = TestData.random(rnd, m * k + 3);
            final float[] b = TestData.random(rnd, k * n + 3);
            final float[] bias = TestData.random(rnd, n + 1);
            for (int form = 0; form < 3; form++)
            {
                final int ars = form == PackedGemm.ATB ? 1 : k;
                final int acs = form == PackedGemm.ATB ? m : 1;
                final int brs = form == PackedGemm.ABT ? 1 : n;
                final int bcs = form == PackedGemm.ABT ? k : 1;
                for (int mode = 0; mode < 4; mode++)
                {
                    final boolean accumulate = mode == 1;
                    final boolean epilogue = mode >= 2;
                    final boolean relu = mode == 3;
                    final float[] before = TestData.random(rnd, m * n + 2);
                    final float[] tiny = before.clone();
                    final float[] small = before.clone();
                    TinyGemm.multiply(a, 2, ars, acs, b, 1, brs, bcs, tiny, 1, m, k, n, accumulate, bias, 1,
                        epilogue, relu);
                    SmallGemm.multiply(a, 2, ars, acs, b, 1, brs, bcs, small, 1, m, k, n, accumulate, bias, 1,
                        epilogue, relu);
                    TestData.assertBitIdentical(small, tiny,
                        m + "x" + k + "x" + n + " form " + form + " mode " + mode);
                    TestData.assertOutsideUntouched(before, tiny, 1, m * n);
                }
            }
        }
    }

    @Test
    void shouldHandleLessonShapesWithOffsetsAccumulateAndTrailingData()
    {
        final Random rnd = new Random(17);
        final GemmKernels gemm = new BlockedGemm(pool2);
        for (int m = 1; m <= 41; m += (m < 12 ? 1 : 7))
        {
            for (final int k : new int[] {1, 3, 10, 19})
            {
                for (final int n : new int[] {1, 3, 10, TestData.LANES, TestData.LANES + 1, 2 * TestData.LANES + 5})
                {
                    for (int form = 0; form < 3; form++)
                    {
                        for (final boolean accumulate : new boolean[] {false, true})
                        {
                            // k and m swap roles for the weight-gradient form: long k, tiny m
                            final int mm = form == 1 ? Math.min(m, 10) : m;
                            final int kk = form == 1 ? m * 7 + k : k;
                            checkOne(rnd, gemm, form, mm, kk, n, accumulate, 1 + rnd.nextInt(3));
                        }
                    }
                }
            }
        }
    }

    @Test
    void shouldKeepNonFiniteValuesInTheirOwnRowsOnTheSmallPath()
    {
        // the small path stores full vectors whose spare lanes spill into the next row before it is written;
        // an infinity in one row of A must still only affect that row of C
        final int m = 20;
        final int k = 10;
        final int n = 10;
        final Random rnd = new Random(3);
        final float[] a = TestData.random(rnd, m * k);
        final float[] b = TestData.random(rnd, k * n);
        a[5 * k + 2] = Float.POSITIVE_INFINITY;
        b[3 * n + 9] = 0f;
        final float[] c = new float[m * n + 16];
        new BlockedGemm(pool1).matmul(a, 0, b, 0, c, 0, m, k, n, false);
        final double[] ref = TestData.reference(0, a, 0, b, 0, m, k, n);
        for (int i = 0; i < m * n; i++)
        {
            if (Double.isNaN(ref[i]) || Double.isInfinite(ref[i]))
            {
                assertEquals((float) ref[i], c[i], "cell " + i);
            }
            else
            {
                assertEquals(ref[i], c[i], 1e-4, "cell " + i);
            }
        }
        for (int i = m * n; i < c.length; i++)
        {
            assertEquals(0f, c[i], "past C at " + i);
        }
    }

    private static void checkAllThreadCounts(
        final Random rnd, final int form, final int m, final int k, final int n, final boolean accumulate)
    {
        final int aOff = rnd.nextInt(4);
        final int bOff = rnd.nextInt(4);
        final int cOff = rnd.nextInt(4);
        final float[] a = TestData.random(rnd, aOff + m * k + 5);
        final float[] b = TestData.random(rnd, bOff + k * n + 5);
        final float[] c0 = TestData.random(rnd, cOff + m * n + 5);
        final double[] ref = TestData.reference(form, a, aOff, b, bOff, m, k, n);
        if (accumulate)
        {
            for (int i = 0; i < ref.length; i++)
            {
                ref[i] += c0[cOff + i];
            }
        }
        float[] first = null;
        for (final WorkerPool pool : new WorkerPool[] {pool1, pool2, pool3})
        {
            final float[] c = c0.clone();
            run(new BlockedGemm(pool), form, a, aOff, b, bOff, c, cOff, m, k, n, accumulate);
            final String what = "form " + form + " acc " + accumulate + " threads " + pool.threads();
            TestData.assertClose(ref, form, a, aOff, b, bOff, c, cOff, m, k, n, what);
            TestData.assertOutsideUntouched(c0, c, cOff, m * n);
            if (first == null)
            {
                first = c;
            }
            else
            {
                TestData.assertBitIdentical(first, c, what + " vs 1 thread");
            }
        }
    }

    private static void checkOne(
        final Random rnd, final GemmKernels gemm, final int form, final int m, final int k, final int n,
        final boolean accumulate, final int trailing)
    {
        final int aOff = rnd.nextInt(3);
        final int bOff = rnd.nextInt(3);
        final int cOff = rnd.nextInt(3);
        // arrays end exactly at the operand (plus a little trailing data for C) to exercise the in-place B reads
        final float[] a = TestData.random(rnd, aOff + m * k);
        final float[] b = TestData.random(rnd, bOff + k * n);
        final float[] c0 = TestData.random(rnd, cOff + m * n + trailing);
        final float[] c = c0.clone();
        run(gemm, form, a, aOff, b, bOff, c, cOff, m, k, n, accumulate);
        final double[] ref = TestData.reference(form, a, aOff, b, bOff, m, k, n);
        if (accumulate)
        {
            for (int i = 0; i < ref.length; i++)
            {
                ref[i] += c0[cOff + i];
            }
        }
        TestData.assertClose(ref, form, a, aOff, b, bOff, c, cOff, m, k, n,
            "small form " + form + " acc " + accumulate);
        TestData.assertOutsideUntouched(c0, c, cOff, m * n);
    }

    private static void run(
        final GemmKernels gemm, final int form, final float[] a, final int aOff, final float[] b, final int bOff,
        final float[] c, final int cOff, final int m, final int k, final int n, final boolean accumulate)
    {
        switch (form)
        {
            case 0 -> gemm.matmul(a, aOff, b, bOff, c, cOff, m, k, n, accumulate);
            case 1 -> gemm.matmulTransA(a, aOff, b, bOff, c, cOff, m, k, n, accumulate);
            default -> gemm.matmulTransB(a, aOff, b, bOff, c, cOff, m, k, n, accumulate);
        }
    }
}
