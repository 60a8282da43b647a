package dev.vecnum.examples.nn;

/**
 * Parameter initialization schemes. Both draw W (in×out, row-major) from U(−k, k) with k = √(1/in).
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
                uniform(random, mlp.params(), layer.weightOffset(), layer.in() * layer.out(), layer.in());
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
                uniform(random, mlp.params(), layer.weightOffset(), layer.in() * layer.out(), layer.in());
                uniform(random, mlp.params(), layer.biasOffset(), layer.out(), layer.in());
            }
        }
    };

    /**
     * Overwrites every parameter of {@code mlp}.
     *
     * @param mlp  the model
     * @param seed the seed (ignored by {@link #LESSON})
     */
    public abstract void apply(Mlp mlp, long seed);

    private static void uniform(final NumpyRandom random, final float[] out, final int off, final int len, final int in)
    {
        final double k = Math.sqrt(1.0 / in);
        for (int i = off; i < off + len; i++)
        {
            out[i] = (float) (random.nextDouble() * 2 * k - k);
        }
    }
}
