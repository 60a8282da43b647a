package dev.vecnum.nn.train;

import java.util.SplittableRandom;

/**
 * The order in which an epoch visits the training rows: a permutation that is a pure function of (seed, epoch, rows),
 * so any process (a resumed run, a Spark driver forming the same global batches) gets the same batches. Epoch e's
 * permutation is a Fisher–Yates shuffle of 0 … rows−1 driven by a {@link SplittableRandom} seeded with
 * {@code seed ^ mix(e)}; it does not depend on earlier epochs. Stateless and thread-safe.
 */
public final class EpochOrder
{
    private static final long GOLDEN = 0x9E3779B97F4A7C15L;

    private EpochOrder()
    {
    }

    /**
     * Writes epoch {@code epoch}'s permutation of {@code [0, rows)} into {@code order[0 .. rows)}. Allocates nothing
     * but the generator.
     *
     * @param seed  the run's seed
     * @param epoch 0-based epoch
     * @param order output, length ≥ rows; overwritten
     * @param rows  training rows, ≥ 0
     * @throws IllegalArgumentException if {@code order} is too short, rows &lt; 0 or epoch &lt; 0
     */
    public static void permutation(final long seed, final int epoch, final int[] order, final int rows)
    {
        if (rows < 0 || epoch < 0 || order.length < rows)
        {
            throw new IllegalArgumentException("EpochOrder.permutation: rows=" + rows + " epoch=" + epoch +
                " order.length=" + order.length);
        }
        for (int i = 0; i < rows; i++)
        {
            order[i] = i;
        }
        final SplittableRandom random = new SplittableRandom(seed ^ (GOLDEN * (epoch + 1L)));
        for (int i = rows - 1; i > 0; i--)
        {
            final int j = random.nextInt(i + 1);
            final int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
    }

    /**
     * Epoch {@code epoch}'s permutation as a new array.
     *
     * @param seed  the run's seed
     * @param epoch 0-based epoch
     * @param rows  training rows
     * @return the permutation
     */
    public static int[] permutation(final long seed, final int epoch, final int rows)
    {
        final int[] order = new int[rows];
        permutation(seed, epoch, order, rows);
        return order;
    }
}
