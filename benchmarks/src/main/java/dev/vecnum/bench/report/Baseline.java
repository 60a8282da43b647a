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
 * The committed gate baseline. {@code #} comments are kept verbatim. Ratios depend on the machine (vector width, CPU),
 * so the file has one section per machine kind, opened by a line {@code [machine <key>]} (the key the gate profile
 * prints, e.g. {@code amd64 256-bit AuthenticAMD}); lines before the first section apply on every machine. Metric
 * lines:
 * <ul>
 *   <li>{@code name value [tolerance]}: the measured ratio may drop to value·(1 − tolerance) (tolerance 0.15 unless
 *   given);</li>
 *   <li>{@code name >= bound} / {@code name <= bound}: an absolute floor / ceiling, e.g. a vector kernel at least as
 *   fast as its scalar reference on any machine, or bytes allocated per step.</li>
 * </ul>
 */
public final class Baseline
{
    /** Tolerance used when a line gives none. */
    public static final double DEFAULT_TOLERANCE = 0.15;

    /** Section name of the lines that apply on every machine. */
    static final String EVERY_MACHINE = "";

    private static final String SECTION_OPEN = "[machine ";

    private final List<String> lines;
    /** section ("" = every machine) → metric → entry, in file order. */
    private final Map<String, Map<String, Entry>> sections;

    /** How an entry judges a measured value. */
    public enum Kind
    {
        /** relative to a recorded value, with a tolerance */
        RELATIVE,
        /** at least the bound */
        AT_LEAST,
        /** at most the bound */
        AT_MOST
    }

    /** One baseline metric. */
    public static final class Entry
    {
        final String metric;
        final Kind kind;
        final double value;
        final double tolerance;

        Entry(final String metric, final Kind kind, final double value, final double tolerance)
        {
            this.metric = metric;
            this.kind = kind;
            this.value = value;
            this.tolerance = tolerance;
        }

        /** @return metric name */
        public String metric()
        {
            return metric;
        }

        /** @return how the entry judges a value */
        public Kind kind()
        {
            return kind;
        }
    }

    private Baseline(final List<String> lines, final Map<String, Map<String, Entry>> sections)
    {
        this.lines = lines;
        this.sections = sections;
    }

    /**
     * Parses baseline text.
     *
     * @param text file content
     * @return the baseline
     * @throws IllegalArgumentException naming the line on a malformed entry or section
     */
    public static Baseline parse(final String text)
    {
        final List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
        if (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty())
        {
            lines.remove(lines.size() - 1);
        }
        final Map<String, Map<String, Entry>> sections = new LinkedHashMap<>();
        sections.put(EVERY_MACHINE, new LinkedHashMap<>());
        String section = EVERY_MACHINE;
        for (int i = 0; i < lines.size(); i++)
        {
            final String line = lines.get(i).trim();
            if (line.isEmpty() || line.startsWith("#"))
            {
                continue;
            }
            try
            {
                if (line.startsWith("["))
                {
                    section = sectionKey(line);
                    if (sections.put(section, new LinkedHashMap<>()) != null)
                    {
                        throw new NumberFormatException("second section for machine " + section);
                    }
                    continue;
                }
                final Entry e = entry(line.split("\\s+"));
                if (sections.get(section).put(e.metric, e) != null)
                {
                    throw new NumberFormatException("duplicate metric " + e.metric);
                }
            }
            catch (final NumberFormatException e)
            {
                throw new IllegalArgumentException("baseline line " + (i + 1) + ": " + e.getMessage() + ": " + line);
            }
        }
        return new Baseline(lines, sections);
    }

    private static String sectionKey(final String line)
    {
        if (!line.startsWith(SECTION_OPEN) || !line.endsWith("]"))
        {
            throw new NumberFormatException("expected '[machine <key>]'");
        }
        final String key = normalize(line.substring(SECTION_OPEN.length(), line.length() - 1));
        if (key.isEmpty())
        {
            throw new NumberFormatException("empty machine key");
        }
        return key;
    }

    /**
     * A machine key with runs of white space collapsed, as sections are matched.
     *
     * @param key a key
     * @return the normalized key
     */
    static String normalize(final String key)
    {
        return key.trim().replaceAll("\\s+", " ");
    }

    private static Entry entry(final String[] f)
    {
        if (f.length < 2 || f.length > 3)
        {
            throw new NumberFormatException("expected 'metric value [tolerance]' or 'metric >=|<= bound'");
        }
        if (">=".equals(f[1]) || "<=".equals(f[1]))
        {
            if (f.length != 3)
            {
                throw new NumberFormatException("expected 'metric " + f[1] + " bound'");
            }
            final double bound = Double.parseDouble(f[2]);
            if (!Double.isFinite(bound))
            {
                throw new NumberFormatException("bound must be finite");
            }
            return new Entry(f[0], ">=".equals(f[1]) ? Kind.AT_LEAST : Kind.AT_MOST, bound, 0);
        }
        final double value = Double.parseDouble(f[1]);
        final double tol = f.length == 3 ? Double.parseDouble(f[2]) : DEFAULT_TOLERANCE;
        if (!(tol >= 0 && tol < 1) || !(value > 0) || Double.isInfinite(value))
        {
            throw new NumberFormatException("value must be > 0 and tolerance in [0, 1)");
        }
        return new Entry(f[0], Kind.RELATIVE, value, tol);
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

    /** @return the entries that apply on every machine, in file order */
    public Map<String, Entry> entries()
    {
        return Collections.unmodifiableMap(sections.get(EVERY_MACHINE));
    }

    /**
     * The entries that apply on one machine: every-machine lines, then the machine's section (a metric in both is
     * checked against both).
     *
     * @param machine machine key, or null for the every-machine lines only
     * @return entries in file order
     */
    public List<Entry> entries(final String machine)
    {
        final List<Entry> all = new ArrayList<>(sections.get(EVERY_MACHINE).values());
        final Map<String, Entry> own = machine == null ? null : sections.get(normalize(machine));
        if (own != null)
        {
            all.addAll(own.values());
        }
        return all;
    }

    /**
     * Whether the file has a section for a machine.
     *
     * @param machine machine key
     * @return true when a {@code [machine <key>]} section matches
     */
    public boolean hasMachine(final String machine)
    {
        return machine != null && !EVERY_MACHINE.equals(normalize(machine)) && sections.containsKey(normalize(machine));
    }

    /** @return the machine keys with a section, in file order */
    public List<String> machines()
    {
        final List<String> keys = new ArrayList<>(sections.keySet());
        keys.remove(EVERY_MACHINE);
        return keys;
    }

    /**
     * The same file with the recorded values of one section replaced by this run's (tolerances, bounds, order and
     * comments kept). Without a section for the machine, a new one is appended with the metric names and tolerances
     * of the first recorded section (or every relative every-machine line when there is none).
     *
     * @param machine  machine key whose section to rewrite; null rewrites the every-machine lines
     * @param measured this run's metrics
     * @return new file text
     */
    public String updated(final String machine, final Map<String, Double> measured)
    {
        final String target = machine == null ? EVERY_MACHINE : normalize(machine);
        final StringBuilder sb = new StringBuilder();
        String section = EVERY_MACHINE;
        for (final String raw : lines)
        {
            final String line = raw.trim();
            if (line.isEmpty() || line.startsWith("#"))
            {
                sb.append(raw).append('\n');
                continue;
            }
            if (line.startsWith("["))
            {
                section = sectionKey(line);
                sb.append(raw).append('\n');
                continue;
            }
            final Entry e = sections.get(section).get(line.split("\\s+")[0]);
            sb.append(section.equals(target) && e.kind == Kind.RELATIVE ? format(e, measured.get(e.metric)) : raw)
                .append('\n');
        }
        if (!sections.containsKey(target))
        {
            final List<String> others = machines();
            final Map<String, Entry> template = others.isEmpty() ? sections.get(EVERY_MACHINE)
                : sections.get(others.get(0));
            sb.append('\n').append(SECTION_OPEN).append(target).append("]\n");
            for (final Entry e : template.values())
            {
                if (e.kind == Kind.RELATIVE)
                {
                    sb.append(format(e, measured.get(e.metric))).append('\n');
                }
            }
        }
        return sb.toString();
    }

    private static String format(final Entry e, final Double measured)
    {
        final double value = measured != null && Double.isFinite(measured) && measured > 0 ? measured : e.value;
        return String.format(Locale.ROOT, "%-44s %10.4g %6.2f", e.metric, value, e.tolerance).trim();
    }
}
