package dev.vecnum.bench.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * One entry of JMH's JSON result file ({@code -rf json}): which benchmark, its parameters, the primary score (in the
 * benchmark's unit, ops/s for this suite) and the secondary metrics (aux counters, {@code -prof gc}).
 */
public final class JmhResult
{
    private final String className;
    private final String method;
    private final int threads;
    private final Map<String, String> params;
    private final double score;
    private final double error;
    private final String unit;
    private final Map<String, Double> secondary;
    private final double[] raw;
    private final Map<String, double[]> secondaryRaw;
    private final Map<String, double[][]> secondaryForks;

    JmhResult(
        final String className, final String method, final int threads, final Map<String, String> params,
        final double score, final double error, final String unit, final Map<String, Double> secondary)
    {
        this(className, method, threads, params, score, error, unit, secondary, new double[] {score}, Map.of(),
            Map.of());
    }

    JmhResult(
        final String className, final String method, final int threads, final Map<String, String> params,
        final double score, final double error, final String unit, final Map<String, Double> secondary,
        final double[] raw, final Map<String, double[]> secondaryRaw, final Map<String, double[][]> secondaryForks)
    {
        this.secondaryForks = new LinkedHashMap<>(secondaryForks);
        this.raw = raw.length == 0 ? new double[] {score} : raw.clone();
        this.secondaryRaw = new LinkedHashMap<>(secondaryRaw);
        this.className = className;
        this.method = method;
        this.threads = threads;
        this.params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
        this.score = score;
        this.error = error;
        this.unit = unit;
        this.secondary = Collections.unmodifiableMap(new LinkedHashMap<>(secondary));
    }

    /**
     * Reads a JMH JSON result file.
     *
     * @param file the {@code -rff} file
     * @return its results in file order
     * @throws IOException when the file cannot be read or is not JMH JSON
     */
    public static List<JmhResult> read(final Path file) throws IOException
    {
        final JsonNode root = new ObjectMapper().readTree(file.toFile());
        if (root == null || !root.isArray())
        {
            throw new IOException(file + ": not a JMH JSON result file (expected a JSON array)");
        }
        final List<JmhResult> results = new ArrayList<>();
        for (final JsonNode node : root)
        {
            results.add(parse(node));
        }
        return results;
    }

    static JmhResult parse(final JsonNode node) throws IOException
    {
        final String benchmark = node.path("benchmark").asText("");
        final int dot = benchmark.lastIndexOf('.');
        if (dot < 0)
        {
            throw new IOException("JMH result without a benchmark name: " + node);
        }
        final String qualifiedClass = benchmark.substring(0, dot);
        final String className = qualifiedClass.substring(qualifiedClass.lastIndexOf('.') + 1);
        final Map<String, String> params = new LinkedHashMap<>();
        final JsonNode paramNode = node.path("params");
        for (final Iterator<Map.Entry<String, JsonNode>> it = paramNode.fields(); it.hasNext(); )
        {
            final Map.Entry<String, JsonNode> e = it.next();
            params.put(e.getKey(), e.getValue().asText());
        }
        final JsonNode primary = node.path("primaryMetric");
        final Map<String, Double> secondary = new LinkedHashMap<>();
        final Map<String, double[]> secondaryRaw = new LinkedHashMap<>();
        final Map<String, double[][]> secondaryForks = new LinkedHashMap<>();
        for (final Iterator<Map.Entry<String, JsonNode>> it = node.path("secondaryMetrics").fields(); it.hasNext(); )
        {
            final Map.Entry<String, JsonNode> e = it.next();
            // older JMH versions prefix profiler metrics with a middle dot
            final String key = e.getKey().startsWith("\u00b7") ? e.getKey().substring(1) : e.getKey();
            secondary.put(key, number(e.getValue().path("score")));
            secondaryRaw.put(key, raw(e.getValue().path("rawData")));
            secondaryForks.put(key, forks(e.getValue().path("rawData")));
        }
        return new JmhResult(className, benchmark.substring(dot + 1), node.path("threads").asInt(1), params,
            number(primary.path("score")), number(primary.path("scoreError")), primary.path("scoreUnit").asText(""),
            secondary, raw(primary.path("rawData")), secondaryRaw, secondaryForks);
    }

