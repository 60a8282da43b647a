package dev.vecnum.bench.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The committed gate baseline: one metric per line, {@code name value tolerance}, {@code #} comments kept verbatim.
 * Tolerance is the allowed relative drop (0.15 = the measured ratio may be down to 85% of the baseline).
 */
public final class Baseline
{
    /** Tolerance used when a line gives none. */
    public static final double DEFAULT_TOLERANCE = 0.15;

    private final List<String> lines;
    private final Map<String, Entry> entries;

    /** One baseline metric. */
    public static final class Entry
    {
        final String metric;
        final double value;
        final double tolerance;

        Entry(final String metric, final double value, final double tolerance)
        {
            this.metric = metric;
            this.value = value;
            this.tolerance = tolerance;
        }
    }

    private Baseline(final List<String> lines, final Map<String, Entry> entries)
    {
        this.lines = lines;
        this.entries = entries;
    }

    /**
     * Parses baseline text.
     *
     * @param text file content
     * @return the baseline
     * @throws IllegalArgumentException naming the line on a malformed entry
     */
    public static Baseline parse(final String text)
    {
        final List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
        if (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty())
        {
            lines.remove(lines.size() - 1);
        }
        final Map<String, Entry> entries = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++)
        {
            final String line = lines.get(i).trim();
            if (line.isEmpty() || line.startsWith("#"))
            {
                continue;
            }
            final String[] f = line.split("\\s+");
            try
            {
                if (f.length < 2 || f.length > 3)
                {
                    throw new NumberFormatException("expected 'metric value [tolerance]'");
                }
                final double value = Double.parseDouble(f[1]);
                final double tol = f.length == 3 ? Double.parseDouble(f[2]) : DEFAULT_TOLERANCE;
                if (!(tol >= 0 && tol < 1) || !(value > 0) || Double.isInfinite(value))
                {
                    throw new NumberFormatException("value must be > 0 and tolerance in [0, 1)");
                }
                if (entries.put(f[0], new Entry(f[0], value, tol)) != null)
                {
                    throw new NumberFormatException("duplicate metric " + f[0]);
                }
            }
            catch (final NumberFormatException e)
            {
                throw new IllegalArgumentException("baseline line " + (i + 1) + ": " + e.getMessage() + ": " + line);
            }
        }
        return new Baseline(lines, entries);
    }

    /**
     * Reads a baseline file.
     *
     * @param file the file
     * @return the baseline
     * @throws IOException on read failure
     */
    public static Baseline read(final Path file) throws IOException
    {
        return parse(Files.readString(file, StandardCharsets.UTF_8));
    }

    /** @return metric → entry, in file order */
    public Map<String, Entry> entries()
    {
        return Collections.unmodifiableMap(entries);
    }

    /**
     * The same file with every measured metric's value replaced (tolerances, order and comments kept).
     *
     * @param measured this run's metrics
     * @return new file text
     */
    public String updated(final Map<String, Double> measured)
    {
        final StringBuilder sb = new StringBuilder();
        for (final String raw : lines)
        {
            final String line = raw.trim();
            if (line.isEmpty() || line.startsWith("#"))
            {
                sb.append(raw).append('\n');
                continue;
            }
            final String metric = line.split("\\s+")[0];
            final Entry e = entries.get(metric);
            final Double m = measured.get(metric);
            final double value = m != null && Double.isFinite(m) && m > 0 ? m : e.value;
            sb.append(String.format(Locale.ROOT, "%-44s %10.4g %6.2f", metric, value, e.tolerance).trim())
                .append('\n');
        }
        return sb.toString();
    }
}
