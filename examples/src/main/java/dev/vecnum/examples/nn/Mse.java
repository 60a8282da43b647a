package dev.vecnum.examples.nn;

/**
 * Mean squared error and its gradient as the lesson writes them: the loss is mean((pred − y)²) and the gradient
 * passed to the last layer is pred − y (the derivative of half the squared error, per row). Stateless.
 */
public final class Mse
{
    private Mse()
    {
    }

    /**
     * Writes the residual r[i] = pred[i] − y[yOff + i] for i in [0, len) and returns Σ r², accumulated in double.
     *
     * @param pred predictions, from offset 0
     * @param y    targets at {@code y[yOff..]}
     * @param yOff offset of the first target
     * @param r    residual output, from offset 0, overwritten; may be {@code pred}
     * @param len  element count (rows × outputs)
     * @return the sum of squared residuals
     */
    public static double residual(final float[] pred, final float[] y, final int yOff, final float[] r, final int len)
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
}
