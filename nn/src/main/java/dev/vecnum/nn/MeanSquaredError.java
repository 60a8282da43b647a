package dev.vecnum.nn;

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
        return residual(out, targets, targetOff, grad, len) / len;
    }

    // stand-in until core's Losses has the lesson's MSE (helper "losses"): r = pred − y, returns Σ r² in double
    private static double residual(final float[] pred, final float[] y, final int yOff, final float[] r, final int len)
    {
        double sum = 0;
        for (int i = 0; i < len; i++)
        {
            final float d = pred[i] - y[yOff + i];
            r[i] = d;
            sum += (double) d * d;
        }
        return sum;
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
