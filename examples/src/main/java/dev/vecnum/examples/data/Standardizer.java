package dev.vecnum.examples.data;

import dev.vecnum.nn.BadInputException;

/**
 * Feature standardization (x − mean) / std with the mean and the <b>population</b> standard deviation (divide by n,
 * like scikit-learn's {@code StandardScaler}) of each column over all rows, computed in double precision.
 *
 * @param mean per-column mean
 * @param std  per-column population standard deviation, all &gt; 0
 */
public record Standardizer(double[] mean, double[] std)
{
    /**
     * Fits the first {@code columns} columns of a row-major block.
     *
     * @param source  file name for messages
     * @param names   column names for messages
     * @param values  row-major block, rows × stride
     * @param rows    number of rows
     * @param stride  values per row
     * @param columns number of leading columns to fit
     * @return the fitted standardizer
     * @throws BadInputException if a column is constant (std 0), which cannot be standardized
     */
    public static Standardizer fit(
        final String source, final java.util.List<String> names, final double[] values, final int rows,
        final int stride, final int columns)
    {
        final double[] mean = new double[columns];
        final double[] std = new double[columns];
        for (int j = 0; j < columns; j++)
        {
            double sum = 0;
            for (int i = 0; i < rows; i++)
            {
                sum += values[i * stride + j];
            }
            mean[j] = sum / rows;
            double squares = 0;
            for (int i = 0; i < rows; i++)
            {
                final double d = values[i * stride + j] - mean[j];
                squares += d * d;
            }
            std[j] = Math.sqrt(squares / rows);
            if (!(std[j] > 0))
            {
                throw new BadInputException(source + ": column '" + names.get(j) +
                    "' is constant (standard deviation 0), so it cannot be standardized");
            }
        }
        return new Standardizer(mean, std);
    }

    /**
     * In place: values[i, j] = (values[i, j] − mean[j]) / std[j] for the fitted leading columns.
     *
     * @param values row-major block, rows × stride, overwritten
     * @param rows   number of rows
     * @param stride values per row
     */
    public void apply(final double[] values, final int rows, final int stride)
    {
        for (int i = 0; i < rows; i++)
        {
            for (int j = 0; j < mean.length; j++)
            {
                values[i * stride + j] = (values[i * stride + j] - mean[j]) / std[j];
            }
        }
    }
}
