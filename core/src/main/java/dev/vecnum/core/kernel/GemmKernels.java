package dev.vecnum.core.kernel;

/**
 * The matmul family over flat row-major float arrays. Implementations assume their arguments were validated by the
 * public API ({@link dev.vecnum.core.Matmul}): ranges exist, {@code c} is not {@code a} or {@code b}.
 *
 * <p>With {@code accumulate} false, C is overwritten; with true, the product is added to C.
 * Implementations are stateless and thread-safe for disjoint outputs.
 */
public interface GemmKernels
{
    /**
     * C[m×n] (+)= A[m×k]·B[k×n].
     *
     * @param a          A, row-major m×k starting at {@code aOff}
     * @param aOff       offset of A
     * @param b          B, row-major k×n starting at {@code bOff}
     * @param bOff       offset of B
     * @param c          C, row-major m×n starting at {@code cOff}
     * @param cOff       offset of C
     * @param m          rows of C
     * @param k          inner dimension
     * @param n          columns of C
     * @param accumulate add to C instead of overwriting it
     */
    void matmul(float[] a, int aOff, float[] b, int bOff, float[] c, int cOff, int m, int k, int n, boolean accumulate);

    /**
     * C[m×n] (+)= Aᵀ·B with A stored row-major k×m and B row-major k×n.
     *
     * @param a          A, row-major k×m starting at {@code aOff}
     * @param aOff       offset of A
     * @param b          B, row-major k×n starting at {@code bOff}
     * @param bOff       offset of B
     * @param c          C, row-major m×n starting at {@code cOff}
     * @param cOff       offset of C
     * @param m          rows of C
     * @param k          inner dimension
     * @param n          columns of C
     * @param accumulate add to C instead of overwriting it
     */
    void matmulTransA(
        float[] a, int aOff, float[] b, int bOff, float[] c, int cOff, int m, int k, int n, boolean accumulate);

    /**
     * C[m×n] (+)= A·Bᵀ with A stored row-major m×k and B row-major n×k.
     *
     * @param a          A, row-major m×k starting at {@code aOff}
     * @param aOff       offset of A
     * @param b          B, row-major n×k starting at {@code bOff}
     * @param bOff       offset of B
     * @param c          C, row-major m×n starting at {@code cOff}
     * @param cOff       offset of C
     * @param m          rows of C
     * @param k          inner dimension
     * @param n          columns of C
     * @param accumulate add to C instead of overwriting it
     */
    void matmulTransB(
        float[] a, int aOff, float[] b, int bOff, float[] c, int cOff, int m, int k, int n, boolean accumulate);

    /**
     * Dense-layer forward: C[m×n] = A[m×k]·B[k×n] + bias[n] (per row), then max(·, 0) when {@code relu}. The bias is
     * added to the finished sum, so the result equals {@link #matmul} followed by a separate bias (+ReLU) pass.
     * The default runs exactly that; implementations may fuse it into the write-back.
     *
     * @param a       A, row-major m×k starting at {@code aOff}
     * @param aOff    offset of A
     * @param b       B, row-major k×n starting at {@code bOff}
     * @param bOff    offset of B
     * @param bias    n bias values starting at {@code biasOff}
     * @param biasOff offset of the bias
     * @param c       C, row-major m×n starting at {@code cOff}, overwritten
     * @param cOff    offset of C
     * @param m       rows of C
     * @param k       inner dimension
     * @param n       columns of C
     * @param relu    apply ReLU after the bias
     */
    default void matmulBias(
        final float[] a, final int aOff, final float[] b, final int bOff, final float[] bias, final int biasOff,
        final float[] c, final int cOff, final int m, final int k, final int n, final boolean relu)
    {
        matmul(a, aOff, b, bOff, c, cOff, m, k, n, false);
        Kernels.ELEMENTWISE.addBiasRows(c, cOff, m, n, bias, biasOff, relu);
    }
}
