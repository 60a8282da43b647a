package dev.vecnum.core.kernel.gemm;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The small-shape path: no cache blocking, no threads, one tiny copy. B is copied (transposed for A·Bᵀ) into a
 * per-thread buffer of k rows padded with zeros to whole vectors, so every B load is a full unmasked vector; then
 * {@value #ROWS} rows of C at a time are built in registers as Σ_p A[i,p]·B[p,:] with two accumulators per row (even and
 * odd p, summed at the end) so long k does not serialise on FMA latency. Only the final partial vector of each C row is
 * stored with a mask (or lane by lane at the very end of the array).
 *
 * <p>Every C element is computed by the same operation sequence regardless of how many rows or columns there are
 * around it. Internal; thread-safe for disjoint outputs.
 */
final class SmallGemm
{
    private static final VectorSpecies<Float> S = MicroKernel.S;
    private static final int L = MicroKernel.L;
    private static final int ROWS = 4;
    private static final int ACCUMULATE = 1;
    private static final int BIAS = 2;
    private static final int RELU = 4;
    private static final ThreadLocal<float[][]> PADDED_B = ThreadLocal.withInitial(() -> new float[][] {new float[256]});

    private SmallGemm()
    {
    }

    /**
     * C[m×n] (+)= A·B with A(i,p) = {@code a[aOff + i·ars + p·acs]} and B(p,j) = {@code b[bOff + p·brs + j·bcs]}.
     * Requires m, k, n ≥ 1.
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
     * @param bias       bias (n values from biasOff) when {@code epilogue}
     * @param biasOff    bias offset
     * @param epilogue   add bias to the final value (and ReLU when {@code relu})
     * @param relu       apply max(·, 0) after the bias
     */
    static void multiply(
        final float[] a, final int aOff, final int ars, final int acs,
        final float[] b, final int bOff, final int brs, final int bcs,
        final float[] c, final int cOff, final int m, final int k, final int n, final boolean accumulate,
        final float[] bias, final int biasOff, final boolean epilogue, final boolean relu)
    {
        final int ldb = PackedGemm.roundUp(n, L);
        // padded B rows, one padded bias row at index k, then ROWS scratch vectors for the write-back
        final float[] pb = paddedB((k + 1) * ldb + ROWS * L);
        padB(b, bOff, brs, bcs, k, n, ldb, pb);
        final int flags = (accumulate ? ACCUMULATE : 0) | (epilogue ? BIAS : 0) | (epilogue && relu ? RELU : 0);
        if (epilogue)
        {
            padB(bias, biasOff, 0, 1, 1, n, ldb, pb, k * ldb);
        }
        int i = 0;
        for (; i + ROWS <= m; i += ROWS)
        {
            for (int j = 0; j < n; j += L)
            {
                rows4(a, aOff + i * ars, ars, acs, pb, j, ldb, k, c, cOff + i * n + j, n, Math.min(L, n - j), flags);
            }
        }
        for (; i < m; i++)
        {
            for (int j = 0; j < n; j += L)
            {
                row1(a, aOff + i * ars, acs, pb, j, ldb, k, c, cOff + i * n + j, Math.min(L, n - j), flags);
            }
        }
    }

    private static float[] paddedB(final int size)
    {
        final float[][] holder = PADDED_B.get();
        if (holder[0].length < size)
        {
            holder[0] = new float[Math.max(size, 2 * holder[0].length)];
        }
        return holder[0];
    }

    private static void padB(
        final float[] b, final int bOff, final int brs, final int bcs, final int k, final int n, final int ldb,
        final float[] pb)
    {
        padB(b, bOff, brs, bcs, k, n, ldb, pb, 0);
    }

    private static void padB(
        final float[] b, final int bOff, final int brs, final int bcs, final int k, final int n, final int ldb,
        final float[] pb, final int pbOff)
    {
        if (bcs == 1 && n == ldb)
        {
            for (int p = 0; p < k; p++)
            {
                System.arraycopy(b, bOff + p * brs, pb, pbOff + p * ldb, n);
            }
            return;
        }
        for (int p = 0; p < k; p++)
        {
            final int s = bOff + p * brs;
            final int t = pbOff + p * ldb;
            for (int j = 0; j < n; j++)
            {
                pb[t + j] = b[s + j * bcs];
            }
            for (int j = n; j < ldb; j++)
            {
                pb[t + j] = 0f;
            }
        }
    }

