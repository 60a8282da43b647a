package dev.vecnum.core.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API optimizer updates: one fused pass over the range, full vectors then the {@link ScalarOptim} tail; same
 * operations in the same order as the scalar reference, so results agree bit for bit.
 */
final class VectorOptim implements OptimKernels
{
    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    private static final int LANES = SPECIES.length();
    private static final ScalarOptim SCALAR = ScalarOptim.INSTANCE;

    @Override
    public void sgd(final float[] w, final float[] g, final int off, final int len, final float lr)
    {
        final FloatVector negLr = FloatVector.broadcast(SPECIES, -lr);
        final int bound = SPECIES.loopBound(len);
        int i = 0;
        for (; i < bound; i += LANES)
        {
            final int x = off + i;
            negLr.fma(FloatVector.fromArray(SPECIES, g, x), FloatVector.fromArray(SPECIES, w, x)).intoArray(w, x);
        }
        // scalar tail
        SCALAR.sgd(w, g, off + i, len - i, lr);
    }

    @Override
    public void momentum(
        final float[] w, final float[] g, final float[] velocity, final int off, final int len,
        final float lr, final float momentum, final boolean nesterov)
    {
        final FloatVector negLr = FloatVector.broadcast(SPECIES, -lr);
        final FloatVector mu = FloatVector.broadcast(SPECIES, momentum);
        final int bound = SPECIES.loopBound(len);
        int i = 0;
        for (; i < bound; i += LANES)
        {
            final int x = off + i;
            final FloatVector gv = FloatVector.fromArray(SPECIES, g, x);
            final FloatVector v = mu.fma(FloatVector.fromArray(SPECIES, velocity, x), gv);
            v.intoArray(velocity, x);
            final FloatVector d = nesterov ? mu.fma(v, gv) : v;
            negLr.fma(d, FloatVector.fromArray(SPECIES, w, x)).intoArray(w, x);
        }
        // scalar tail
        SCALAR.momentum(w, g, velocity, off + i, len - i, lr, momentum, nesterov);
    }

    @Override
    public void adamw(
        final float[] w, final float[] g, final float[] m, final float[] v, final int off, final int len,
        final float lr, final float beta1, final float beta2, final float eps, final float weightDecay, final int step)
    {
        final FloatVector b1 = FloatVector.broadcast(SPECIES, beta1);
        final FloatVector b2 = FloatVector.broadcast(SPECIES, beta2);
        final float oneMinusBeta1 = 1f - beta1;
        final float oneMinusBeta2 = 1f - beta2;
        final FloatVector negStepSize = FloatVector.broadcast(SPECIES, -AdamConstants.stepSize(lr, beta1, step));
        final FloatVector invSqrtBias2 = FloatVector.broadcast(SPECIES, AdamConstants.invSqrtBias2(beta2, step));
        final FloatVector epsV = FloatVector.broadcast(SPECIES, eps);
        final float decay = AdamConstants.decay(lr, weightDecay);
        final int bound = SPECIES.loopBound(len);
        int i = 0;
        for (; i < bound; i += LANES)
        {
            final int x = off + i;
            final FloatVector gv = FloatVector.fromArray(SPECIES, g, x);
            final FloatVector mv = b1.fma(FloatVector.fromArray(SPECIES, m, x), gv.mul(oneMinusBeta1));
            final FloatVector vv = b2.fma(FloatVector.fromArray(SPECIES, v, x), gv.mul(oneMinusBeta2).mul(gv));
            mv.intoArray(m, x);
            vv.intoArray(v, x);
            final FloatVector denom = vv.sqrt().fma(invSqrtBias2, epsV);
            negStepSize.fma(mv.div(denom), FloatVector.fromArray(SPECIES, w, x).mul(decay)).intoArray(w, x);
        }
        // scalar tail
        SCALAR.adamw(w, g, m, v, off + i, len - i, lr, beta1, beta2, eps, weightDecay, step);
    }
}
