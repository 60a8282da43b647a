package dev.vecnum.nn;

/**
 * numpy's legacy {@code RandomState}: the MT19937 generator seeded with {@code init_genrand(seed)} and
 * {@code random_sample()} doubles built from two 32-bit draws (53 random bits), so {@code seed(s); rand(r, c)} here
 * yields exactly numpy's values.
 *
 * <p>Not thread-safe: one instance per thread.
 */
public final class NumpyRandom
{
    private static final int N = 624;
    private static final int M = 397;
    private static final int MATRIX_A = 0x9908b0df;
    private static final int UPPER_MASK = 0x80000000;
    private static final int LOWER_MASK = 0x7fffffff;

    private final int[] mt = new int[N];
    private int index;

    /**
     * Creates a generator seeded like {@code numpy.random.seed(seed)}.
     *
     * @param seed the seed, 0 … 2³²−1 (the low 32 bits are used)
     */
    public NumpyRandom(final long seed)
    {
        seed(seed);
    }

    /**
     * Re-seeds like {@code numpy.random.seed(seed)} (MT19937 {@code init_genrand}).
     *
     * @param seed the seed (the low 32 bits are used)
     */
    public void seed(final long seed)
    {
        mt[0] = (int) seed;
        for (int i = 1; i < N; i++)
        {
            mt[i] = 1812433253 * (mt[i - 1] ^ (mt[i - 1] >>> 30)) + i;
        }
        index = N;
    }

    /**
     * The next raw 32-bit output of MT19937, as an unsigned value in a long.
     *
     * @return 0 … 2³²−1
     */
    public long nextUInt32()
    {
        if (index >= N)
        {
            twist();
        }
        int y = mt[index++];
        y ^= y >>> 11;
        y ^= (y << 7) & 0x9d2c5680;
        y ^= (y << 15) & 0xefc60000;
        y ^= y >>> 18;
        return y & 0xffffffffL;
    }

    /**
     * The next uniform double in [0, 1), like {@code numpy.random.random_sample()}: (a·2²⁶ + b) / 2⁵³ with a the top
     * 27 bits of one draw and b the top 26 bits of the next.
     *
     * @return a double in [0, 1)
     */
    public double nextDouble()
    {
        final long a = nextUInt32() >>> 5;
        final long b = nextUInt32() >>> 6;
        return (a * 67108864.0 + b) / 9007199254740992.0;
    }

    /**
     * Fills {@code out[off .. off+len)} with uniform draws, in order: {@code rand(r, c)} is {@code fill(out, 0, r*c)}
     * read row-major.
     *
     * @param out destination
     * @param off first element
     * @param len number of draws
     */
    public void fill(final double[] out, final int off, final int len)
    {
        for (int i = off; i < off + len; i++)
        {
            out[i] = nextDouble();
        }
    }

    private void twist()
    {
        for (int i = 0; i < N; i++)
        {
            final int y = (mt[i] & UPPER_MASK) | (mt[(i + 1) % N] & LOWER_MASK);
            mt[i] = mt[(i + M) % N] ^ (y >>> 1) ^ ((y & 1) != 0 ? MATRIX_A : 0);
        }
        index = 0;
    }
}
