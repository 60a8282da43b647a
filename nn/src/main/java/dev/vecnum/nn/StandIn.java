package dev.vecnum.nn;

/**
 * TEMPORARY scalar stand-ins for core's {@code Losses} (being written by helper "losses", same signatures); deleted
 * when it is merged.
 */
public final class StandIn
{
    private StandIn()
    {
    }

    /**
     * Core's contract: mean over rows of −log softmax(logits)[label], grad = (softmax − onehot) / rows.
     *
     * @param logits   rows×classes at off
     * @param off      offset
     * @param rows     rows
     * @param classes  classes
     * @param labels   labels at labelOff
     * @param labelOff offset
     * @param grad     gradient at gradOff
     * @param gradOff  offset
     * @return mean loss
     */
    public static double softmaxCrossEntropy(final float[] logits, final int off, final int rows, final int classes,
        final int[] labels, final int labelOff, final float[] grad, final int gradOff)
    {
        double total = 0;
        for (int r = 0; r < rows; r++)
        {
            final int base = off + r * classes;
            final int label = labels[labelOff + r];
            if (label < 0 || label >= classes)
            {
                throw new IllegalArgumentException("label " + label + " at row " + r + " outside [0, " + classes + ")");
            }
            float max = Float.NEGATIVE_INFINITY;
            for (int c = 0; c < classes; c++)
            {
                max = Math.max(max, logits[base + c]);
            }
            double sum = 0;
            for (int c = 0; c < classes; c++)
            {
                sum += Math.exp(logits[base + c] - max);
            }
            final double logSum = Math.log(sum);
            total += logSum - (logits[base + label] - max);
            for (int c = 0; c < classes; c++)
            {
                final double p = Math.exp(logits[base + c] - max - logSum);
                grad[gradOff + r * classes + c] = (float) ((p - (c == label ? 1 : 0)) / rows);
            }
        }
        return total / rows;
    }

    /**
     * Index of each row's largest value (first on ties).
     *
     * @param x       rows×cols at off
     * @param off     offset
     * @param rows    rows
     * @param cols    columns
     * @param out     argmax per row at outOff
     * @param outOff  offset
     */
    public static void argmaxRows(final float[] x, final int off, final int rows, final int cols, final int[] out,
        final int outOff)
    {
        for (int r = 0; r < rows; r++)
        {
            int best = 0;
            for (int c = 1; c < cols; c++)
            {
                if (x[off + r * cols + c] > x[off + r * cols + best])
                {
                    best = c;
                }
            }
            out[outOff + r] = best;
        }
    }
}
