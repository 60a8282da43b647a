package dev.vecnum.examples.cli;

import dev.vecnum.examples.data.BundledData;
import dev.vecnum.examples.data.CsvLoader;
import dev.vecnum.examples.data.DataSplit;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/** The {@code --data FILE} option shared by the commands: a CSV file, or the bundled weather data by default. */
final class DataOption
{
    @Option(names = "--data", paramLabel = "FILE",
        description = "CSV file with a header line (default: the bundled weather data, clean_weather.csv)")
    Path file;

    /**
     * Loads, forward-fills, standardizes the features and splits.
     *
     * @param features feature columns
     * @param target   target column
     * @return the splits
     */
    DataSplit load(final List<String> features, final String target)
    {
        final List<String> columns = DataSplit.columns(features, target);
        return DataSplit.prepare(file == null ? BundledData.load(columns) : CsvLoader.load(file, columns),
            features.size());
    }
}
