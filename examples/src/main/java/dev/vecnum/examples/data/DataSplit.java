package dev.vecnum.examples.data;

import dev.vecnum.nn.BadInputException;
import dev.vecnum.nn.data.Dataset;
import java.util.ArrayList;
import java.util.List;

/**
 * The lesson's split in file order, no shuffle: train = rows [0, int(0.7·n)), valid = [int(0.7·n), int(0.85·n)),
 * test = the rest, with 0.7·n and 0.85·n computed in double precision (as numpy does).
 *
 * @param train training rows
 * @param valid validation rows
 * @param test  test rows
 */
public record DataSplit(Dataset train, Dataset valid, Dataset test)
{
    /**
     * Splits in file order.
     *
     * @param source file name for messages
     * @param all    all rows
     * @return the three splits
     * @throws BadInputException if any split would be empty
     */
    public static DataSplit of(final String source, final Dataset all)
    {
        final int n = all.rows();
        final int a = trainEnd(n);
        final int b = validEnd(n);
        if (a == 0 || b == a || b == n)
        {
            throw new BadInputException(source + ": " + n +
                " data rows are too few for a train/valid/test split (70/15/15 %)");
        }
        return new DataSplit(all.slice(0, a), all.slice(a, b), all.slice(b, n));
    }

    /**
     * Loads features and target from a CSV file, forward-fills, standardizes the features (not the target) over all
     * rows, and splits: the lesson's whole data pipeline.
     *
     * @param table    the loaded columns: features first, then the target
     * @param features number of leading feature columns
     * @return the three splits
     * @throws BadInputException on a constant feature or too few rows
     */
    public static DataSplit prepare(final Table table, final int features)
    {
        final double[] values = table.values().clone();
        Standardizer.fit(table.source(), table.columns(), values, table.rows(), table.width(), features)
            .apply(values, table.rows(), table.width());
        return of(table.source(), Dataset.fromRows(values, table.rows(), features, table.width() - features));
    }

    /**
     * The columns to load for {@link #prepare}: the features, then the target.
     *
     * @param features feature names
     * @param target   target name
     * @return features followed by target
     */
    public static List<String> columns(final List<String> features, final String target)
    {
        final List<String> all = new ArrayList<>(features);
        all.add(target);
        return all;
    }

    /**
     * @param n total rows
     * @return int(0.7·n)
     */
    public static int trainEnd(final int n)
    {
        return (int) (0.7 * n);
    }

    /**
     * @param n total rows
     * @return int(0.85·n)
     */
    public static int validEnd(final int n)
    {
        return (int) (0.85 * n);
    }
}
