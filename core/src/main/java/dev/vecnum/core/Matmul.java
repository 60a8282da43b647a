package dev.vecnum.core;

import dev.vecnum.core.kernel.GemmKernels;
import dev.vecnum.core.kernel.Kernels;

/**
 * The matmul family over flat row-major float arrays: C = A·B, C = Aᵀ·B (weight gradients Xᵀ·G) and C = A·Bᵀ (input
 * gradients G·Wᵀ), each with offset overloads for tensors inside one large array, accumulate forms (C += …) and
 * fused bias / bias+ReLU epilogues.
 *
 * <p>Every method validates all arguments before writing anything and throws {@link IllegalArgumentException} naming
 * the argument and sizes: negative dimensions, products overflowing {@code int}, ranges outside an array, and the
 * output array being one of the inputs. Nothing is allocated per call (after the first calls of a thread, which size its
 * packing buffers). Calls are thread-safe as long as concurrent calls write disjoint outputs.
 *
 * <p>Small shapes (the training loop's layers) run on the calling thread with no packing or blocking; large ones use a
 * packed, cache-blocked kernel and split over {@link dev.vecnum.core.parallel.WorkerPool#shared()}
 * ({@code -Dvecnum.threads=N}). The path depends only on (m, k, n), and every result is bit-identical whatever the
 * thread count. {@code -Dvecnum.vector=false} selects the plain scalar reference instead.
 */
public final class Matmul
{
    private static final GemmKernels GEMM = Kernels.GEMM;

    private Matmul()
    {
    }

    /**
     * C[m×n] = A[m×k]·B[k×n], all row-major from offset 0.
     *
     * @param a A, at least m·k floats
     * @param b B, at least k·n floats
     * @param c C, at least m·n floats, overwritten; must not be {@code a} or {@code b}
     * @param m rows of A and C
     * @param k columns of A, rows of B
     * @param n columns of B and C
     */
    public static void matmul(final float[] a, final float[] b, final float[] c, final int m, final int k, final int n)
    {
        matmul(a, 0, b, 0, c, 0, m, k, n);
    }

    /**
     * C = Aᵀ·B where A is stored row-major k×m (so C is m×n): the weight gradient Xᵀ·G.
     *
     * @param a A, stored k×m, at least k·m floats
     * @param b B, k×n, at least k·n floats
     * @param c C, m×n, overwritten; must not be {@code a} or {@code b}
     * @param m rows of C (columns of stored A)
     * @param k rows of stored A and of B
     * @param n columns of B and C
     */
    public static void matmulTransA(
        final float[] a, final float[] b, final float[] c, final int m, final int k, final int n)
    {
        matmulTransA(a, 0, b, 0, c, 0, m, k, n);
    }

    /**
     * C = A·Bᵀ where A is m×k and B is stored row-major n×k (so C is m×n): the input gradient G·Wᵀ.
     *
     * @param a A, m×k, at least m·k floats
     * @param b B, stored n×k, at least n·k floats
     * @param c C, m×n, overwritten; must not be {@code a} or {@code b}
     * @param m rows of A and C
     * @param k columns of A and of stored B
     * @param n rows of stored B, columns of C
     */
    public static void matmulTransB(
        final float[] a, final float[] b, final float[] c, final int m, final int k, final int n)
    {
        matmulTransB(a, 0, b, 0, c, 0, m, k, n);
    }

    /**
     * C[m×n] = A[m×k]·B[k×n] on sub-ranges: A at {@code a[aOff..]}, B at {@code b[bOff..]}, C at {@code c[cOff..]}.
     *
     * @param a    A array
     * @param aOff offset of A's first element
     * @param b    B array
     * @param bOff offset of B's first element
     * @param c    C array, overwritten in [cOff, cOff+m·n); must not be {@code a} or {@code b}
     * @param cOff offset of C's first element
     * @param m    rows of A and C
     * @param k    inner dimension
     * @param n    columns of B and C
     */
    public static void matmul(
        final float[] a, final int aOff, final float[] b, final int bOff, final float[] c, final int cOff,
        final int m, final int k, final int n)
    {
        check("matmul", a, aOff, b, bOff, c, cOff, m, k, n, false, false);
        GEMM.matmul(a, aOff, b, bOff, c, cOff, m, k, n, false);
    }

