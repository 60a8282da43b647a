package dev.vecnum.core.kernel;

import dev.vecnum.core.kernel.gemm.BlockedGemm;

/**
 * Vector API matmul family as chosen by {@link Kernels}: the packed, cache-blocked GEMM with the small-shape path and
 * the shared worker pool ({@link BlockedGemm}). Loaded reflectively so that nothing links against
 * {@code jdk.incubator.vector} when the module is absent.
 */
final class VectorGemm implements GemmKernels
{
    private final BlockedGemm impl = new BlockedGemm(null);

    @Override
    public void matmul(
        final float[] a, final int aOff, final float[] b, final int bOff, final float[] c, final int cOff,
        final int m, final int k, final int n, final boolean accumulate)
    {
        impl.matmul(a, aOff, b, bOff, c, cOff, m, k, n, accumulate);
    }

    @Override
    public void matmulTransA(
        final float[] a, final int aOff, final float[] b, final int bOff, final float[] c, final int cOff,
        final int m, final int k, final int n, final boolean accumulate)
    {
        impl.matmulTransA(a, aOff, b, bOff, c, cOff, m, k, n, accumulate);
    }

    @Override
    public void matmulTransB(
        final float[] a, final int aOff, final float[] b, final int bOff, final float[] c, final int cOff,
        final int m, final int k, final int n, final boolean accumulate)
    {
        impl.matmulTransB(a, aOff, b, bOff, c, cOff, m, k, n, accumulate);
    }

    @Override
    public void matmulBias(
        final float[] a, final int aOff, final float[] b, final int bOff, final float[] bias, final int biasOff,
        final float[] c, final int cOff, final int m, final int k, final int n, final boolean relu)
    {
        impl.matmulBias(a, aOff, b, bOff, bias, biasOff, c, cOff, m, k, n, relu);
    }
}
