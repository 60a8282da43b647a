package dev.vecnum.bench.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Results of the stability campaign (many fresh JVMs per JDK and load, see {@code SteadyCampaign} in the benchmarks'
 * test sources): per shape, each JVM's value, and the goals of issue 10 §2 checked on them —
 * <ul>
 *   <li>every JVM's best call within a shape's first 0.5 s within {@value #MAX_WORST_OVER_MEDIAN}× of the median
 *   JVM's (sections {@code lesson} and {@code train});</li>
 *   <li>the training step allocates less than {@value #MAX_BYTES_PER_STEP} B per step in every JVM, in the 0.5 s after
 *   its first 0.5 s;</li>
 *   <li>the vector training step is never slower than the scalar one: every vector JVM's steps/s at least the median
 *   scalar JVM's (JVMs run with {@code -Dvecnum.vector=false}, section {@code train-scalar}).</li>
 * </ul>
 * The two-thread GEMM rows ({@code gemm2t}, GFLOP/s of each JVM's median call after 1 s) are reported with their
 * spread and the number of JVMs more than 15% below the median (the "slow mode"); they have no goal here.
 *
 * <p>Stored as JSON: {@code {"campaigns": [{javaVersion, java, load, hogThreads, jvms, date, results: {section:
 * {shape: {best: [...], alloc: [...], rate: [...]}}}}]}}, one campaign per (JDK version, load).
 */
public final class Stability
{
    /** Goal: worst JVM's best call / median JVM's. */
    public static final double MAX_WORST_OVER_MEDIAN = 2.0;
    /** Goal: bytes allocated per training step. */
    public static final double MAX_BYTES_PER_STEP = 1.0;
    /** A two-thread GEMM JVM this far below the median is counted as slow. */
    static final double SLOW_FRACTION = 0.85;

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final List<Campaign> campaigns;

    private Stability(final List<Campaign> campaigns)
    {
        this.campaigns = campaigns;
    }

    /**
     * The campaigns in this file.
     *
     * @return campaigns in file order
     */
    public List<Campaign> campaigns()
    {
        return campaigns;
    }

    /** One JDK under one load: each JVM's values per section and shape. */
    public static final class Campaign
    {
        private final String javaVersion;
        private final String java;
        private final String load;
        private final int hogThreads;
        private final int jvms;
        private final String date;
        // section → shape → series name (best, alloc, rate) → one value per JVM
        private final Map<String, Map<String, Map<String, List<Double>>>> results = new LinkedHashMap<>();

        /**
         * An empty campaign.
         *
         * @param javaVersion JDK version of the probe JVMs
         * @param java        their java executable
         * @param load        {@code idle} or {@code loaded}
         * @param hogThreads  spinning neighbour threads (0 when idle)
         * @param jvms        fresh JVMs per section
         * @param date        when it ran (ISO-8601)
         */
        public Campaign(final String javaVersion, final String java, final String load, final int hogThreads,
            final int jvms, final String date)
        {
            this.javaVersion = javaVersion;
            this.java = java;
            this.load = load;
            this.hogThreads = hogThreads;
            this.jvms = jvms;
            this.date = date;
        }

        /**
         * Adds one JVM's result for one shape.
         *
         * @param section section ({@code lesson}, {@code train}, {@code train-scalar}, {@code gemm2t})
         * @param shape   shape name
         * @param best    best ns per call in the first window
         * @param alloc   bytes allocated per call (train: in the second window)
         * @param rate    calls per second (train: second window) or GFLOP/s (gemm2t)
         */
        public void add(final String section, final String shape, final double best, final double alloc,
            final double rate)
        {
            final Map<String, List<Double>> s = results.computeIfAbsent(section, k -> new LinkedHashMap<>())
                .computeIfAbsent(shape, k -> new LinkedHashMap<>());
            s.computeIfAbsent("best", k -> new ArrayList<>()).add(best);
            s.computeIfAbsent("alloc", k -> new ArrayList<>()).add(alloc);
            s.computeIfAbsent("rate", k -> new ArrayList<>()).add(rate);
        }

        /**
         * JDK version of the probe JVMs.
         *
         * @return the version string
         */
        public String javaVersion()
        {
            return javaVersion;
        }

        /**
         * The load.
         *
         * @return {@code idle} or {@code loaded}
         */
        public String load()
        {
            return load;
        }

        String title()
        {
            return "JDK " + javaVersion + ", " + load + (hogThreads > 0 ? " (" + hogThreads + " hog threads)" : "") +
                ", " + jvms + " JVMs";
        }

        List<Double> series(final String section, final String shape, final String name)
        {
            return results.getOrDefault(section, Map.of()).getOrDefault(shape, Map.of())
                .getOrDefault(name, List.of());
        }

        Set<String> shapes(final String section)
        {
            return results.getOrDefault(section, Map.of()).keySet();
        }
    }

    /**
     * Reads a campaign file; a missing file is an empty one.
     *
     * @param file the JSON file
     * @return its campaigns
     * @throws IOException when it exists but cannot be read or parsed
     */
    public static Stability read(final Path file) throws IOException
    {
        final List<Campaign> list = new ArrayList<>();
        if (!Files.exists(file))
        {
            return new Stability(list);
        }
        final JsonNode root = MAPPER.readTree(file.toFile());
        if (root == null || !root.path("campaigns").isArray())
        {
            throw new IOException(file + ": not a stability campaign file (no \"campaigns\" array)");
        }
        for (final JsonNode c : root.path("campaigns"))
        {
            final Campaign campaign = new Campaign(c.path("javaVersion").asText(), c.path("java").asText(),
                c.path("load").asText(), c.path("hogThreads").asInt(), c.path("jvms").asInt(), c.path("date").asText());
            c.path("results").fields().forEachRemaining(section -> section.getValue().fields().forEachRemaining(
                shape -> shape.getValue().fields().forEachRemaining(series ->
                {
                    final List<Double> values = campaign.results.computeIfAbsent(section.getKey(),
                        k -> new LinkedHashMap<>()).computeIfAbsent(shape.getKey(), k -> new LinkedHashMap<>())
                        .computeIfAbsent(series.getKey(), k -> new ArrayList<>());
                    series.getValue().forEach(v -> values.add(v.asDouble()));
                })));
            list.add(campaign);
        }
        return new Stability(list);
    }

    /**
     * Adds a campaign. Sections of an earlier campaign with the same JDK version and load that this one did not run
     * are kept (so sections can be measured in separate sittings); the ones it ran are replaced.
     *
     * @param campaign the new campaign
     */
    public void put(final Campaign campaign)
    {
        for (final Campaign old : campaigns)
        {
            if (old.javaVersion.equals(campaign.javaVersion) && old.load.equals(campaign.load))
            {
                old.results.forEach(campaign.results::putIfAbsent);
            }
        }
        campaigns.removeIf(c -> c.javaVersion.equals(campaign.javaVersion) && c.load.equals(campaign.load));
        campaigns.add(campaign);
    }

    /**
     * Writes all campaigns (atomically: a temporary file moved into place).
     *
     * @param file the JSON file
     * @throws IOException when it cannot be written
     */
    public void write(final Path file) throws IOException
    {
        final ObjectNode root = MAPPER.createObjectNode();
        final ArrayNode list = root.putArray("campaigns");
        for (final Campaign c : campaigns)
        {
            final ObjectNode n = list.addObject();
            n.put("javaVersion", c.javaVersion).put("java", c.java).put("load", c.load).put("hogThreads", c.hogThreads)
                .put("jvms", c.jvms).put("date", c.date);
            final ObjectNode results = n.putObject("results");
            c.results.forEach((section, shapes) ->
            {
                final ObjectNode s = results.putObject(section);
                shapes.forEach((shape, series) ->
                {
                    final ObjectNode sh = s.putObject(shape);
                    series.forEach((name, values) -> values.forEach(sh.withArray(name)::add));
                });
            });
        }
        final Path abs = file.toAbsolutePath();
        Files.createDirectories(abs.getParent());
        final Path tmp = Files.createTempFile(abs.getParent(), abs.getFileName().toString(), ".tmp");
        MAPPER.writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), root);
        Files.move(tmp, abs, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
            java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * The goals a campaign misses, one line each (empty: all met).
     *
     * @param c a campaign
     * @return failure descriptions
     */
    public static List<String> failures(final Campaign c)
    {
        final List<String> out = new ArrayList<>();
        for (final String section : List.of("lesson", "train"))
        {
            for (final String shape : c.shapes(section))
            {
                final double[] best = values(c.series(section, shape, "best"));
                final double ratio = max(best) / median(best);
                if (ratio > MAX_WORST_OVER_MEDIAN)
                {
                    out.add(String.format(Locale.ROOT, "%s %s: worst JVM %.2f× the median's best call", section,
                        shape, ratio));
                }
            }
        }
        for (final String shape : c.shapes("train"))
        {
            final double alloc = max(values(c.series("train", shape, "alloc")));
            if (alloc >= MAX_BYTES_PER_STEP)
            {
                out.add(String.format(Locale.ROOT, "train %s: a JVM allocated %.1f B/step", shape, alloc));
            }
            final double[] scalar = values(c.series("train-scalar", shape, "rate"));
            if (scalar.length > 0)
            {
                final double ratio = min(values(c.series("train", shape, "rate"))) / median(scalar);
                if (ratio < 1)
                {
                    out.add(String.format(Locale.ROOT, "train %s: slowest vector JVM at %.2f× the scalar step",
                        shape, ratio));
                }
            }
        }
        return out;
    }

    /**
     * The campaigns as Markdown: one table of worst-over-median per shape (a column per campaign), one of the
     * training step's allocation and vector-over-scalar, one of the two-thread GEMM spread, then the missed goals.
     *
     * @param campaigns campaigns to show
     * @return Markdown text
     */
    public static String markdown(final List<Campaign> campaigns)
    {
        final StringBuilder sb = new StringBuilder();
        sb.append("Each cell: median JVM's best call in the shape's first 0.5 s of calls / worst JVM's (× median). ")
            .append("Goal: worst ≤ ").append(num(MAX_WORST_OVER_MEDIAN)).append("× median.\n\n");
        for (int i = 0; i < campaigns.size(); i++)
        {
            sb.append("- ").append(columnName(i)).append(": ").append(campaigns.get(i).title()).append(", ")
                .append(campaigns.get(i).date).append('\n');
        }
        for (final String section : List.of("lesson", "train"))
        {
            final Set<String> shapes = new LinkedHashSet<>();
            campaigns.forEach(c -> shapes.addAll(c.shapes(section)));
            if (shapes.isEmpty())
            {
                continue;
            }
            sb.append("\n| ").append(section).append(" (µs)");
            header(sb, campaigns);
            for (final String shape : shapes)
            {
                sb.append("| ").append(shape);
                for (final Campaign c : campaigns)
                {
                    final double[] best = values(c.series(section, shape, "best"));
                    sb.append(" | ").append(best.length == 0 ? "" : num(median(best) / 1e3) + " / " +
                        num(max(best) / 1e3) + " (" + num(max(best) / median(best)) + "×)");
                }
                sb.append(" |\n");
            }
        }
        trainTable(sb, campaigns);
        gemmTable(sb, campaigns);
        final StringBuilder missed = new StringBuilder();
        for (int i = 0; i < campaigns.size(); i++)
        {
            for (final String f : failures(campaigns.get(i)))
            {
                missed.append("- ").append(columnName(i)).append(": ").append(f).append('\n');
            }
        }
        sb.append('\n').append(missed.length() == 0 ? "All goals met in every campaign.\n" : "Goals missed:\n" +
            missed);
        return sb.toString();
    }

    private static void trainTable(final StringBuilder sb, final List<Campaign> campaigns)
    {
        final Set<String> shapes = new LinkedHashSet<>();
        campaigns.forEach(c -> shapes.addAll(c.shapes("train")));
        if (shapes.isEmpty())
        {
            return;
        }
        sb.append("\nTraining step after its first 0.5 s: most bytes per step in any JVM; slowest vector JVM's ")
            .append("steps/s over the median scalar JVM's (goal: < ").append(num(MAX_BYTES_PER_STEP))
            .append(" B/step, ≥ 1×).\n\n| train");
        header(sb, campaigns);
        for (final String shape : shapes)
        {
            sb.append("| ").append(shape);
            for (final Campaign c : campaigns)
            {
                final double[] alloc = values(c.series("train", shape, "alloc"));
                final double[] scalar = values(c.series("train-scalar", shape, "rate"));
                sb.append(" | ").append(alloc.length == 0 ? "" : num(max(alloc)) + " B")
                    .append(scalar.length == 0 ? "" : "; " +
                        num(min(values(c.series("train", shape, "rate"))) / median(scalar)) + "× scalar");
            }
            sb.append(" |\n");
        }
    }

    private static void gemmTable(final StringBuilder sb, final List<Campaign> campaigns)
    {
        final Set<String> shapes = new LinkedHashSet<>();
        campaigns.forEach(c -> shapes.addAll(c.shapes("gemm2t")));
        if (shapes.isEmpty())
        {
            return;
        }
        sb.append("\nTwo-thread GEMM, each JVM's median call after 1 s: median / slowest / fastest JVM in GFLOP/s, ")
            .append("JVMs more than 15% below the median.\n\n| gemm2t");
        header(sb, campaigns);
        for (final String shape : shapes)
        {
            sb.append("| ").append(shape);
            for (final Campaign c : campaigns)
            {
                final double[] rate = values(c.series("gemm2t", shape, "rate"));
                if (rate.length == 0)
                {
                    sb.append(" | ");
                    continue;
                }
                final double med = median(rate);
                final long slow = Arrays.stream(rate).filter(r -> r < SLOW_FRACTION * med).count();
                sb.append(" | ").append(num(med)).append(" / ").append(num(min(rate))).append(" / ")
                    .append(num(max(rate))).append(", ").append(slow).append(" of ").append(rate.length).append(" slow");
            }
            sb.append(" |\n");
        }
    }

    private static void header(final StringBuilder sb, final List<Campaign> campaigns)
    {
        for (int i = 0; i < campaigns.size(); i++)
        {
            sb.append(" | ").append(columnName(i));
        }
        sb.append(" |\n|---");
        campaigns.forEach(c -> sb.append("|---:"));
        sb.append("|\n");
    }

    private static String columnName(final int i)
    {
        return "C" + (i + 1);
    }

    private static double[] values(final List<Double> list)
    {
        return list.stream().mapToDouble(Double::doubleValue).toArray();
    }

    static double median(final double[] v)
    {
        if (v.length == 0)
        {
            return Double.NaN;
        }
        final double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    private static double max(final double[] v)
    {
        return Arrays.stream(v).max().orElse(Double.NaN);
    }

    private static double min(final double[] v)
    {
        return Arrays.stream(v).min().orElse(Double.NaN);
    }

    private static String num(final double v)
    {
        if (!Double.isFinite(v))
        {
            return "–";
        }
        final double a = Math.abs(v);
        return String.format(Locale.ROOT, a >= 100 ? "%.0f" : a >= 10 ? "%.1f" : a >= 1 ? "%.2f" : "%.3f", v);
    }
}
