package dev.vecnum.core.kernel;

/**
 * Plain-Java reference for the matmul family: one sequential dot product per output element, summed over k in order.
 * Used when the Vector API is unavailable or disabled, and as the oracle in tests.
 */
public final class ScalarGemm implements GemmKernels
{
    /** The shared stateless instance. */
    public static final ScalarGemm INSTANCE = new ScalarGemm();

    private ScalarGemm()
    {
    }

    @Override
    public void matmul(
        final float[] a, final int aOff, final float[] b, final int bOff, final float[] c, final int cOff,
        final int m, final int k, final int n, final boolean accumulate)
    {
        // A[i,p] = a[aOff + i*k + p]; B[p,j] = b[bOff + p*n + j]
        product(a, aOff, k, 1, b, bOff, n, 1, c, cOff, m, k, n, accumulate);
    }

    @Override
    public void matmulTransA(
        final float[] a, final int aOff, final float[] b, final int bOff, final float[] c, final int cOff,
        final int m, final int k, final int n, final boolean accumulate)
    {
        // A stored k×m: A[i,p] = a[aOff + p*m + i]
        product(a, aOff, 1, m, b, bOff, n, 1, c, cOff, m, k, n, accumulate);
    }

    @Override
    public void matmulTransB(
        final float[] a, final int aOff, final float[] b, final int bOff, final float[] c, final int cOff,
        final int m, final int k, final int n, final boolean accumulate)
    {
        // B stored n×k: B[p,j] = b[bOff + j*k + p]
        product(a, aOff, k, 1, b, bOff, 1, k, c, cOff, m, k, n, accumulate);
    }

    /**
     * C[i,j] (+)= Σ_p A[i,p]·B[p,j] with A[i,p] = a[aOff + i*aRow + p*aCol] and B[p,j] = b[bOff + p*bRow + j*bCol].
     */
    private static void product(
        final float[] a, final int aOff, final int aRow, final int aCol,
        final float[] b, final int bOff, final int bRow, final int bCol,
        final float[] c, final int cOff, final int m, final int k, final int n, final boolean accumulate)
    {
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < n; j++)
            {
                float sum = 0f;
                for (int p = 0; p < k; p++)
                {
                    sum += a[aOff + i * aRow + p * aCol] * b[bOff + p * bRow + j * bCol];
                }
                final int ci = cOff + i * n + j;
                c[ci] = accumulate ? c[ci] + sum : sum;
            }
        }
    }
}
