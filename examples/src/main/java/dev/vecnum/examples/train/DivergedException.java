package dev.vecnum.examples.train;

/**
 * Training produced a non-finite loss: the run is stopped (exit code 1) and nothing half-written is kept.
 */
public final class DivergedException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    /**
     * @param epoch the 0-based epoch whose loss was not finite
     * @param train its train loss
     * @param valid its valid loss
     */
    public DivergedException(final int epoch, final double train, final double valid)
    {
        this(epoch, train, "valid", valid);
    }

    /**
     * @param epoch     the 0-based epoch whose loss was not finite
     * @param train     its train loss
     * @param otherName the other loss's split, e.g. {@code "test"}
     * @param other     that loss
     */
    public DivergedException(final int epoch, final double train, final String otherName, final double other)
    {
        super("training diverged at epoch " + epoch + " (train loss " + train + ", " + otherName + " loss " + other +
            "): lower --lr or set --clip-norm");
    }

    /**
     * Throws if the epoch's losses are not finite.
     *
     * @param epoch the epoch's record
     * @throws DivergedException if a loss is NaN or infinite
     */
    public static void check(final EpochResult epoch)
    {
        if (!Double.isFinite(epoch.trainLoss()) || !Double.isFinite(epoch.validLoss()))
        {
            throw new DivergedException(epoch.epoch(), epoch.trainLoss(), epoch.validLoss());
        }
    }
}
