package dev.vecnum.nn;

/**
 * Parameter initialization schemes: W (in×out, row-major) from U(−k, k), deterministic from the seed (one MT19937
 * generator, {@link NumpyRandom}; the same seed gives the same bits on every machine).
 */
public enum Init
{
    /**
     * The lesson's: every layer re-seeds numpy's legacy generator with 0 and draws {@code rand(in, out)}, scaled as
     * {@code w = r·2·k − k} in double then rounded to float; biases are 1. The seed is ignored.
     */
    LESSON
    {
        @Override
        public void apply(final Mlp mlp, final long seed)
        {
            final NumpyRandom random = new NumpyRandom(0);
            for (int i = 0; i < mlp.layerCount(); i++)
            {
                random.seed(0);
                final Dense layer = mlp.layer(i);
                uniform(random, mlp.params(), layer.weightOffset(), layer.in() * layer.out(), bound(layer));
                java.util.Arrays.fill(mlp.params(), layer.biasOffset(), layer.biasOffset() + layer.out(), 1f);
            }
        }
    },
    /**
     * Like {@code torch.nn.Linear}: one generator (MT19937) seeded with the seed; each layer draws W and then b from
     * U(−k, k).
     */
    DEFAULT
    {
        @Override
        public void apply(final Mlp mlp, final long seed)
        {
            final NumpyRandom random = new NumpyRandom(seed);
            for (int i = 0; i < mlp.layerCount(); i++)
            {
                final Dense layer = mlp.layer(i);
                uniform(random, mlp.params(), layer.weightOffset(), layer.in() * layer.out(), bound(layer));
                uniform(random, mlp.params(), layer.biasOffset(), layer.out(), bound(layer));
            }
        }
    },
    /**
     * He (Kaiming) uniform for ReLU networks: one generator seeded with the seed; each layer draws W from U(−k, k) with
     * k = √(6/in); biases are 0.
     */
    HE_UNIFORM
    {
        @Override
        public void apply(final Mlp mlp, final long seed)
        {
            final NumpyRandom random = new NumpyRandom(seed);
            for (int i = 0; i < mlp.layerCount(); i++)
            {
                final Dense layer = mlp.layer(i);
                uniform(random, mlp.params(), layer.weightOffset(), layer.in() * layer.out(),
                    Math.sqrt(6.0 / layer.in()));
                java.util.Arrays.fill(mlp.params(), layer.biasOffset(), layer.biasOffset() + layer.out(), 0f);
            }
        }
    };

    /**
     * Overwrites every parameter of {@code mlp}.
     *
     * @param mlp  the model
     * @param seed the seed (ignored by {@link #LESSON}; the low 32 bits are used)
     */
    public abstract void apply(Mlp mlp, long seed);

    private static double bound(final Dense layer)
    {
        return Math.sqrt(1.0 / layer.in());
    }

    private static void uniform(final NumpyRandom random, final float[] out, final int off, final int len,
        final double k)
    {
        for (int i = off; i < off + len; i++)
        {
            out[i] = (float) (random.nextDouble() * 2 * k - k);
        }
    }
}