    private static void rows4(
        final float[] a, final int aRow, final int ars, final int acs, final float[] pb, final int j, final int ldb,
        final int k, final float[] c, final int cIdx, final int ldc, final int cols, final int flags)
    {
        FloatVector e0 = FloatVector.zero(S), e1 = FloatVector.zero(S), e2 = FloatVector.zero(S), e3 = FloatVector.zero(S);
        FloatVector o0 = FloatVector.zero(S), o1 = FloatVector.zero(S), o2 = FloatVector.zero(S), o3 = FloatVector.zero(S);
        final int a1 = aRow + ars;
        final int a2 = a1 + ars;
        final int a3 = a2 + ars;
        int p = 0;
        for (; p + 2 <= k; p += 2)
        {
            final int ap = p * acs;
            final int ap1 = ap + acs;
            final FloatVector be = FloatVector.fromArray(S, pb, p * ldb + j);
            final FloatVector bo = FloatVector.fromArray(S, pb, (p + 1) * ldb + j);
            e0 = FloatVector.broadcast(S, a[aRow + ap]).fma(be, e0);
            e1 = FloatVector.broadcast(S, a[a1 + ap]).fma(be, e1);
            e2 = FloatVector.broadcast(S, a[a2 + ap]).fma(be, e2);
            e3 = FloatVector.broadcast(S, a[a3 + ap]).fma(be, e3);
            o0 = FloatVector.broadcast(S, a[aRow + ap1]).fma(bo, o0);
            o1 = FloatVector.broadcast(S, a[a1 + ap1]).fma(bo, o1);
            o2 = FloatVector.broadcast(S, a[a2 + ap1]).fma(bo, o2);
            o3 = FloatVector.broadcast(S, a[a3 + ap1]).fma(bo, o3);
        }
        if (p < k)
        {
            final int ap = p * acs;
            final FloatVector be = FloatVector.fromArray(S, pb, p * ldb + j);
            e0 = FloatVector.broadcast(S, a[aRow + ap]).fma(be, e0);
            e1 = FloatVector.broadcast(S, a[a1 + ap]).fma(be, e1);
            e2 = FloatVector.broadcast(S, a[a2 + ap]).fma(be, e2);
            e3 = FloatVector.broadcast(S, a[a3 + ap]).fma(be, e3);
        }
        final int biasIdx = k * ldb + j;
        // common cases written out in place (no vector-typed helper arguments, see MicroKernel); the rest through the
        // scratch rows
        if (flags == 0 && cols == L)
        {
            e0.add(o0).intoArray(c, cIdx);
            e1.add(o1).intoArray(c, cIdx + ldc);
            e2.add(o2).intoArray(c, cIdx + 2 * ldc);
            e3.add(o3).intoArray(c, cIdx + 3 * ldc);
        }
        else if (flags == 0 && cIdx + 3 * ldc + L <= c.length)
        {
            final VectorMask<Float> mask = S.indexInRange(0, cols);
            e0.add(o0).intoArray(c, cIdx, mask);
            e1.add(o1).intoArray(c, cIdx + ldc, mask);
            e2.add(o2).intoArray(c, cIdx + 2 * ldc, mask);
            e3.add(o3).intoArray(c, cIdx + 3 * ldc, mask);
        }
        else
        {
            final int t = (k + 1) * ldb;
            e0.add(o0).intoArray(pb, t);
            e1.add(o1).intoArray(pb, t + L);
            e2.add(o2).intoArray(pb, t + 2 * L);
            e3.add(o3).intoArray(pb, t + 3 * L);
            for (int r = 0; r < ROWS; r++)
            {
                store(pb, t + r * L, c, cIdx + r * ldc, cols, flags, pb, biasIdx);
            }
        }
    }

