package dev.vecnum.core.kernel;

/**
 * Per-step scalars of an Adam/AdamW update, computed in double and rounded to float, shared by the scalar and vector
 * kernels so both see identical constants. Static methods only: nothing is allocated per step.
 */
final class AdamConstants
{
    private AdamConstants()
    {
    }

    /** lr / (1 − β1^step). */
    static float stepSize(final float lr, final float beta1, final int step)
    {
        return (float) (lr / (1.0 - Math.pow(beta1, step)));
    }

    /** 1 / √(1 − β2^step). */
    static float invSqrtBias2(final float beta2, final int step)
    {
        return (float) (1.0 / Math.sqrt(1.0 - Math.pow(beta2, step)));
    }

    /** 1 − lr·weightDecay. */
    static float decay(final float lr, final float weightDecay)
    {
        return 1f - lr * weightDecay;
    }
}
