package dev.vecnum.core.kernel;

import dev.vecnum.core.Matmul;

/** Run in a child JVM by {@link KernelsTest}: prints which kernels were chosen and one product. */
public final class DispatchProbe
{
    private DispatchProbe()
    {
    }

    /**
     * Prints {@code vectorized=<bool> gemm=<class> result=<c[0]>}.
     *
     * @param args ignored
     */
    public static void main(final String[] args)
    {
        final float[] c = new float[1];
        Matmul.matmul(new float[] {1, 2, 3}, new float[] {4, 5, 6}, c, 1, 3, 1);
        // touch the public API twice: the fallback warning must still appear only once
        Matmul.matmul(new float[] {1, 2, 3}, new float[] {4, 5, 6}, c, 1, 3, 1);
        System.out.println("vectorized=" + Kernels.vectorized() + " gemm=" + Kernels.GEMM.getClass().getSimpleName() +
            " result=" + c[0]);
    }
}
