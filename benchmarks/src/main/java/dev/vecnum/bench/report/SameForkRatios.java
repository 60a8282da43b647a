package dev.vecnum.bench.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * The ratios of {@code SameForkBenchmark}: per measurement iteration, (reference ns per unit of work) / (kernel ns
 * per unit of work) from its {@code kernelNs}, {@code kernelWork}, {@code referenceNs}, {@code referenceWork}
 * counters; per fork the median iteration; the metric is the best fork's median (a retry appends forks: a fork
 * that lost the CPU does not fail the gate, a real regression shows in every fork).
 */
public final class SameForkRatios
{
    /** JMH class name of the same-fork benchmark. */
    static final String BENCHMARK = "SameForkBenchmark";

    /** One metric: its forks' medians and the range of its iterations. */
    public static final class Ratio
    {
        final String metric;
        final double[] forkMedians;
        final double lowest;
        final double highest;

        Ratio(final String metric, final double[] forkMedians, final double lowest, final double highest)
        {
            this.metric = metric;
            this.forkMedians = forkMedians;
            this.lowest = lowest;
            this.highest = highest;
        }

        /** @return metric name, e.g. {@code lesson.matmul.b16.vs_scalar} */
        public String metric()
        {
            return metric;
        }

        /** @return the best fork's median iteration ratio (the gate's value), NaN when nothing was measured */
        public double value()
        {
            double best = Double.NaN;
            for (final double m : forkMedians)
            {
                best = Double.isNaN(best) ? m : Math.max(best, m);
            }
            return best;
        }
    }

    private final List<Ratio> ratios;

    private SameForkRatios(final List<Ratio> ratios)
    {
        this.ratios = ratios;
    }

    /**
     * Reads the same-fork results of a run (other benchmarks are ignored).
     *
     * @param results a run's JMH results
     * @return its same-fork ratios, in run order
     */
    public static SameForkRatios of(final List<JmhResult> results)
    {
        final List<Ratio> ratios = new ArrayList<>();
        for (final JmhResult r : results)
        {
            if (!BENCHMARK.equals(r.className()) || !r.params().containsKey("check"))
            {
                continue;
            }
            final double[][] kNs = r.secondaryForks("kernelNs");
            final double[][] kWork = r.secondaryForks("kernelWork");
            final double[][] rNs = r.secondaryForks("referenceNs");
            final double[][] rWork = r.secondaryForks("referenceWork");
            final List<Double> medians = new ArrayList<>();
            double lowest = Double.POSITIVE_INFINITY;
            double highest = Double.NEGATIVE_INFINITY;
            for (int f = 0; f < kNs.length && f < kWork.length && f < rNs.length && f < rWork.length; f++)
            {
                final List<Double> perIteration = new ArrayList<>();
                for (int i = 0; i < kNs[f].length && i < kWork[f].length && i < rNs[f].length &&
                    i < rWork[f].length; i++)
                {
                    final double ratio = (rNs[f][i] / rWork[f][i]) / (kNs[f][i] / kWork[f][i]);
                    if (Double.isFinite(ratio) && ratio > 0)
                    {
                        perIteration.add(ratio);
                        lowest = Math.min(lowest, ratio);
                        highest = Math.max(highest, ratio);
                    }
                }
                if (!perIteration.isEmpty())
                {
                    medians.add(median(perIteration));
                }
            }
            ratios.add(new Ratio(r.params().get("check"), medians.stream().mapToDouble(Double::doubleValue).toArray(),
                lowest, highest));
        }
        return new SameForkRatios(ratios);
    }

    static double median(final List<Double> values)
    {
        final double[] v = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(v);
        final int n = v.length;
        return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }

    /** @return the ratios, in run order */
    public List<Ratio> ratios()
    {
        return Collections.unmodifiableList(ratios);
    }

    /**
     * Markdown table: metric, value, every fork's median, range of single iterations; empty when there are none.
     *
     * @return table text
     */
    public String table()
    {
        if (ratios.isEmpty())
        {
            return "";
        }
        final StringBuilder sb = new StringBuilder(
            "| metric | value (best fork's median) | fork medians | iteration range |\n|---|---:|---:|---:|\n");
        for (final Ratio r : ratios)
        {
            final List<String> forks = new ArrayList<>();
            for (final double m : r.forkMedians)
            {
                forks.add(Markdown.num(m));
            }
            sb.append(String.format(Locale.ROOT, "| %s | %s | %s | %s – %s |%n", r.metric, Markdown.num(r.value()),
                String.join(", ", forks), Markdown.num(r.lowest), Markdown.num(r.highest)));
        }
        return sb.toString();
    }
}
