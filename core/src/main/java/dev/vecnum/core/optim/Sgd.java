package dev.vecnum.core.optim;

import dev.vecnum.core.kernel.Kernels;
import dev.vecnum.core.kernel.OptimKernels;

/**
 * Plain SGD over an arena: w −= lr·g ({@link dev.vecnum.core.Optim#sgd}), no state.
 *
 * <pre>{@code
 * Sgd opt = Sgd.builder(arena).lr(0.01).build();
 * }</pre>
 */
public final class Sgd extends Optimizer
{
    private static final OptimKernels KERNELS = Kernels.OPTIM;
    private static final float[][] NO_STATE = new float[0][];

    private Sgd(final Builder b)
    {
        super(b, "sgd");
    }

    /**
     * @param arena the parameters to optimize
     * @return a builder; {@code lr} is required
     */
    public static Builder builder(final ParameterArena arena)
    {
        return new Builder(arena);
    }

    @Override
    void update(final int off, final int len, final float lr, final float weightDecay, final int t)
    {
        KERNELS.sgd(params, grads, off, len, lr);
    }

    @Override
    float[][] stateArrays()
    {
        return NO_STATE;
    }

    /**
     * Settings for {@link Sgd}.
     */
    public static final class Builder extends Optimizer.Builder<Builder, Sgd>
    {
        private Builder(final ParameterArena arena)
        {
            super(arena, "Sgd");
        }

        /**
         * {@inheritDoc}
         */
        @Override
        public Sgd build()
        {
            return new Sgd(this);
        }
    }
}