    private static void row1(
        final float[] a, final int aRow, final int acs, final float[] pb, final int j, final int ldb, final int k,
        final float[] c, final int cIdx, final int cols, final int flags)
    {
        FloatVector e = FloatVector.zero(S);
        FloatVector o = FloatVector.zero(S);
        int p = 0;
        for (; p + 2 <= k; p += 2)
        {
            e = FloatVector.broadcast(S, a[aRow + p * acs]).fma(FloatVector.fromArray(S, pb, p * ldb + j), e);
            o = FloatVector.broadcast(S, a[aRow + (p + 1) * acs]).fma(FloatVector.fromArray(S, pb, (p + 1) * ldb + j), o);
        }
        if (p < k)
        {
            e = FloatVector.broadcast(S, a[aRow + p * acs]).fma(FloatVector.fromArray(S, pb, p * ldb + j), e);
        }
        final int t = (k + 1) * ldb;
        e.add(o).intoArray(pb, t);
        store(pb, t, c, cIdx, cols, flags, pb, k * ldb + j);
    }

    /**
     * c = (accumulate ? c + v : v) with v = {@code sums[sumIdx ..]}, then + bias, then max(·, 0): the same order as the
     * packed path's write-back. The padded bias row is {@code pb[biasIdx ..]}. Each case is straight-line (see {@link MicroKernel}: no vector value
     * is merged from two control-flow paths).
     */
    private static void store(
        final float[] sums, final int sumIdx, final float[] c, final int idx, final int cols, final int flags,
        final float[] pb, final int biasIdx)
    {
        final FloatVector v = FloatVector.fromArray(S, sums, sumIdx);
        if (cols == L)
        {
            switch (flags)
            {
                case 0 -> v.intoArray(c, idx);
                case ACCUMULATE -> FloatVector.fromArray(S, c, idx).add(v).intoArray(c, idx);
                case BIAS -> v.add(FloatVector.fromArray(S, pb, biasIdx)).intoArray(c, idx);
                case BIAS | RELU -> v.add(FloatVector.fromArray(S, pb, biasIdx)).lanewise(VectorOperators.MAX, 0f)
                    .intoArray(c, idx);
                default -> storeLanes(sums, sumIdx, c, idx, cols, flags, pb, biasIdx);
            }
        }
        else if (idx + L <= c.length && flags == 0)
        {
            v.intoArray(c, idx, S.indexInRange(0, cols));
        }
        else if (idx + L <= c.length && flags == ACCUMULATE)
        {
            final VectorMask<Float> mask = S.indexInRange(0, cols);
            FloatVector.fromArray(S, c, idx, mask).add(v).intoArray(c, idx, mask);
        }
        else if (idx + L <= c.length && flags == BIAS)
        {
            v.add(FloatVector.fromArray(S, pb, biasIdx)).intoArray(c, idx, S.indexInRange(0, cols));
        }
        else if (idx + L <= c.length && flags == (BIAS | RELU))
        {
            v.add(FloatVector.fromArray(S, pb, biasIdx)).lanewise(VectorOperators.MAX, 0f)
                .intoArray(c, idx, S.indexInRange(0, cols));
        }
        else
        {
            storeLanes(sums, sumIdx, c, idx, cols, flags, pb, biasIdx);
        }
    }

    /** Lane by lane (vector would run past the array, or the rare accumulate+bias mode): same operations. */
    private static void storeLanes(
        final float[] sums, final int sumIdx, final float[] c, final int idx, final int cols, final int flags,
        final float[] pb, final int biasIdx)
    {
        for (int l = 0; l < cols; l++)
        {
            float s = sums[sumIdx + l];
            if ((flags & ACCUMULATE) != 0)
            {
                s = c[idx + l] + s;
            }
            if ((flags & BIAS) != 0)
            {
                s = s + pb[biasIdx + l];
                if ((flags & RELU) != 0)
                {
                    s = Math.max(s, 0f);
                }
            }
            c[idx + l] = s;
        }
    }
}
