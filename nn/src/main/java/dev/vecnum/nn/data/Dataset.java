package dev.vecnum.nn.data;

/**
 * Rows of float32 inputs and targets for training: {@code x} is rows × features and {@code y} rows × targets, both
 * flat row-major. Arrays are shared, not copied; treat them as read-only.
 *
 * @param x        inputs, length rows·features
 * @param y        targets, length rows·targets
 * @param rows     number of rows
 * @param features inputs per row
 * @param targets  targets per row
 */
public record Dataset(float[] x, float[] y, int rows, int features, int targets)
{
    /**
     * Splits a row-major double block whose first {@code features} columns are inputs and whose remaining columns are
     * targets, rounding to float32.
     *
     * @param values   row-major rows × (features + targets)
     * @param rows     number of rows
     * @param features leading input columns
     * @param targets  trailing target columns
     * @return the dataset
     */
    public static Dataset fromRows(final double[] values, final int rows, final int features, final int targets)
    {
        final int width = features + targets;
        final float[] x = new float[rows * features];
        final float[] y = new float[rows * targets];
        for (int i = 0; i < rows; i++)
        {
            for (int j = 0; j < features; j++)
            {
                x[i * features + j] = (float) values[i * width + j];
            }
            for (int j = 0; j < targets; j++)
            {
                y[i * targets + j] = (float) values[i * width + features + j];
            }
        }
        return new Dataset(x, y, rows, features, targets);
    }

    /**
     * A copy of rows [from, to).
     *
     * @param from first row
     * @param to   end row (exclusive)
     * @return the rows
     */
    public Dataset slice(final int from, final int to)
    {
        if (from < 0 || to > rows || from > to)
        {
            throw new IllegalArgumentException("slice [" + from + ", " + to + ") of " + rows + " rows");
        }
        return new Dataset(
            java.util.Arrays.copyOfRange(x, from * features, to * features),
            java.util.Arrays.copyOfRange(y, from * targets, to * targets),
            to - from, features, targets);
    }
}
