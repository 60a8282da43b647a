package dev.vecnum.examples.data;

import dev.vecnum.nn.BadInputException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The lesson's weather data (NOAA daily station records, {@code data/clean_weather.csv} in the repository), bundled
 * into the jar at build time so the examples run from anywhere. Stateless.
 */
public final class BundledData
{
    /** The name used in messages and listings. */
    public static final String NAME = "clean_weather.csv (bundled)";
    /** The lesson's predictors. */
    public static final List<String> FEATURES = List.of("tmax", "tmin", "rain");
    /** The lesson's target. */
    public static final String TARGET = "tmax_tomorrow";

    private static final String RESOURCE = "/dev/vecnum/examples/data/clean_weather.csv";

    private BundledData()
    {
    }

    /**
     * Loads columns from the bundled weather CSV.
     *
     * @param columns column names, in the order wanted
     * @return the values
     * @throws BadInputException if a column is missing (or the jar was built without the data)
     */
    public static Table load(final List<String> columns)
    {
        final InputStream in = BundledData.class.getResourceAsStream(RESOURCE);
        if (in == null)
        {
            throw new BadInputException(NAME + ": not found in the jar (was it built with data/clean_weather.csv?)");
        }
        try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8))
        {
            return CsvLoader.load(NAME, reader, columns);
        }
        catch (final IOException e)
        {
            throw new BadInputException(NAME + ": cannot read: " + e, e);
        }
    }

    /**
     * The lesson's data pipeline on the bundled file: features tmax, tmin, rain (standardized), target
     * tmax_tomorrow, split 70/15/15 in file order.
     *
     * @return the splits
     */
    public static DataSplit lessonSplit()
    {
        return DataSplit.prepare(load(DataSplit.columns(FEATURES, TARGET)), FEATURES.size());
    }
}
