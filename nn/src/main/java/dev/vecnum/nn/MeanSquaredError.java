package dev.vecnum.nn;

import dev.vecnum.core.Losses;

/**
 * Mean squared error as the lesson writes it: the loss is mean((pred − y)²) over rows and outputs, and the gradient
 * passed to the last layer is pred − y per row (the derivative of half the squared error; the layers divide by rows).
 * Stateless and thread-safe.
 */
final class MeanSquaredError implements Loss<float[]>
{
    /** {@inheritDoc} */
    @Override
    public double lossAndGradient(final float[] out, final int rows, final int width, final float[] targets,
        final int targetOff, final float[] grad)
    {
        final int len = rows * width;
        return Losses.residualSumOfSquares(out, 0, targets, targetOff, grad, 0, len) / len;
    }

    /** {@inheritDoc} */
    @Override
    public boolean perRowGradient()
    {
        return true;
    }

    /** {@inheritDoc} */
    @Override
    public int targetsPerRow(final int width)
    {
        return width;
    }

    /** {@inheritDoc} */
    @Override
    public String name()
    {
        return "mse";
    }
}