    /**
     * C += A·B on sub-ranges; shapes as in {@link #matmul(float[], int, float[], int, float[], int, int, int, int)}.
     *
     * @param a    A array (m×k)
     * @param aOff offset of A
     * @param b    B array (k×n)
     * @param bOff offset of B
     * @param c    C array (m×n), accumulated into; must not be {@code a} or {@code b}
     * @param cOff offset of C
     * @param m    rows of C
     * @param k    inner dimension
     * @param n    columns of C
     */
    public static void matmulAccumulate(
        final float[] a, final int aOff, final float[] b, final int bOff, final float[] c, final int cOff,
        final int m, final int k, final int n)
    {
        check("matmulAccumulate", a, aOff, b, bOff, c, cOff, m, k, n, false, false);
        GEMM.matmul(a, aOff, b, bOff, c, cOff, m, k, n, true);
    }

    /**
     * C = Aᵀ·B on sub-ranges, A stored k×m at {@code a[aOff..]}, B k×n, C m×n.
     *
     * @param a    A array (stored k×m)
     * @param aOff offset of A
     * @param b    B array (k×n)
     * @param bOff offset of B
     * @param c    C array (m×n), overwritten; must not be {@code a} or {@code b}
     * @param cOff offset of C
     * @param m    rows of C
     * @param k    inner dimension
     * @param n    columns of C
     */
    public static void matmulTransA(
        final float[] a, final int aOff, final float[] b, final int bOff, final float[] c, final int cOff,
        final int m, final int k, final int n)
    {
        check("matmulTransA", a, aOff, b, bOff, c, cOff, m, k, n, true, false);
        GEMM.matmulTransA(a, aOff, b, bOff, c, cOff, m, k, n, false);
    }

    /**
     * C += Aᵀ·B on sub-ranges, A stored k×m, B k×n, C m×n.
     *
     * @param a    A array (stored k×m)
     * @param aOff offset of A
     * @param b    B array (k×n)
     * @param bOff offset of B
     * @param c    C array (m×n), accumulated into; must not be {@code a} or {@code b}
     * @param cOff offset of C
     * @param m    rows of C
     * @param k    inner dimension
     * @param n    columns of C
     */
    public static void matmulTransAAccumulate(
        final float[] a, final int aOff, final float[] b, final int bOff, final float[] c, final int cOff,
        final int m, final int k, final int n)
    {
        check("matmulTransAAccumulate", a, aOff, b, bOff, c, cOff, m, k, n, true, false);
        GEMM.matmulTransA(a, aOff, b, bOff, c, cOff, m, k, n, true);
    }

    /**
     * C = A·Bᵀ on sub-ranges, A m×k, B stored n×k at {@code b[bOff..]}, C m×n.
     *
     * @param a    A array (m×k)
     * @param aOff offset of A
     * @param b    B array (stored n×k)
     * @param bOff offset of B
     * @param c    C array (m×n), overwritten; must not be {@code a} or {@code b}
     * @param cOff offset of C
     * @param m    rows of C
     * @param k    inner dimension
     * @param n    columns of C
     */
    public static void matmulTransB(
        final float[] a, final int aOff, final float[] b, final int bOff, final float[] c, final int cOff,
        final int m, final int k, final int n)
    {
        check("matmulTransB", a, aOff, b, bOff, c, cOff, m, k, n, false, true);
        GEMM.matmulTransB(a, aOff, b, bOff, c, cOff, m, k, n, false);
    }