    // rawData: one array of iteration scores per fork, flattened
    private static double[] raw(final JsonNode rawData)
    {
        final List<Double> values = new ArrayList<>();
        for (final JsonNode fork : rawData)
        {
            for (final JsonNode it : fork)
            {
                final double v = number(it);
                if (Double.isFinite(v))
                {
                    values.add(v);
                }
            }
        }
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }

    // rawData kept per fork (NaN where JMH wrote none)
    private static double[][] forks(final JsonNode rawData)
    {
        final List<double[]> forks = new ArrayList<>();
        for (final JsonNode fork : rawData)
        {
            final double[] iterations = new double[fork.size()];
            for (int i = 0; i < iterations.length; i++)
            {
                iterations[i] = number(fork.get(i));
            }
            forks.add(iterations);
        }
        return forks.toArray(new double[0][]);
    }

    // JMH writes "NaN" as a string when an error is undefined (one iteration)
    private static double number(final JsonNode n)
    {
        if (n.isNumber())
        {
            return n.asDouble();
        }
        try
        {
            return Double.parseDouble(n.asText());
        }
        catch (final NumberFormatException e)
        {
            return Double.NaN;
        }
    }

    /** @return simple class name, e.g. {@code GemmSizesBenchmark} */
    public String className()
    {
        return className;
    }

    /** @return benchmark method name */
    public String method()
    {
        return method;
    }

    /** @return benchmark threads */
    public int threads()
    {
        return threads;
    }

    /** @return the {@code @Param} values */
    public Map<String, String> params()
    {
        return params;
    }

    /**
     * One parameter as an int.
     *
     * @param name parameter name
     * @return its value
     */
    public int intParam(final String name)
    {
        final String v = params.get(name);
        if (v == null)
        {
            throw new IllegalArgumentException(className + "." + method + " has no parameter " + name);
        }
        return Integer.parseInt(v);
    }

    /** @return primary score */
    public double score()
    {
        return score;
    }

    /**
     * The best measurement iteration: highest for rates (ops/…), lowest for times (…/op). Interference from other
     * processes only ever slows an iteration down, so on a shared machine the best iteration is the most
     * reproducible estimate of what the code can do; the gate compares ratios of best iterations.
     *
     * @return best iteration score in {@link #unit()}
     */
    public double best()
    {
        return best(raw, unit.startsWith("ops/"));
    }

    /**
     * Best iteration of a secondary metric (aux counters are rates: highest).
     *
     * @param name metric name
     * @return its best iteration, or its score when no raw data, NaN when absent
     */
    public double secondaryBest(final String name)
    {
        final double[] r = secondaryRaw.get(name);
        return r == null || r.length == 0 ? secondary(name) : best(r, true);
    }

    private static double best(final double[] values, final boolean higherIsBetter)
    {
        double b = values[0];
        for (final double v : values)
        {
            b = higherIsBetter ? Math.max(b, v) : Math.min(b, v);
        }
        return b;
    }

    /**
     * A secondary metric's iteration values, one array per fork (a retried benchmark has the retry's forks appended).
     *
     * @param name metric name, e.g. {@code kernelNs}
     * @return per fork, its measurement iterations in order; empty when absent
     */
    public double[][] secondaryForks(final String name)
    {
        final double[][] f = secondaryForks.get(name);
        return f == null ? new double[0][] : f.clone();
    }

    /** @return the 99.9% half-width JMH reports (NaN when undefined) */
    public double error()
    {
        return error;
    }

    /** @return the primary score's unit */
    public String unit()
    {
        return unit;
    }

    /**
     * A secondary metric.
     *
     * @param name metric name, e.g. {@code flop} or {@code gc.alloc.rate.norm}
     * @return its score or NaN when absent
     */
    public double secondary(final String name)
    {
        final Double v = secondary.get(name);
        return v == null ? Double.NaN : v;
    }

    @Override
    public String toString()
    {
        return className + "." + method + params + " = " + score + " " + unit;
    }
}
