package dev.vecnum.core.kernel.gemm;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The small-shape path (the training loop's b×3·3×10, b×10·10×10, 10×b·b×10, b×10·(10×10)ᵀ …): no cache blocking, no
 * threads, no masks (masked loads and stores allocate on JDK 17), at most a few rows copied.
 *
 * <p>C is built {@value #ROWS} rows × one vector of columns at a time, as Σ_p A(i,p)·B(p, j..j+L) with one register
 * accumulator per row. B rows are read in place with full vectors when B is row-major ({@code A·B}, {@code Aᵀ·B}):
 * lanes past the row's end only feed lanes of C that are never stored; the last B rows, whose full vector would run
 * past the array, come from a per-thread copy with slack. {@code A·Bᵀ} copies B transposed (it is small here).
 * Row blocks past m repeat the last row, so there is one code path whatever m is.
 *
 * <p>Write-back without accumulate stores full vectors row after row, column chunks right to left: the lanes that spill
 * past a row's end land in cells that a later store of the same call overwrites, and never past C's end (blocks near
 * the end, accumulate, and partial blocks go through a scratch row and scalar stores with the same operations). Every C
 * element therefore gets the same operations in the same order, whatever m, n and the block it is in.
 *
 * <p>Cold phase. Until C2 has compiled {@link #sums}, every Vector API call in it runs un-intrinsified: about 4 µs per
 * operation in the interpreter and 0.2–0.5 µs (allocating a vector object and array each) in C1's code, against
 * well under a nanosecond in C2's. How long that lasts is set by how big the vector method is: the earlier
 * single block method (1.6 KB of bytecode, four copies of the depth loop and three write-back variants, 175 KB of C1
 * code) needed 50–110 ms per C1 compile and 35–120 ms for C2 on this 2-core machine, and its write-back branches were
 * pruned by C2 and deoptimized when another shape took them. A fresh JVM calling b×10·10×10 at b = 4 then ran in C1
 * code (14–80 µs per call instead of 0.1–0.2 µs) for its whole first 0.5 s in about half of all JVMs, and training
 * steps allocated tens of KB each on a loaded machine. Now the vector method is the depth loops and one store
 * expression, and the driver chooses everything else.
 *
 * <p>Internal; thread-safe for disjoint outputs.
 */
final class SmallGemm
{
    private static final VectorSpecies<Float> S = MicroKernel.S;
    private static final int L = MicroKernel.L;
    static final int ROWS = 8;
    // per-thread scratch layout: sums of one block; the epilogue (bias row, then floor row: 0 for ReLU, −∞ otherwise);
    // the identity epilogue (−0.0, −∞); then copied/transposed B rows
    private static final int SUMS = 0;
    private static final int EPILOGUE = SUMS + ROWS * L;
    private static final int IDENTITY = EPILOGUE + 2 * L;
    private static final int BROWS = IDENTITY + 2 * L;
    private static final ThreadLocal<float[][]> SCRATCH =
        ThreadLocal.withInitial(() -> new float[][] {new float[BROWS + 64 * L]});

    private SmallGemm()
    {
    }

    /**
     * C[m×n] (+)= A·B (+ bias, ReLU) with A(i,p) = {@code a[aOff + i·ars + p·acs]} and B(p,j) =
     * {@code b[bOff + p·brs + j·bcs]}. Requires m, k, n ≥ 1.
     *
     * @param a          A array
     * @param aOff       A offset
     * @param ars        A row stride (over i)
     * @param acs        A column stride (over p)
     * @param b          B array
     * @param bOff       B offset
     * @param brs        B row stride (over p)
     * @param bcs        B column stride (over j)
     * @param c          C array, row-major m×n
     * @param cOff       C offset
     * @param m          rows of C
     * @param k          depth
     * @param n          columns of C
     * @param accumulate add to C
     * @param biasArr    bias (n values from biasOff) when {@code epilogue}
     * @param biasOff    bias offset
     * @param epilogue   add bias to the final value (and ReLU when {@code relu})
     * @param relu       apply max(·, 0) after the bias
     */
    static void multiply(
        final float[] a, final int aOff, final int ars, final int acs,
        final float[] b, final int bOff, final int brs, final int bcs,
        final float[] c, final int cOff, final int m, final int k, final int n, final boolean accumulate,
        final float[] biasArr, final int biasOff, final boolean epilogue, final boolean relu)
    {
        final int jMax = (n - 1) / L * L;
        // B rows [0, pSafe) are read in place (their full vector ends inside b for every column chunk); rows
        // [pSafe, k) come from a per-thread copy with L floats of slack, row p at BROWS + (p - pSafe)·tStride. Lanes
        // past a row's n values are whatever follows it; they only feed C lanes that are never kept.
        int pSafe = 0;
        final int tStride;
        final float[] ws;
        if (bcs == 1)
        {
            if (b.length - L - bOff - jMax >= 0)
            {
                pSafe = Math.min(k, (b.length - L - bOff - jMax) / brs + 1);
            }
            tStride = brs;
            // rows [pSafe, k) span one contiguous range: from row pSafe's start to the end of row k - 1
            final int len = pSafe < k ? (k - 1 - pSafe) * brs + n : 0;
            ws = scratch(BROWS + len + L);
            System.arraycopy(b, bOff + pSafe * brs, ws, BROWS, len);
        }
        else
        {
            // A·Bᵀ: all of B, transposed
            tStride = n;
            ws = scratch(BROWS + k * n + L);
            for (int p = 0; p < k; p++)
            {
                final int t = BROWS + p * n;
                final int src = bOff + p * brs;
                for (int j = 0; j < n; j++)
                {
                    ws[t + j] = b[src + j * bcs];
                }
            }
        }
        // bias −0.0 (the exact additive identity) without an epilogue, floor −∞ without ReLU: one vector expression
        // s + bias, max(·, floor) gives every mode the bits of MicroKernel.storeScalar
        java.util.Arrays.fill(ws, EPILOGUE, EPILOGUE + L, -0f);
        java.util.Arrays.fill(ws, EPILOGUE + L, EPILOGUE + 2 * L, relu ? 0f : Float.NEGATIVE_INFINITY);
        java.util.Arrays.fill(ws, IDENTITY, IDENTITY + L, -0f);
        java.util.Arrays.fill(ws, IDENTITY + L, IDENTITY + 2 * L, Float.NEGATIVE_INFINITY);
        if (epilogue && n <= L)
        {
            System.arraycopy(biasArr, biasOff, ws, EPILOGUE, n);
        }
        final int cEnd = cOff + m * n;
        for (int i = 0; i < m; i += ROWS)
        {
            final int rows = Math.min(ROWS, m - i);
            // column chunks right to left, so a full-vector store's spill is overwritten later in this call
            for (int j = jMax; j >= 0; j -= L)
            {
                final int cols = Math.min(L, n - j);
                if (epilogue && n > L)
                {
                    System.arraycopy(biasArr, biasOff + j, ws, EPILOGUE, cols);
                }
                final int c0 = cOff + i * n + j;
                // whole blocks go straight to C; the others (last rows, accumulate) through the scratch sums, where
                // accumulating adds C before the bias (identity epilogue in the vector part, the real one in merge)
                final boolean direct = !accumulate && rows == ROWS && c0 + (ROWS - 1) * n + L <= cEnd;
                sums(a, aOff, ars, acs, i, m, b, bOff + j, brs, pSafe, ws, BROWS + j - pSafe * tStride, tStride, k,
                    accumulate ? IDENTITY : EPILOGUE, direct ? c : ws, direct ? c0 : SUMS, direct ? n : L);
                if (!direct)
                {
                    merge(ws, c, c0, n, rows, cols, accumulate, biasArr, biasOff + j, accumulate && epilogue, relu);
                }
            }
        }
    }

    private static float[] scratch(final int size)
    {
        final float[][] holder = SCRATCH.get();
        if (holder[0].length < size)
        {
            holder[0] = new float[Math.max(size, 2 * holder[0].length)];
        }
        return holder[0];
    }

    /**
     * One block: the sums of rows i..i+ROWS-1 (clamped to m-1) × one vector of columns, then {@code + bias},
     * {@code max(·, floor)} with the bias and floor rows at {@code ws[epi..]} and {@code ws[epi + L..]}, stored row r
     * at {@code dst[dOff + r·dStride]} (C itself, or the scratch sums). B(p, j..) is {@code b[bIdx + p·brs]} for
     * p &lt; pSafe, else {@code ws[tIdx + p·ts]}.
     *
     * <p>Small and free of data-dependent branches on purpose (see the class notes on the cold phase): the driver
     * picks the destination and the epilogue rows, so C2 never compiles this method with a branch it later has to
     * deoptimize for. The two B sources are two copies of the loop, deliberately: one loop run twice over a selected
     * source keeps the accumulators as phis of an outer loop, and C2 (JDK 17) then boxes them (20 KB per call).
     */
    private static void sums(
        final float[] a, final int aOff, final int ars, final int acs, final int i, final int m,
        final float[] b, final int bIdx, final int brs, final int pSafe, final float[] ws, final int tIdx, final int ts,
        final int k, final int epi, final float[] dst, final int dOff, final int dStride)
    {
        final int last = m - 1;
        final int a0 = aOff + Math.min(i, last) * ars;
        final int a1 = aOff + Math.min(i + 1, last) * ars;
        final int a2 = aOff + Math.min(i + 2, last) * ars;
        final int a3 = aOff + Math.min(i + 3, last) * ars;
        final int a4 = aOff + Math.min(i + 4, last) * ars;
        final int a5 = aOff + Math.min(i + 5, last) * ars;
        final int a6 = aOff + Math.min(i + 6, last) * ars;
        final int a7 = aOff + Math.min(i + 7, last) * ars;
        FloatVector s0 = FloatVector.zero(S);
        FloatVector s1 = FloatVector.zero(S);
        FloatVector s2 = FloatVector.zero(S);
        FloatVector s3 = FloatVector.zero(S);
        FloatVector s4 = FloatVector.zero(S);
        FloatVector s5 = FloatVector.zero(S);
        FloatVector s6 = FloatVector.zero(S);
        FloatVector s7 = FloatVector.zero(S);
        // rows [0, pSafe) of B in place, then [pSafe, k) from the padded copy
        for (int p = 0; p < pSafe; p++)
        {
            final FloatVector bv = FloatVector.fromArray(S, b, bIdx + p * brs);
            final int ap = p * acs;
            s0 = FloatVector.broadcast(S, a[a0 + ap]).fma(bv, s0);
            s1 = FloatVector.broadcast(S, a[a1 + ap]).fma(bv, s1);
            s2 = FloatVector.broadcast(S, a[a2 + ap]).fma(bv, s2);
            s3 = FloatVector.broadcast(S, a[a3 + ap]).fma(bv, s3);
            s4 = FloatVector.broadcast(S, a[a4 + ap]).fma(bv, s4);
            s5 = FloatVector.broadcast(S, a[a5 + ap]).fma(bv, s5);
            s6 = FloatVector.broadcast(S, a[a6 + ap]).fma(bv, s6);
            s7 = FloatVector.broadcast(S, a[a7 + ap]).fma(bv, s7);
        }
        for (int p = pSafe; p < k; p++)
        {
            final FloatVector bv = FloatVector.fromArray(S, ws, tIdx + p * ts);
            final int ap = p * acs;
            s0 = FloatVector.broadcast(S, a[a0 + ap]).fma(bv, s0);
            s1 = FloatVector.broadcast(S, a[a1 + ap]).fma(bv, s1);
            s2 = FloatVector.broadcast(S, a[a2 + ap]).fma(bv, s2);
            s3 = FloatVector.broadcast(S, a[a3 + ap]).fma(bv, s3);
            s4 = FloatVector.broadcast(S, a[a4 + ap]).fma(bv, s4);
            s5 = FloatVector.broadcast(S, a[a5 + ap]).fma(bv, s5);
            s6 = FloatVector.broadcast(S, a[a6 + ap]).fma(bv, s6);
            s7 = FloatVector.broadcast(S, a[a7 + ap]).fma(bv, s7);
        }
        final FloatVector bias = FloatVector.fromArray(S, ws, epi);
        final FloatVector floor = FloatVector.fromArray(S, ws, epi + L);
        s0.add(bias).lanewise(VectorOperators.MAX, floor).intoArray(dst, dOff);
        s1.add(bias).lanewise(VectorOperators.MAX, floor).intoArray(dst, dOff + dStride);
        s2.add(bias).lanewise(VectorOperators.MAX, floor).intoArray(dst, dOff + 2 * dStride);
        s3.add(bias).lanewise(VectorOperators.MAX, floor).intoArray(dst, dOff + 3 * dStride);
        s4.add(bias).lanewise(VectorOperators.MAX, floor).intoArray(dst, dOff + 4 * dStride);
        s5.add(bias).lanewise(VectorOperators.MAX, floor).intoArray(dst, dOff + 5 * dStride);
        s6.add(bias).lanewise(VectorOperators.MAX, floor).intoArray(dst, dOff + 6 * dStride);
        s7.add(bias).lanewise(VectorOperators.MAX, floor).intoArray(dst, dOff + 7 * dStride);
    }

    /** Scalar write-back of a block from the scratch sums: c = (acc ? c + s : s), + bias, max(·, 0). */
    private static void merge(
        final float[] ws, final float[] c, final int c0, final int n, final int rows, final int cols,
        final boolean accumulate, final float[] biasArr, final int biasOff, final boolean epilogue, final boolean relu)
    {
        for (int r = 0; r < rows; r++)
        {
            for (int l = 0; l < cols; l++)
            {
                MicroKernel.storeScalar(c, c0 + r * n + l, ws[SUMS + r * L + l], accumulate, biasArr, biasOff + l,
                    epilogue, relu);
            }
        }
    }
}
