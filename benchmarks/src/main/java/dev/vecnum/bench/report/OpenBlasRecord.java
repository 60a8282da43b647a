package dev.vecnum.bench.report;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * What OpenBlasPeerBenchmark's last fork recorded about the OpenBLAS it measured ({@code openblas-peer.properties}:
 * {@code openblas_get_corename()}, {@code openblas_get_config()}, the pinning variables it saw), as the report's
 * sentence beside the figures.
 */
final class OpenBlasRecord
{
    /** The record's file name. */
    static final String FILE = "openblas-peer.properties";

    private OpenBlasRecord()
    {
    }

    /**
     * The record next to a JMH result file, as one Markdown sentence.
     *
     * @param jmhResult the JMH JSON the report reads
     * @return the sentence, or null when no record is there
     * @throws IOException when the record exists but cannot be read
     */
    static String describe(final Path jmhResult) throws IOException
    {
        final Path dir = jmhResult.toAbsolutePath().getParent();
        final Path file = dir == null ? Path.of(FILE) : dir.resolve(FILE);
        if (!Files.isReadable(file))
        {
            return null;
        }
        final Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8))
        {
            p.load(r);
        }
        final String pinned = p.getProperty("pinned", "").trim();
        return "OpenBLAS peer (" + file.getFileName() + ", written " + Files.getLastModifiedTime(file) + "): " +
            "`openblas_get_corename()` = " + p.getProperty("corename", "?") + ", `openblas_get_config()` = `" +
            p.getProperty("config", "?") + "`; " + (pinned.isEmpty() ?
                "own CPU detection (OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE not set in its forks)." :
                "**PINNED** by " + pinned + " in its forks: its rows and ratio column are labelled PINNED.");
    }
}
