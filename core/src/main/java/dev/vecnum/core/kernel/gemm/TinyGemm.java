package dev.vecnum.core.kernel.gemm;

/**
 * The tiny-product path: plain scalar fused multiply-add loops for products where vectors cannot pay for their set-up —
 * a single output column (n = 1: the lesson's b×10·10×1 output layer, a matrix-vector product; one lane of sixteen
 * would be used) with a short depth, or a handful of multiply-adds in all (b×3·3×10 and b×10·10×10 at a batch of one
 * or a few rows). Nothing to set up: no scratch, no copies, no thread-locals.
 *
 * <p>Every C element gets exactly the operation sequence of {@link SmallGemm} and {@link MicroKernel}: {@code s = 0;
 * s = fma(A(i,p), B(p,j), s) for p in order}, then {@code c = s} or {@code c = c + s}, then {@code + bias},
 * {@code max(·, 0)} — so the path a shape takes never changes its result bits.
 *
 * <p>Internal; stateless and thread-safe for disjoint outputs.
 */
final class TinyGemm
{
    /** Largest m·k·n computed here whatever n is. */
    static final long MAX_VOLUME = Long.getLong("vecnum.gemm.tinyMax", 100);
    /** Largest depth of an n = 1 product computed here (longer dot products go to the vector path). */
    static final int MAX_COLUMN_DEPTH = 64;

    private TinyGemm()
    {
    }

    /**
     * Whether (m, k, n) takes this path.
     *
     * @param m rows of C
     * @param k depth
     * @param n columns of C
     * @return true for the scalar tiny path
     */
    static boolean takes(final int m, final int k, final int n)
    {
        return (n == 1 && k <= MAX_COLUMN_DEPTH) || (long) m * k * n <= MAX_VOLUME;
    }

    /**
     * C[m×n] (+)= A·B (+ bias, ReLU) with A(i,p) = {@code a[aOff + i·ars + p·acs]} and B(p,j) =
     * {@code b[bOff + p·brs + j·bcs]}; ranges already validated, m, k, n ≥ 1.
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
        // C's m·n outputs in row-major order, four at a time (four independent fma chains keep the FMA units busy
        // where one chain would wait out each fma's latency), then one at a time
        final int outputs = m * n;
        int q = 0;
        // (i0, j0): row and column of output q, advanced without divisions
        int i0 = 0;
        int j0 = 0;
        for (; q + 4 <= outputs; q += 4)
        {
            int i1 = i0;
            int j1 = j0 + 1;
            if (j1 == n)
            {
                i1++;
                j1 = 0;
            }
            int i2 = i1;
            int j2 = j1 + 1;
            if (j2 == n)
            {
                i2++;
                j2 = 0;
            }
            int i3 = i2;
            int j3 = j2 + 1;
            if (j3 == n)
            {
                i3++;
                j3 = 0;
            }
            final int a0 = aOff + i0 * ars;
            final int a1 = aOff + i1 * ars;
            final int a2 = aOff + i2 * ars;
            final int a3 = aOff + i3 * ars;
            final int b0 = bOff + j0 * bcs;
            final int b1 = bOff + j1 * bcs;
            final int b2 = bOff + j2 * bcs;
            final int b3 = bOff + j3 * bcs;
            float s0 = 0f;
            float s1 = 0f;
            float s2 = 0f;
            float s3 = 0f;
            for (int p = 0; p < k; p++)
            {
                final int ap = p * acs;
                final int bq = p * brs;
                s0 = Math.fma(a[a0 + ap], b[b0 + bq], s0);
                s1 = Math.fma(a[a1 + ap], b[b1 + bq], s1);
                s2 = Math.fma(a[a2 + ap], b[b2 + bq], s2);
                s3 = Math.fma(a[a3 + ap], b[b3 + bq], s3);
            }
            MicroKernel.storeScalar(c, cOff + q, s0, accumulate, bias, biasOff + j0, epilogue, relu);
            MicroKernel.storeScalar(c, cOff + q + 1, s1, accumulate, bias, biasOff + j1, epilogue, relu);
            MicroKernel.storeScalar(c, cOff + q + 2, s2, accumulate, bias, biasOff + j2, epilogue, relu);
            MicroKernel.storeScalar(c, cOff + q + 3, s3, accumulate, bias, biasOff + j3, epilogue, relu);
            i0 = i3;
            j0 = j3 + 1;
            if (j0 == n)
            {
                i0++;
                j0 = 0;
            }
        }
        for (; q < outputs; q++)
        {
            final int a0 = aOff + i0 * ars;
            final int b0 = bOff + j0 * bcs;
            float s0 = 0f;
            for (int p = 0; p < k; p++)
            {
                s0 = Math.fma(a[a0 + p * acs], b[b0 + p * brs], s0);
            }
            MicroKernel.storeScalar(c, cOff + q, s0, accumulate, bias, biasOff + j0, epilogue, relu);
            j0++;
            if (j0 == n)
            {
                i0++;
                j0 = 0;
            }
        }
    }
}
