package dev.vecnum.core.optim;

/**
 * Hyperparameter validation with torch.optim's rules; every failure names the argument.
 */
final class Hyper
{
    private Hyper()
    {
    }

    static void nonNegative(final String owner, final String name, final double value)
    {
        if (!(Double.isFinite(value) && value >= 0.0 && (float) value <= Float.MAX_VALUE))
        {
            throw new IllegalArgumentException(owner + ": " + name + " must be finite and >= 0, got " + value);
        }
    }

    static void beta(final String owner, final String name, final double value)
    {
        // also rejects values that round to 1f, which the float kernels would see as β = 1
        if (!(value >= 0.0 && value < 1.0 && (float) value < 1f))
        {
            throw new IllegalArgumentException(owner + ": " + name + " must be in [0, 1), got " + value);
        }
    }

    static void positive(final String owner, final String name, final double value)
    {
        if (!(Double.isFinite(value) && value > 0.0))
        {
            throw new IllegalArgumentException(owner + ": " + name + " must be finite and > 0, got " + value);
        }
    }
}
