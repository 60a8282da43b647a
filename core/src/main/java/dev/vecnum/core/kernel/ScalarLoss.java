package dev.vecnum.core.kernel;

/**
 * Plain-Java reference for the loss kernels: exponentials and sums in double ({@link Math#exp}), each row's maximum
 * subtracted first, outputs rounded to float once. The vector version agrees with it to about 1e-6 relative
 * ({@link VectorLoss} uses a float polynomial exponential); argmax, the correct-prediction count and the residual sum
 * of squares are exact and shared by both.
 */
public final class ScalarLoss implements LossKernels
{
    /** The shared stateless instance. */
    public static final ScalarLoss INSTANCE = new ScalarLoss();

    private ScalarLoss()
    {
    }

    @Override
    public double softmaxCrossEntropy(
        final float[] logits, final int off, final int rows, final int classes, final int[] labels,
        final int labelOff, final float[] grad, final int gradOff)
    {
        final double invRows = 1.0 / rows;
        double total = 0.0;
        for (int r = 0; r < rows; r++)
        {
            final int row = off + r * classes;
            final int label = labels[labelOff + r];
            final float max = rowMax(logits, row, classes);
            final float labelLogit = logits[row + label];
            final double logSum = logSumExpShifted(logits, row, classes, max);
            final double sum = Math.exp(logSum);
            total += logSum + ((double) max - labelLogit);
            if (grad != null)
            {
                // each element is read before the same index is written: grad may be logits at the same offset
                writeSoftmax(logits, row, classes, max, invRows / sum, grad, gradOff + r * classes);
                grad[gradOff + r * classes + label] = (float) (Math.exp((double) labelLogit - max) * invRows / sum -
                    invRows);
            }
        }
        return total * invRows;
    }

    @Override
    public void softmax(final float[] x, final int xOff, final int rows, final int cols, final float[] out,
        final int outOff)
    {
        for (int r = 0; r < rows; r++)
        {
            final int row = xOff + r * cols;
            final float max = rowMax(x, row, cols);
            writeSoftmax(x, row, cols, max, Math.exp(-logSumExpShifted(x, row, cols, max)), out, outOff + r * cols);
        }
    }

    /** out[j] = exp(x[j] − max) · scale in double, rounded once; x[j] is read before out[j] is written. */
    private static void writeSoftmax(
        final float[] x, final int row, final int cols, final float max, final double scale, final float[] out,
        final int outRow)
    {
        for (int j = 0; j < cols; j++)
        {
            out[outRow + j] = (float) (Math.exp((double) x[row + j] - max) * scale);
        }
    }

    /**
     * log Σ exp(x[j] − max) in double. The maxima's exp(0) = 1 are counted apart from the rest:
     * log(count + rest) = log1p(count − 1 + rest) keeps a confident row's tiny loss precise.
     */
    private static double logSumExpShifted(final float[] x, final int row, final int cols, final float max)
    {
        double rest = 0.0;
        double count = 0.0;
        for (int j = 0; j < cols; j++)
        {
            final double d = (double) x[row + j] - max;
            if (d == 0.0)
            {
                count += 1.0;
            }
            else
            {
                rest += Math.exp(d);
            }
        }
        return Math.log1p(count - 1.0 + rest);
    }

    /**
     * The largest of x[row .. row+cols) with {@link Math#max(float, float)} semantics (NaN if any is NaN).
     *
     * @param x    data
     * @param row  first element
     * @param cols element count, ≥ 1
     * @return the maximum
     */
    static float rowMax(final float[] x, final int row, final int cols)
    {
        float max = Float.NEGATIVE_INFINITY;
        for (int j = 0; j < cols; j++)
        {
            max = Math.max(max, x[row + j]);
        }
        return max;
    }

    @Override
    public void argmax(final float[] x, final int xOff, final int rows, final int cols, final int[] out,
        final int outOff)
    {
        for (int r = 0; r < rows; r++)
        {
            out[outOff + r] = argmaxRow(x, xOff + r * cols, cols);
        }
    }

    @Override
    public int countCorrect(final float[] x, final int xOff, final int rows, final int cols, final int[] labels,
        final int labelOff)
    {
        int correct = 0;
        for (int r = 0; r < rows; r++)
        {
            if (argmaxRow(x, xOff + r * cols, cols) == labels[labelOff + r])
            {
                correct++;
            }
        }
        return correct;
    }

    /** numpy.argmax of one row: the first index of the largest value, or of the first NaN. */
    private static int argmaxRow(final float[] x, final int row, final int cols)
    {
        int best = 0;
        float bestValue = x[row];
        for (int j = 1; j < cols && bestValue == bestValue; j++)
        {
            final float v = x[row + j];
            if (v > bestValue || v != v)
            {
                best = j;
                bestValue = v;
            }
        }
        return best;
    }

    @Override
    public double residualSumOfSquares(
        final float[] pred, final int predOff, final float[] y, final int yOff, final float[] r, final int rOff,
        final int len)
    {
        double sum = 0.0;
        for (int i = 0; i < len; i++)
        {
            final float d = pred[predOff + i] - y[yOff + i];
            r[rOff + i] = d;
            sum += (double) d * d;
        }
        return sum;
    }
}
