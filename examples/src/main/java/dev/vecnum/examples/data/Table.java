package dev.vecnum.examples.data;

import java.util.List;

/**
 * Numeric columns read from a CSV file: {@code rows × columns().size()} doubles, row-major, in the order the columns
 * were requested. Immutable by convention (the array is shared, not copied).
 *
 * @param source  the file name used in messages
 * @param columns the column names, in value order
 * @param rows    number of data rows
 * @param values  row-major values, length rows·columns
 */
public record Table(String source, List<String> columns, int rows, double[] values)
{
    /**
     * @return the number of columns
     */
    public int width()
    {
        return columns.size();
    }

    /**
     * @param row    0-based row
     * @param column 0-based column in {@link #columns()} order
     * @return the value
     */
    public double get(final int row, final int column)
    {
        return values[row * width() + column];
    }
}
