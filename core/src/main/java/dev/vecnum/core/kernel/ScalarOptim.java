package dev.vecnum.core.kernel;

/**
 * Plain-Java reference for the optimizer updates. Uses {@link Math#fma} exactly where the vector version fuses, so
 * the two agree bit for bit.
 */
public final class ScalarOptim implements OptimKernels
{
    /** The shared stateless instance. */
    public static final ScalarOptim INSTANCE = new ScalarOptim();

    private ScalarOptim()
    {
    }

    @Override
    public void sgd(final float[] w, final float[] g, final int off, final int len, final float lr)
    {
        final float negLr = -lr;
        for (int i = off; i < off + len; i++)
        {
            w[i] = Math.fma(negLr, g[i], w[i]);
        }
    }

    @Override
    public void momentum(
        final float[] w, final float[] g, final float[] velocity, final int off, final int len,
        final float lr, final float momentum, final boolean nesterov)
    {
        final float negLr = -lr;
        for (int i = off; i < off + len; i++)
        {
            final float v = Math.fma(momentum, velocity[i], g[i]);
            velocity[i] = v;
            final float d = nesterov ? Math.fma(momentum, v, g[i]) : v;
            w[i] = Math.fma(negLr, d, w[i]);
        }
    }

    @Override
    public void adamw(
        final float[] w, final float[] g, final float[] m, final float[] v, final int off, final int len,
        final float lr, final float beta1, final float beta2, final float eps, final float weightDecay, final int step)
    {
        final float oneMinusBeta1 = 1f - beta1;
        final float oneMinusBeta2 = 1f - beta2;
        final float negStepSize = -AdamConstants.stepSize(lr, beta1, step);
        final float invSqrtBias2 = AdamConstants.invSqrtBias2(beta2, step);
        final float decay = AdamConstants.decay(lr, weightDecay);
        for (int i = off; i < off + len; i++)
        {
            final float gi = g[i];
            final float mi = Math.fma(beta1, m[i], oneMinusBeta1 * gi);
            final float vi = Math.fma(beta2, v[i], oneMinusBeta2 * gi * gi);
            m[i] = mi;
            v[i] = vi;
            final float denom = Math.fma((float) Math.sqrt(vi), invSqrtBias2, eps);
            w[i] = Math.fma(negStepSize, mi / denom, w[i] * decay);
        }
    }
}
