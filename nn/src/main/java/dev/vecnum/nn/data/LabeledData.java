package dev.vecnum.nn.data;

import java.util.Arrays;

/**
 * Rows of float inputs with one class label each, for classification: {@code x} is rows × features, flat row-major,
 * {@code labels[i]} the class of row i (≥ 0). Arrays are shared, not copied; treat them as read-only.
 *
 * @param x        inputs, length ≥ rows·features
 * @param labels   class labels, length ≥ rows, each ≥ 0
 * @param rows     number of rows
 * @param features inputs per row
 */
public record LabeledData(float[] x, int[] labels, int rows, int features)
{
    /**
     * Validates the shapes.
     *
     * @throws IllegalArgumentException if the arrays are shorter than the shape says or a size is negative
     */
    public LabeledData
    {
        if (rows < 0 || features <= 0 || x.length < (long) rows * features || labels.length < rows)
        {
            throw new IllegalArgumentException("LabeledData: rows=" + rows + " features=" + features + " x.length=" +
                x.length + " labels.length=" + labels.length);
        }
    }

    /**
     * @return the largest label, or -1 without rows
     */
    public int maxLabel()
    {
        int max = -1;
        for (int i = 0; i < rows; i++)
        {
            max = Math.max(max, labels[i]);
        }
        return max;
    }

    /**
     * The first row whose label is not in {@code [0, classes)}.
     *
     * @param classes number of classes
     * @return its index, or -1 if every label is in range
     */
    public int firstLabelOutside(final int classes)
    {
        for (int i = 0; i < rows; i++)
        {
            if (labels[i] < 0 || labels[i] >= classes)
            {
                return i;
            }
        }
        return -1;
    }

    /**
     * Copies rows {@code order[from] … order[from + count − 1]} into a contiguous batch: inputs to
     * {@code xOut[0 .. count·features)}, labels to {@code labelsOut[0 .. count)}. Allocates nothing.
     *
     * @param order     row indices (e.g. an {@link dev.vecnum.nn.train.EpochOrder} permutation)
     * @param from      first position in {@code order}
     * @param count     rows to gather
     * @param xOut      batch inputs, overwritten
     * @param labelsOut batch labels, overwritten
     */
    public void gather(final int[] order, final int from, final int count, final float[] xOut, final int[] labelsOut)
    {
        for (int i = 0; i < count; i++)
        {
            final int row = order[from + i];
            System.arraycopy(x, row * features, xOut, i * features, features);
            labelsOut[i] = labels[row];
        }
    }

    /**
     * A copy of rows [from, to).
     *
     * @param from first row
     * @param to   end row (exclusive)
     * @return the rows
     */
    public LabeledData slice(final int from, final int to)
    {
        if (from < 0 || to > rows || from > to)
        {
            throw new IllegalArgumentException("slice [" + from + ", " + to + ") of " + rows + " rows");
        }
        return new LabeledData(Arrays.copyOfRange(x, from * features, to * features),
            Arrays.copyOfRange(labels, from, to), to - from, features);
    }
}
