package dev.vecnum.core.optim;

import dev.vecnum.core.kernel.Kernels;
import dev.vecnum.core.kernel.OptimKernels;

/**
 * torch.optim.AdamW over an arena ({@link dev.vecnum.core.Optim#adamw}), with the first and second moments m, v
 * parallel to the arena; Adam is weight decay 0 ({@link #adam}). Weight decay is per group, e.g. none on biases:
 *
 * <pre>{@code
 * AdamW opt = AdamW.builder(arena).lr(1e-3).weightDecay(0.01)
 *     .group(ParamGroup.of("b1", "b2").weightDecay(0))
 *     .schedule(LrSchedule.cosineWarmup(100, 10_000))
 *     .clipGradNorm(1.0)
 *     .build();
 * }</pre>
 */
public final class AdamW extends Optimizer
{
    private static final OptimKernels KERNELS = Kernels.OPTIM;

    private final float beta1;
    private final float beta2;
    private final float eps;
    private final float[] m;
    private final float[] v;
    private final float[][] state;

    private AdamW(final Builder b)
    {
        super(b, "adamw");
        beta1 = (float) b.beta1;
        beta2 = (float) b.beta2;
        eps = (float) b.eps;
        m = new float[params.length];
        v = new float[params.length];
        state = new float[][] {m, v};
    }

    /**
     * torch defaults: lr 1e-3, betas (0.9, 0.999), eps 1e-8, weight decay 0.01.
     *
     * @param arena the parameters to optimize
     * @return a builder
     */
    public static Builder builder(final ParameterArena arena)
    {
        return new Builder(arena, 0.01);
    }

    /**
     * Adam: the AdamW builder with weight decay 0 (torch.optim.Adam without its L2 term): lr 1e-3, betas (0.9,
     * 0.999), eps 1e-8.
     *
     * @param arena the parameters to optimize
     * @return a builder
     */
    public static Builder adam(final ParameterArena arena)
    {
        return new Builder(arena, 0.0);
    }

    /**
     * @return the first moment, parallel to the arena (live; for inspection)
     */
    public float[] firstMoment()
    {
        return m;
    }

    /**
     * @return the second moment, parallel to the arena (live; for inspection)
     */
    public float[] secondMoment()
    {
        return v;
    }

    /**
     * @return β1
     */
    public float beta1()
    {
        return beta1;
    }

    /**
     * @return β2
     */
    public float beta2()
    {
        return beta2;
    }

    /**
     * @return ε
     */
    public float eps()
    {
        return eps;
    }

    @Override
    void update(final int off, final int len, final float lr, final float weightDecay, final int t)
    {
        KERNELS.adamw(params, grads, m, v, off, len, lr, beta1, beta2, eps, weightDecay, t);
    }

    @Override
    float[][] stateArrays()
    {
        return state;
    }

    /**
     * Settings for {@link AdamW}.
     */
    public static final class Builder extends Optimizer.Builder<Builder, AdamW>
    {
        private double beta1 = 0.9;
        private double beta2 = 0.999;
        private double eps = 1e-8;

        private Builder(final ParameterArena arena, final double defaultWeightDecay)
        {
            super(arena, "AdamW");
            lr = 1e-3;
            weightDecay = defaultWeightDecay;
        }

        /**
         * @param b1 β1 in [0, 1)
         * @param b2 β2 in [0, 1)
         * @return this builder
         */
        public Builder betas(final double b1, final double b2)
        {
            Hyper.beta(owner, "beta1", b1);
            Hyper.beta(owner, "beta2", b2);
            beta1 = b1;
            beta2 = b2;
            return this;
        }

        /**
         * @param value ε, finite and ≥ 0
         * @return this builder
         */
        public Builder eps(final double value)
        {
            Hyper.nonNegative(owner, "eps", value);
            eps = value;
            return this;
        }

        /**
         * @param value decoupled weight decay of every group without its own, finite and ≥ 0
         * @return this builder
         */
        public Builder weightDecay(final double value)
        {
            Hyper.nonNegative(owner, "weightDecay", value);
            weightDecay = value;
            return this;
        }

        /**
         * {@inheritDoc}
         */
        @Override
        public AdamW build()
        {
            return new AdamW(this);
        }
    }
}
