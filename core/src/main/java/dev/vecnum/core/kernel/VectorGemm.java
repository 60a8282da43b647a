package dev.vecnum.core.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API matmul family (baseline): rows of C are built as sums of scaled rows of B (broadcast A[i,p], FMA over
 * j), so every form streams contiguous memory. Column tails fall back to scalar per element.
 */
final class VectorGemm implements GemmKernels
{
    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    private static final int LANES = SPECIES.length();

    @Override
    public void matmul(
        final float[] a, final int aOff, final float[] b, final int bOff, final float[] c, final int cOff,
        final int m, final int k, final int n, final boolean accumulate)
    {
        // A[i,p] = a[aOff + i*k + p]
        rowsTimesB(a, aOff, k, 1, b, bOff, c, cOff, m, k, n, accumulate);
    }

    @Override
    public void matmulTransA(
        final float[] a, final int aOff, final float[] b, final int bOff, final float[] c, final int cOff,
        final int m, final int k, final int n, final boolean accumulate)
    {
        // A stored k×m: A[i,p] = a[aOff + p*m + i]
        rowsTimesB(a, aOff, 1, m, b, bOff, c, cOff, m, k, n, accumulate);
    }

    @Override
    public void matmulTransB(
        final float[] a, final int aOff, final float[] b, final int bOff, final float[] c, final int cOff,
        final int m, final int k, final int n, final boolean accumulate)
    {
        final int bound = SPECIES.loopBound(k);
        for (int i = 0; i < m; i++)
        {
            final int aRow = aOff + i * k;
            for (int j = 0; j < n; j++)
            {
                final int bRow = bOff + j * k;
                FloatVector acc = FloatVector.zero(SPECIES);
                int p = 0;
                for (; p < bound; p += LANES)
                {
                    acc = FloatVector.fromArray(SPECIES, a, aRow + p).fma(FloatVector.fromArray(SPECIES, b, bRow + p), acc);
                }
                float sum = acc.reduceLanes(jdk.incubator.vector.VectorOperators.ADD);
                // scalar tail
                for (; p < k; p++)
                {
                    sum += a[aRow + p] * b[bRow + p];
                }
                final int ci = cOff + i * n + j;
                c[ci] = accumulate ? c[ci] + sum : sum;
            }
        }
    }

    /** C[i,:] (+)= Σ_p A[i,p]·B[p,:], A[i,p] = a[aOff + i*aRow + p*aCol], B row-major k×n. */
    private static void rowsTimesB(
        final float[] a, final int aOff, final int aRow, final int aCol, final float[] b, final int bOff,
        final float[] c, final int cOff, final int m, final int k, final int n, final boolean accumulate)
    {
        final int bound = SPECIES.loopBound(n);
        for (int i = 0; i < m; i++)
        {
            final int cRow = cOff + i * n;
            if (!accumulate)
            {
                java.util.Arrays.fill(c, cRow, cRow + n, 0f);
            }
            for (int p = 0; p < k; p++)
            {
                final float aip = a[aOff + i * aRow + p * aCol];
                final FloatVector av = FloatVector.broadcast(SPECIES, aip);
                final int bRow = bOff + p * n;
                int j = 0;
                for (; j < bound; j += LANES)
                {
                    av.fma(FloatVector.fromArray(SPECIES, b, bRow + j), FloatVector.fromArray(SPECIES, c, cRow + j))
                        .intoArray(c, cRow + j);
                }
                // scalar tail
                for (; j < n; j++)
                {
                    c[cRow + j] += aip * b[bRow + j];
                }
            }
        }
    }
}
