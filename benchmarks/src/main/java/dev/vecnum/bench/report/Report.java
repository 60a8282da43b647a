package dev.vecnum.bench.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code Report <jmh-result.json> <out-dir>}: writes {@code out-dir/report.md} (ratio tables) and PNG plots, and
 * prints the Markdown. With {@code -Dvecnum.report.stability=FILE} (a stability campaign's JSON, see {@link Stability})
 * the report ends with its tables. Exit code 2 on a missing or malformed input.
 */
public final class Report
{
    /** System property naming a stability campaign JSON file to add to the report. */
    public static final String STABILITY_PROPERTY = "vecnum.report.stability";

    private Report()
    {
    }

    /**
     * Entry point.
     *
     * @param args JMH JSON file and output directory
     */
    public static void main(final String[] args)
    {
        System.setProperty("java.awt.headless", "true");
        if (args.length != 2)
        {
            System.err.println("usage: Report <jmh-result.json> <out-dir>");
            System.exit(2);
        }
        try
        {
            final Path in = Path.of(args[0]);
            final Path out = Path.of(args[1]);
            if (!Files.isReadable(in))
            {
                System.err.println("Report: no JMH result at " + in + " (run the benchmarks with " +
                    "-Djmh.rf=json -Djmh.rff=" + in + ")");
                System.exit(2);
            }
            final Analysis analysis = new Analysis(JmhResult.read(in));
            final String openBlas = OpenBlasRecord.describe(in);
            String md = "## vecnum benchmark report\n\nFrom `" + in.getFileName() + "`.\n" +
                (openBlas == null ? "" : openBlas + "\n") + Markdown.report(analysis);
            final String stability = System.getProperty(STABILITY_PROPERTY, "");
            if (!stability.isBlank())
            {
                final Path file = Path.of(stability);
                if (!Files.isReadable(file))
                {
                    System.err.println("Report: no stability campaign file at " + file);
                    System.exit(2);
                }
                md += "\n### Stability campaign (fresh JVMs, from `" + file.getFileName() + "`)\n\n" +
                    Stability.markdown(Stability.read(file).campaigns());
            }
            Files.createDirectories(out);
            Files.writeString(out.resolve("report.md"), md, StandardCharsets.UTF_8);
            final List<Path> plots = Plots.write(analysis, out);
            System.out.println(md);
            System.out.println("wrote " + out.resolve("report.md"));
            plots.forEach(p -> System.out.println("wrote " + p));
        }
        catch (final IOException | RuntimeException e)
        {
            System.err.println("Report: " + e.getMessage());
            System.exit(2);
        }
    }
}