    /**
     * C += A·Bᵀ on sub-ranges, A m×k, B stored n×k, C m×n.
     *
     * @param a    A array (m×k)
     * @param aOff offset of A
     * @param b    B array (stored n×k)
     * @param bOff offset of B
     * @param c    C array (m×n), accumulated into; must not be {@code a} or {@code b}
     * @param cOff offset of C
     * @param m    rows of C
     * @param k    inner dimension
     * @param n    columns of C
     */
    public static void matmulTransBAccumulate(
        final float[] a, final int aOff, final float[] b, final int bOff, final float[] c, final int cOff,
        final int m, final int k, final int n)
    {
        check("matmulTransBAccumulate", a, aOff, b, bOff, c, cOff, m, k, n, false, true);
        GEMM.matmulTransB(a, aOff, b, bOff, c, cOff, m, k, n, true);
    }

    /**
     * Dense-layer forward without activation: C[m×n] = A[m×k]·B[k×n] + bias[n] (bias added to every row).
     *
     * @param a       input rows (m×k)
     * @param aOff    offset of A
     * @param b       weights (k×n)
     * @param bOff    offset of B
     * @param bias    bias vector (n)
     * @param biasOff offset of bias
     * @param c       output (m×n), overwritten; must not be {@code a}, {@code b} or {@code bias}
     * @param cOff    offset of C
     * @param m       rows
     * @param k       inner dimension
     * @param n       columns
     */
    public static void matmulBias(
        final float[] a, final int aOff, final float[] b, final int bOff, final float[] bias, final int biasOff,
        final float[] c, final int cOff, final int m, final int k, final int n)
    {
        checkBias("matmulBias", a, aOff, b, bOff, bias, biasOff, c, cOff, m, k, n);
        GEMM.matmulBias(a, aOff, b, bOff, bias, biasOff, c, cOff, m, k, n, false);
    }

    /**
     * Dense-layer forward with ReLU: C[m×n] = max(A[m×k]·B[k×n] + bias[n], 0).
     *
     * @param a       input rows (m×k)
     * @param aOff    offset of A
     * @param b       weights (k×n)
     * @param bOff    offset of B
     * @param bias    bias vector (n)
     * @param biasOff offset of bias
     * @param c       output (m×n), overwritten; must not be {@code a}, {@code b} or {@code bias}
     * @param cOff    offset of C
     * @param m       rows
     * @param k       inner dimension
     * @param n       columns
     */
    public static void matmulBiasRelu(
        final float[] a, final int aOff, final float[] b, final int bOff, final float[] bias, final int biasOff,
        final float[] c, final int cOff, final int m, final int k, final int n)
    {
        checkBias("matmulBiasRelu", a, aOff, b, bOff, bias, biasOff, c, cOff, m, k, n);
        GEMM.matmulBias(a, aOff, b, bOff, bias, biasOff, c, cOff, m, k, n, true);
    }

    private static void checkBias(
        final String op, final float[] a, final int aOff, final float[] b, final int bOff,
        final float[] bias, final int biasOff, final float[] c, final int cOff, final int m, final int k, final int n)
    {
        check(op, a, aOff, b, bOff, c, cOff, m, k, n, false, false);
        Checks.range(op, "bias", bias, biasOff, n);
        Checks.notSameArray(op, "c", c, "bias", bias);
    }

    /** Validates everything a matmul form touches; A is k×m when transA, B is n×k when transB. */
    static void check(
        final String op, final float[] a, final int aOff, final float[] b, final int bOff,
        final float[] c, final int cOff, final int m, final int k, final int n,
        final boolean transA, final boolean transB)
    {
        Checks.nonNegative(op, "m", m);
        Checks.nonNegative(op, "k", k);
        Checks.nonNegative(op, "n", n);
        final int aLen = transA ? Checks.elements(op, "k*m (A)", k, m) : Checks.elements(op, "m*k (A)", m, k);
        final int bLen = transB ? Checks.elements(op, "n*k (B)", n, k) : Checks.elements(op, "k*n (B)", k, n);
        final int cLen = Checks.elements(op, "m*n (C)", m, n);
        Checks.range(op, "a", a, aOff, aLen);
        Checks.range(op, "b", b, bOff, bLen);
        Checks.range(op, "c", c, cOff, cLen);
        Checks.notSameArray(op, "c", c, "a", a);
        Checks.notSameArray(op, "c", c, "b", b);
    }
}
