package dev.vecnum.core.kernel;

/**
 * Plain-Java reference for the element-wise kernels; the vector versions must match it bit for bit.
 */
public final class ScalarElementwise implements ElementwiseKernels
{
    /** The shared stateless instance. */
    public static final ScalarElementwise INSTANCE = new ScalarElementwise();

    private ScalarElementwise()
    {
    }

    /**
     * numpy.heaviside for one value.
     *
     * @param x           input
     * @param valueAtZero H(±0)
     * @return 0, valueAtZero, 1 or NaN
     */
    public static float heaviside(final float x, final float valueAtZero)
    {
        if (x < 0f)
        {
            return 0f;
        }
        if (x > 0f)
        {
            return 1f;
        }
        return x == 0f ? valueAtZero : x;
    }

    @Override
    public void relu(final float[] x, final int off, final int len)
    {
        for (int i = off; i < off + len; i++)
        {
            x[i] = Math.max(x[i], 0f);
        }
    }

    @Override
    public void heaviside(
        final float[] x, final int xOff, final float[] out, final int outOff, final int len, final float valueAtZero)
    {
        for (int i = 0; i < len; i++)
        {
            out[outOff + i] = heaviside(x[xOff + i], valueAtZero);
        }
    }

    @Override
    public void reluBackward(
        final float[] grad, final int gradOff, final float[] activated, final int actOff, final int len)
    {
        for (int i = 0; i < len; i++)
        {
            grad[gradOff + i] *= heaviside(activated[actOff + i], 0f);
        }
    }

    @Override
    public void addBiasRows(
        final float[] x, final int xOff, final int rows, final int cols, final float[] bias, final int biasOff,
        final boolean relu)
    {
        for (int r = 0; r < rows; r++)
        {
            final int row = xOff + r * cols;
            for (int j = 0; j < cols; j++)
            {
                final float v = x[row + j] + bias[biasOff + j];
                x[row + j] = relu ? Math.max(v, 0f) : v;
            }
        }
    }

    @Override
    public void columnSum(
        final float[] x, final int xOff, final int rows, final int cols, final float[] out, final int outOff,
        final float scale)
    {
        columnSums(x, xOff, rows, cols, 0, cols, out, outOff, scale);
    }

    /**
     * out[j] = scale · Σ_i x[i, j] for columns j in [fromCol, toCol) of a row-major block with row stride
     * {@code cols}; rows summed in order.
     */
    static void columnSums(
        final float[] x, final int xOff, final int rows, final int cols, final int fromCol, final int toCol,
        final float[] out, final int outOff, final float scale)
    {
        for (int j = fromCol; j < toCol; j++)
        {
            float sum = 0f;
            for (int r = 0; r < rows; r++)
            {
                sum += x[xOff + r * cols + j];
            }
            out[outOff + j] = sum * scale;
        }
    }

    @Override
    public void scale(final float[] x, final int off, final int len, final float s)
    {
        for (int i = off; i < off + len; i++)
        {
            x[i] *= s;
        }
    }

    @Override
    public double sumOfSquares(final float[] x, final int off, final int len)
    {
        double sum = 0.0;
        for (int i = off; i < off + len; i++)
        {
            final double v = x[i];
            sum += v * v;
        }
        return sum;
    }
}
