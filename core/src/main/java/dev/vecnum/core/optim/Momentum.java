package dev.vecnum.core.optim;

import dev.vecnum.core.kernel.Kernels;
import dev.vecnum.core.kernel.OptimKernels;

/**
 * SGD with momentum, torch form ({@link dev.vecnum.core.Optim#momentum}): v = μ·v + g; w −= lr·(nesterov ? g + μ·v
 * : v), velocity parallel to the arena and starting at 0. The lesson's v' = β·v' − lr·g; w += v' is the same update
 * for a constant lr (v' = −lr·v); with a schedule the two differ, and this one follows torch.
 *
 * <pre>{@code
 * Momentum opt = Momentum.builder(arena).lr(0.01).momentum(0.9).nesterov(true).build();
 * }</pre>
 */
public final class Momentum extends Optimizer
{
    private static final OptimKernels KERNELS = Kernels.OPTIM;

    private final float momentum;
    private final boolean nesterov;
    private final float[] velocity;
    private final float[][] state;

    private Momentum(final Builder b)
    {
        super(b, "momentum");
        momentum = (float) b.momentum;
        nesterov = b.nesterov;
        velocity = new float[params.length];
        state = new float[][] {velocity};
    }

    /**
     * @param arena the parameters to optimize
     * @return a builder; {@code lr} and {@code momentum} are required
     */
    public static Builder builder(final ParameterArena arena)
    {
        return new Builder(arena);
    }

    /**
     * @return the velocity, parallel to the arena (live; for inspection)
     */
    public float[] velocity()
    {
        return velocity;
    }

    /**
     * @return μ
     */
    public float momentum()
    {
        return momentum;
    }

    /**
     * @return whether the Nesterov form is used
     */
    public boolean nesterov()
    {
        return nesterov;
    }

    @Override
    void update(final int off, final int len, final float lr, final float weightDecay, final int t)
    {
        KERNELS.momentum(params, grads, velocity, off, len, lr, momentum, nesterov);
    }

    @Override
    float[][] stateArrays()
    {
        return state;
    }

    /**
     * Settings for {@link Momentum}.
     */
    public static final class Builder extends Optimizer.Builder<Builder, Momentum>
    {
        private double momentum = Double.NaN;
        private boolean nesterov;

        private Builder(final ParameterArena arena)
        {
            super(arena, "Momentum");
        }

        /**
         * @param value μ in [0, 1)
         * @return this builder
         */
        public Builder momentum(final double value)
        {
            Hyper.beta(owner, "momentum", value);
            momentum = value;
            return this;
        }

        /**
         * @param value use the Nesterov form (default false)
         * @return this builder
         */
        public Builder nesterov(final boolean value)
        {
            nesterov = value;
            return this;
        }

        /**
         * {@inheritDoc}
         */
        @Override
        public Momentum build()
        {
            if (Double.isNaN(momentum))
            {
                throw new IllegalArgumentException(owner + ": momentum is required");
            }
            return new Momentum(this);
        }
    }
}
