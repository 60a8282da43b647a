package dev.vecnum.core.optim;

import dev.vecnum.core.Checks;
import dev.vecnum.core.kernel.ElementwiseKernels;
import dev.vecnum.core.kernel.Kernels;

/**
 * Global gradient-norm clipping with {@code torch.nn.utils.clip_grad_norm_} semantics: the total L2 norm over all
 * gradients is computed, and when {@code maxNorm / (norm + 1e-6) < 1} every gradient is multiplied by that
 * coefficient (rounded to float), in place.
 *
 * <p>The norm is summed in double over fixed blocks of {@link #BLOCK} elements (block boundaries counted from
 * {@code off}), the block sums added in order, so the result does not depend on how many threads compute the blocks.
 * Unlike torch, which sums float32 norms, the sum of squares is accumulated in double; it is NaN or ±Inf exactly when
 * some gradient is (a double cannot overflow on squares of floats). Stateless; no allocation.
 */
public final class GradClip
{
    /** Added to the norm before dividing, as torch does. */
    public static final double EPS = 1e-6;

    /** Elements per block of the deterministic sum of squares. */
    public static final int BLOCK = 1 << 14;

    private static final ElementwiseKernels KERNELS = Kernels.ELEMENTWISE;

    private GradClip()
    {
    }

    /**
     * Σ g[i]² over {@code [off, off+len)}, block by block in double.
     *
     * @param g   gradients
     * @param off first element
     * @param len element count
     * @return the sum of squares (NaN/Inf iff some element is)
     */
    public static double sumOfSquares(final float[] g, final int off, final int len)
    {
        Checks.range("sumOfSquares", "g", g, off, len);
        return blockedSumOfSquares(g, off, len);
    }

    /**
     * The total L2 norm √Σ g[i]² over {@code [off, off+len)}.
     *
     * @param g   gradients
     * @param off first element
     * @param len element count
     * @return the norm
     */
    public static double totalNorm(final float[] g, final int off, final int len)
    {
        return Math.sqrt(sumOfSquares(g, off, len));
    }

    /**
     * Clips in place: with norm = {@link #totalNorm}, multiplies every gradient by {@code (float) (maxNorm / (norm +
     * 1e-6))} when that is below 1 (a NaN norm scales nothing; an infinite norm scales by 0).
     *
     * @param g       gradients, scaled in place
     * @param off     first element
     * @param len     element count
     * @param maxNorm the largest allowed norm, finite and &gt; 0
     * @return the total norm before clipping
     */
    public static double clipGradNorm(final float[] g, final int off, final int len, final double maxNorm)
    {
        Hyper.positive("clipGradNorm", "maxNorm", maxNorm);
        Checks.range("clipGradNorm", "g", g, off, len);
        final double norm = Math.sqrt(blockedSumOfSquares(g, off, len));
        scaleIfAbove(g, off, len, norm, maxNorm);
        return norm;
    }

    static double blockedSumOfSquares(final float[] g, final int off, final int len)
    {
        double sum = 0.0;
        for (int b = 0; b < len; b += BLOCK)
        {
            sum += KERNELS.sumOfSquares(g, off + b, Math.min(BLOCK, len - b));
        }
        return sum;
    }

    /** The clip coefficient, or 1 when the norm is within bounds (or NaN). */
    static float coefficient(final double norm, final double maxNorm)
    {
        final double coef = maxNorm / (norm + EPS);
        return coef < 1.0 ? (float) coef : 1f;
    }

    static void scaleIfAbove(final float[] g, final int off, final int len, final double norm, final double maxNorm)
    {
        final float coef = coefficient(norm, maxNorm);
        if (coef != 1f)
        {
            KERNELS.scale(g, off, len, coef);
        }
    }
}
