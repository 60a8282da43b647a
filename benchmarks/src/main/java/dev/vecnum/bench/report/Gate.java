package dev.vecnum.bench.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The performance-regression gate: {@code Gate <jmh-gate.json> <gate-baseline.txt> <out-dir>} compares the ratios of
 * one quick JMH run (fractions of the in-run limits, speedups vs in-run peers; never absolute times) with the
 * committed baseline and exits 1 with a table of what regressed, 0 when nothing did, 2 on bad input.
 * With {@code -Dvecnum.gate.update=true} it rewrites the baseline's values from this run instead and exits 0.
 */
public final class Gate
{
    /** Comparison outcome of one metric. */
    public enum Status
    {
        /** within tolerance */
        OK,
        /** better than baseline by more than the tolerance: consider raising the baseline */
        IMPROVED,
        /** dropped by more than the tolerance */
        REGRESSED,
        /** in the baseline but not measured: the gate profile lost a benchmark */
        MISSING
    }

    /** One compared metric. */
    public static final class Check
    {
        final String metric;
        final double baseline;
        final double measured;
        final double tolerance;
        final Status status;

        Check(final String metric, final double baseline, final double measured, final double tolerance,
            final Status status)
        {
            this.metric = metric;
            this.baseline = baseline;
            this.measured = measured;
            this.tolerance = tolerance;
            this.status = status;
        }

        /** @return outcome */
        public Status status()
        {
            return status;
        }

        /** @return metric name */
        public String metric()
        {
            return metric;
        }

        /** @return measured / baseline − 1 */
        public double change()
        {
            return measured / baseline - 1;
        }
    }

    private Gate()
    {
    }

    /**
     * Compares measured metrics with the baseline: a metric regresses when measured &lt; baseline·(1 − tolerance).
     *
     * @param baseline committed baseline
     * @param measured this run's metrics
     * @return one check per baseline metric, in baseline order
     */
    public static List<Check> compare(final Baseline baseline, final Map<String, Double> measured)
    {
        final List<Check> checks = new ArrayList<>();
        for (final Baseline.Entry e : baseline.entries().values())
        {
            final Double m = measured.get(e.metric);
            final Status status;
            if (m == null || !Double.isFinite(m))
            {
                status = Status.MISSING;
            }
            else if (m < e.value * (1 - e.tolerance))
            {
                status = Status.REGRESSED;
            }
            else if (m > e.value * (1 + e.tolerance))
            {
                status = Status.IMPROVED;
            }
            else
            {
                status = Status.OK;
            }
            checks.add(new Check(e.metric, e.value, m == null ? Double.NaN : m, e.tolerance, status));
        }
        return checks;
    }

    /**
     * True when any check failed (regressed or missing).
     *
     * @param checks compared metrics
     * @return whether the gate fails
     */
    public static boolean failed(final List<Check> checks)
    {
        return checks.stream().anyMatch(c -> c.status == Status.REGRESSED || c.status == Status.MISSING);
    }

    /**
     * Markdown table of the checks; with {@code onlyFailures} just the regressed and missing ones.
     *
     * @param checks       compared metrics
     * @param onlyFailures whether to list only failures
     * @return table text
     */
    public static String table(final List<Check> checks, final boolean onlyFailures)
    {
        final StringBuilder sb = new StringBuilder(
            "| metric | baseline | measured | change | allowed drop | status |\n|---|---:|---:|---:|---:|---|\n");
        for (final Check c : checks)
        {
            if (onlyFailures && c.status != Status.REGRESSED && c.status != Status.MISSING)
            {
                continue;
            }
            sb.append(String.format(Locale.ROOT, "| %s | %.4g | %s | %s | %.0f%% | %s |%n", c.metric, c.baseline,
                Double.isFinite(c.measured) ? String.format(Locale.ROOT, "%.4g", c.measured) : "—",
                Double.isFinite(c.measured) ? String.format(Locale.ROOT, "%+.1f%%", 100 * c.change()) : "—",
                100 * c.tolerance, c.status));
        }
        return sb.toString();
    }

    /**
     * Entry point.
     *
     * @param args JMH JSON of the gate profile, baseline file, output directory
     */
    public static void main(final String[] args)
    {
        System.setProperty("java.awt.headless", "true");
        if (args.length != 3)
        {
            System.err.println("usage: Gate <jmh-gate.json> <gate-baseline.txt> <out-dir>");
            System.exit(2);
        }
        final int code;
        try
        {
            code = run(Path.of(args[0]), Path.of(args[1]), Path.of(args[2]),
                Boolean.getBoolean("vecnum.gate.update"));
        }
        catch (final IOException | RuntimeException e)
        {
            System.err.println("vecnum gate: " + e.getMessage());
            System.exit(2);
            return;
        }
        System.exit(code);
    }

    static int run(final Path json, final Path baselineFile, final Path outDir, final boolean update)
        throws IOException
    {
        final Analysis analysis = new Analysis(JmhResult.read(json), true);
        final Map<String, Double> measured = analysis.metrics();
        final Baseline baseline = Baseline.read(baselineFile);
        Files.createDirectories(outDir);
        final String report = "## vecnum gate run (best iteration of each benchmark)\n\n" + Markdown.report(analysis);
        Files.writeString(outDir.resolve("gate-report.md"), report, StandardCharsets.UTF_8);
        if (update)
        {
            Files.writeString(baselineFile, baseline.updated(measured), StandardCharsets.UTF_8);
            System.out.println("vecnum gate: baseline " + baselineFile + " rewritten from this run; review the diff " +
                "and commit it with the reason:\n" + table(compare(baseline, measured), false));
            return 0;
        }
        final List<Check> checks = compare(baseline, measured);
        final String all = table(checks, false);
        Files.writeString(outDir.resolve("gate.md"), all, StandardCharsets.UTF_8);
        System.out.println("vecnum gate: " + checks.size() + " ratios vs " + baselineFile.getFileName() + "\n" + all);
        if (failed(checks))
        {
            System.out.println("vecnum gate: FAILED, these ratios dropped beyond their tolerance (or were not " +
                "measured):\n" + table(checks, true) + "\nFull report: " + outDir.resolve("gate-report.md"));
            return 1;
        }
        System.out.println("vecnum gate: PASSED");
        return 0;
    }
}
