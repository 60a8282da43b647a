package dev.vecnum.core.kernel.gemm;

import dev.vecnum.core.kernel.GemmKernels;
import dev.vecnum.core.parallel.WorkerPool;

/**
 * The Vector API matmul family: shapes with at least {@link #PACKED_MIN_ROWS} rows and columns and enough work go
 * through the packed, cache-blocked, register-blocked and (for large shapes) multi-threaded {@link PackedGemm}; the
 * tiniest products (n = 1 with a short depth, or at most {@link TinyGemm#MAX_VOLUME} multiply-adds) take the scalar
 * fma loops of {@link TinyGemm}; all other shapes (the training loop's b×3·3×10, b×10·10×10, 10×b·b×10 …) take
 * {@link SmallGemm}, which has no packing, blocking or threading overhead. The path depends only on (m, k, n), never on the thread count, and both paths are
 * bit-identical whatever the thread count.
 *
 * <p>Thread-safe for disjoint outputs; concurrent calls each use their own per-thread buffers, and only one of them at a
 * time uses the worker pool (the others run single-threaded, with identical results). Internal: reach it through
 * {@link dev.vecnum.core.Matmul}.
 */
public final class BlockedGemm implements GemmKernels
{
    /**
     * Rows and columns below which the small path is always used (a fixed 16, not tied to the register tile, so the
     * path a shape takes is the same on every machine).
     */
    static final int PACKED_MIN_ROWS = 16;
    /** Depth below which the small path is always used. */
    static final int PACKED_MIN_DEPTH = 8;
    /** m·n·k below which the small path is used. */
    static final long PACKED_MIN_VOLUME = Long.getLong("vecnum.gemm.packedMin", 40L * 40 * 40);

    private final WorkerPool pool;

    /**
     * Creates the kernels over a worker pool.
     *
     * @param pool workers for large shapes; {@code null} means {@link WorkerPool#shared()}, created on first large call
     */
    public BlockedGemm(final WorkerPool pool)
    {
        this.pool = pool;
    }

    /** {@inheritDoc} */
    @Override
    public void matmul(
        final float[] a, final int aOff, final float[] b, final int bOff, final float[] c, final int cOff,
        final int m, final int k, final int n, final boolean accumulate)
    {
        run(PackedGemm.AB, a, aOff, b, bOff, c, cOff, m, k, n, accumulate, null, 0, false, false);
    }

    /** {@inheritDoc} */
    @Override
    public void matmulTransA(
        final float[] a, final int aOff, final float[] b, final int bOff, final float[] c, final int cOff,
        final int m, final int k, final int n, final boolean accumulate)
    {
        run(PackedGemm.ATB, a, aOff, b, bOff, c, cOff, m, k, n, accumulate, null, 0, false, false);
    }

    /** {@inheritDoc} */
    @Override
    public void matmulTransB(
        final float[] a, final int aOff, final float[] b, final int bOff, final float[] c, final int cOff,
        final int m, final int k, final int n, final boolean accumulate)
    {
        run(PackedGemm.ABT, a, aOff, b, bOff, c, cOff, m, k, n, accumulate, null, 0, false, false);
    }

    /** {@inheritDoc} */
    @Override
    public void matmulBias(
        final float[] a, final int aOff, final float[] b, final int bOff, final float[] bias, final int biasOff,
        final float[] c, final int cOff, final int m, final int k, final int n, final boolean relu)
    {
        run(PackedGemm.AB, a, aOff, b, bOff, c, cOff, m, k, n, false, bias, biasOff, true, relu);
    }

    /**
     * Whether (m, k, n) takes the packed path (exposed for tests and benchmarks).
     *
     * @param m rows of C
     * @param k depth
     * @param n columns of C
     * @return true for the packed, blocked path
     */
    public static boolean packed(final int m, final int k, final int n)
    {
        return m >= PACKED_MIN_ROWS && n >= PACKED_MIN_ROWS && k >= PACKED_MIN_DEPTH &&
            (long) m * n * k >= PACKED_MIN_VOLUME;
    }

    private void run(
        final int form, final float[] a, final int aOff, final float[] b, final int bOff, final float[] c,
        final int cOff, final int m, final int k, final int n, final boolean accumulate,
        final float[] bias, final int biasOff, final boolean epilogue, final boolean relu)
    {
        if (m == 0 || n == 0)
        {
            return;
        }
        if (k == 0)
        {
            emptyProduct(c, cOff, m, n, accumulate, bias, biasOff, epilogue, relu);
        }
        else if (packed(m, k, n))
        {
            PackedGemm.multiply(pool == null ? WorkerPool.shared() : pool, form, a, aOff, b, bOff, c, cOff, m, k, n,
                accumulate, bias, biasOff, epilogue, relu);
        }
        else
        {
            // A(i,p) = a[aOff + i·ars + p·acs], B(p,j) = b[bOff + p·brs + j·bcs]
            final int ars = form == PackedGemm.ATB ? 1 : k;
            final int acs = form == PackedGemm.ATB ? m : 1;
            final int brs = form == PackedGemm.ABT ? 1 : n;
            final int bcs = form == PackedGemm.ABT ? k : 1;
            if (TinyGemm.takes(m, k, n))
            {
                TinyGemm.multiply(a, aOff, ars, acs, b, bOff, brs, bcs, c, cOff, m, k, n, accumulate,
                    bias, biasOff, epilogue, relu);
            }
            else
            {
                SmallGemm.multiply(a, aOff, ars, acs, b, bOff, brs, bcs, c, cOff, m, k, n, accumulate,
                    bias, biasOff, epilogue, relu);
            }
        }
    }

    /** k = 0: the sum is empty (0), then the same write-back as every other path. */
    private static void emptyProduct(
        final float[] c, final int cOff, final int m, final int n, final boolean accumulate,
        final float[] bias, final int biasOff, final boolean epilogue, final boolean relu)
    {
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < n; j++)
            {
                MicroKernel.storeScalar(c, cOff + i * n + j, 0f, accumulate, bias, biasOff + j, epilogue, relu);
            }
        }
    }
}
