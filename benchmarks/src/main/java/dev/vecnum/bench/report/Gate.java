package dev.vecnum.bench.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * The performance-regression gate: {@code Gate <jmh-gate.json> <gate-baseline.txt> <out-dir>} compares the ratios of
 * one quick JMH run (fractions of the in-run limits, speedups vs in-run peers; never absolute times) with the
 * committed baseline's every-machine bounds and the section of this machine kind (key from {@link #MACHINE_FILE}
 * beside the result; a machine without a section gets the bounds only, said loudly), and exits 1 with a table of
 * what regressed, 0 when nothing did, 2 on bad input. With {@code -Dvecnum.gate.update=true} it rewrites (or adds)
 * this machine's section from this run instead and exits 0.
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
        final Baseline.Kind kind;
        final double baseline;
        final double measured;
        final double tolerance;
        final Status status;

        Check(final Baseline.Entry e, final double measured, final Status status)
        {
            this.metric = e.metric;
            this.kind = e.kind;
            this.baseline = e.value;
            this.measured = measured;
            this.tolerance = e.tolerance;
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

    /** File the gate profile writes beside its JMH result: {@code key=} and {@code description=} of the machine. */
    public static final String MACHINE_FILE = "machine.properties";
    /** System property overriding the machine key (to pick a recorded section by hand). */
    public static final String MACHINE_PROPERTY = "vecnum.gate.machine";

    private Gate()
    {
    }

    /**
     * Compares measured metrics with the baseline's every-machine lines.
     *
     * @param baseline committed baseline
     * @param measured this run's metrics
     * @return one check per every-machine entry, in file order
     */
    public static List<Check> compare(final Baseline baseline, final Map<String, Double> measured)
    {
        return compare(baseline.entries(null), measured);
    }

    /**
     * Compares measured metrics with baseline entries: a relative entry regresses when measured &lt;
     * baseline·(1 − tolerance) and counts as improved above baseline·(1 + tolerance); a bound fails when crossed.
     *
     * @param entries  the entries that apply on this machine ({@link Baseline#entries(String)})
     * @param measured this run's metrics
     * @return one check per entry, in order
     */
    public static List<Check> compare(final List<Baseline.Entry> entries, final Map<String, Double> measured)
    {
        final List<Check> checks = new ArrayList<>();
        for (final Baseline.Entry e : entries)
        {
            final Double m = measured.get(e.metric);
            final Status status;
            if (m == null || !Double.isFinite(m))
            {
                status = Status.MISSING;
            }
            else if (e.kind == Baseline.Kind.AT_LEAST)
            {
                status = m >= e.value ? Status.OK : Status.REGRESSED;
            }
            else if (e.kind == Baseline.Kind.AT_MOST)
            {
                status = m <= e.value ? Status.OK : Status.REGRESSED;
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
            checks.add(new Check(e, m == null ? Double.NaN : m, status));
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
            final boolean relative = c.kind == Baseline.Kind.RELATIVE;
            final String base = relative ? String.format(Locale.ROOT, "%.4g", c.baseline)
                : (c.kind == Baseline.Kind.AT_LEAST ? "≥ " : "≤ ") + Markdown.num(c.baseline);
            sb.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s |%n", c.metric, base,
                Double.isFinite(c.measured) ? String.format(Locale.ROOT, "%.4g", c.measured) : "—",
                Double.isFinite(c.measured) && relative ? String.format(Locale.ROOT, "%+.1f%%", 100 * c.change()) : "—",
                relative ? String.format(Locale.ROOT, "%.0f%%", 100 * c.tolerance) : "bound", c.status));
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

    /**
     * This run's machine key: {@code -Dvecnum.gate.machine} when set, else the {@code key} that the gate profile
     * wrote to {@code machine.properties} beside the JMH result, else null (unknown).
     *
     * @param json the gate profile's JMH result
     * @return the machine key and a description of the machine, or null and "unknown machine"
     * @throws IOException when the properties file exists but cannot be read
     */
    static String[] machine(final Path json) throws IOException
    {
        final Path file = json.toAbsolutePath().resolveSibling(MACHINE_FILE);
        final Properties p = new Properties();
        if (Files.isReadable(file))
        {
            try (var in = Files.newBufferedReader(file, StandardCharsets.UTF_8))
            {
                p.load(in);
            }
        }
        final String key = machineKey(p.getProperty("key"));
        final String description = p.getProperty("description", "unknown machine");
        return new String[] {key, description};
    }

    /**
     * The machine key the gate uses: {@code -Dvecnum.gate.machine} when set (not blank, not {@code auto}), else the
     * detected one.
     *
     * @param detected the key the profile detected (may be null)
     * @return the normalized key, or null when neither is given
     */
    public static String machineKey(final String detected)
    {
        final String forced = System.getProperty(MACHINE_PROPERTY, "");
        final String key = forced.isBlank() || "auto".equals(forced.trim()) ? detected : forced;
        return key == null || key.isBlank() ? null : Baseline.normalize(key);
    }

    static int run(final Path json, final Path baselineFile, final Path outDir, final boolean update)
        throws IOException
    {
        final Analysis analysis = new Analysis(JmhResult.read(json), true);
        final Map<String, Double> measured = analysis.metrics();
        final Baseline baseline = Baseline.read(baselineFile);
        final String[] machine = machine(json);
        final String key = machine[0];
        final boolean known = baseline.hasMachine(key);
        Files.createDirectories(outDir);
        final String header = "Machine: `" + key + "` (" + machine[1] + "); " + (known
            ? "baseline section `[machine " + key + "]` plus the every-machine lines."
            : "NO baseline section for this machine (recorded: " + baseline.machines() +
            "): only the every-machine bounds are checked.") + "\n\n";
        final String report = "## vecnum gate run\n\n" + header + Markdown.report(analysis);
        Files.writeString(outDir.resolve("gate-report.md"), report, StandardCharsets.UTF_8);
        if (update)
        {
            if (key == null)
            {
                System.err.println("vecnum gate: cannot record a baseline without a machine key (" + MACHINE_FILE +
                    " beside " + json + " or -D" + MACHINE_PROPERTY + ")");
                return 2;
            }
            Files.writeString(baselineFile, baseline.updated(key, measured), StandardCharsets.UTF_8);
            System.out.println("vecnum gate: section [machine " + key + "] of " + baselineFile + (known ? " rewritten"
                : " added") + " from this run; review the diff (tolerances!) and commit it with the reason:\n" +
                table(compare(Baseline.read(baselineFile).entries(key), measured), false));
            return 0;
        }
        final List<Check> checks = compare(baseline.entries(known ? key : null), measured);
        final String all = table(checks, false);
        Files.writeString(outDir.resolve("gate.md"), header + all, StandardCharsets.UTF_8);
        if (!known)
        {
            System.out.println("vecnum gate: ***** machine `" + key + "` has NO recorded baseline (sections: " +
                baseline.machines() + "). Only the every-machine bounds are checked; ratios against another " +
                "machine's baseline would mean nothing. Record one on an idle machine of this kind: " +
                "-Dvecnum.gate.update=true (see benchmarks/README.md). *****");
        }
        System.out.println("vecnum gate: " + checks.size() + " metrics vs " + baselineFile.getFileName() + ", " +
            header + all);
        if (checks.isEmpty())
        {
            System.out.println("vecnum gate: FAILED, nothing to check on this machine");
            return 1;
        }
        if (failed(checks))
        {
            System.out.println("vecnum gate: FAILED, these ratios dropped beyond their tolerance or crossed their " +
                "bound (or were not measured):\n" + table(checks, true) + "\nFull report: " +
                outDir.resolve("gate-report.md"));
            return 1;
        }
        System.out.println("vecnum gate: PASSED" + (known ? "" : " (every-machine bounds only: no baseline for `" +
            key + "`)"));
        return 0;
    }
}
