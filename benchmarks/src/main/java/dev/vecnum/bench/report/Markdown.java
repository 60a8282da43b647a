package dev.vecnum.bench.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Renders report rows as one Markdown table per section. */
public final class Markdown
{
    private Markdown()
    {
    }

    /**
     * The full report: header with the in-run limits, then one table per section.
     *
     * @param analysis an analysed run
     * @return Markdown text
     */
    public static String report(final Analysis analysis)
    {
        final StringBuilder sb = new StringBuilder();
        sb.append("In-run limits: FMA peak ").append(gflops(analysis.peak1())).append(" (1 thread), ")
            .append(gflops(analysis.peakAll())).append(" (all threads); triad ");
        final List<String> triads = new ArrayList<>();
        analysis.triad().forEach((ws, bps) -> triads.add(num(bps / 1e9) + " GB/s @ " + Analysis.bytes(ws)));
        sb.append(triads.isEmpty() ? "not measured" : String.join(", ", triads)).append(".\n")
            .append("\"of limit\" is the fraction of the named in-run limit; \"vs X\" is X's time / vecnum's time ")
            .append("(> 1: vecnum faster). numpy and torch are fixed reference numbers from the issues, ")
            .append("not measured in this run.\n");
        final Map<String, List<Row>> groups = new LinkedHashMap<>();
        for (final Row row : analysis.rows())
        {
            groups.computeIfAbsent(row.group, g -> new ArrayList<>()).add(row);
        }
        for (final Map.Entry<String, List<Row>> e : groups.entrySet())
        {
            sb.append("\n### ").append(e.getKey()).append("\n\n").append(table(e.getValue()));
        }
        final String sameFork = analysis.sameFork().table();
        if (!sameFork.isEmpty())
        {
            sb.append("\n### Same-fork ratios\n\nKernel and reference timed alternately in one fork ")
                .append("(reference time / kernel time per unit of work; of_limit: fraction of the FMA peak).\n\n")
                .append(sameFork);
        }
        return sb.toString();
    }

    private static String gflops(final double flops)
    {
        return Double.isFinite(flops) ? num(flops / 1e9) + " GFLOP/s" : "not measured";
    }

    static String table(final List<Row> rows)
    {
        final Set<String> peers = new LinkedHashSet<>();
        boolean value2 = false;
        boolean limit = false;
        boolean alloc = false;
        for (final Row r : rows)
        {
            r.peers.forEach((p, v) -> peers.add(p));
            value2 |= Double.isFinite(r.value2);
            limit |= Double.isFinite(r.ofLimit);
            alloc |= Double.isFinite(r.allocBytesPerOp);
        }
        final Row first = rows.get(0);
        final List<String> header = new ArrayList<>(List.of("kernel", "variant", "point", first.unit));
        if (value2)
        {
            header.add(first.unit2);
        }
        if (limit)
        {
            header.add("of limit");
        }
        for (final String p : peers)
        {
            header.add("vs " + p);
        }
        if (alloc)
        {
            header.add("alloc B/op");
        }
        final StringBuilder sb = new StringBuilder();
        line(sb, header);
        final List<String> rule = new ArrayList<>();
        for (int i = 0; i < header.size(); i++)
        {
            rule.add(i < 3 ? "---" : "---:");
        }
        line(sb, rule);
        for (final Row r : rows)
        {
            final List<String> cells = new ArrayList<>(List.of(r.kernel, r.variant, r.point, num(r.value)));
            if (value2)
            {
                cells.add(num(r.value2));
            }
            if (limit)
            {
                cells.add(Double.isFinite(r.ofLimit) ? pct(r.ofLimit) + " " + r.limitName : "");
            }
            for (final String p : peers)
            {
                final Double v = r.peers.get(p);
                cells.add(v == null || !Double.isFinite(v) ? "" : num(v) + "×");
            }
            if (alloc)
            {
                cells.add(Double.isFinite(r.allocBytesPerOp) ? num(r.allocBytesPerOp) : "");
            }
            line(sb, cells);
        }
        return sb.toString();
    }

    private static void line(final StringBuilder sb, final List<String> cells)
    {
        sb.append("| ").append(String.join(" | ", cells)).append(" |\n");
    }

    /**
     * Three significant digits, no exponent for the magnitudes a report shows.
     *
     * @param v value
     * @return formatted value, empty for NaN
     */
    static String num(final double v)
    {
        if (!Double.isFinite(v))
        {
            return "";
        }
        final double a = Math.abs(v);
        if (a == 0)
        {
            return "0";
        }
        if (a >= 100)
        {
            return String.format(Locale.ROOT, "%.0f", v);
        }
        if (a >= 10)
        {
            return String.format(Locale.ROOT, "%.1f", v);
        }
        if (a >= 1)
        {
            return String.format(Locale.ROOT, "%.2f", v);
        }
        if (a >= 0.001)
        {
            return String.format(Locale.ROOT, "%.3f", v);
        }
        return String.format(Locale.ROOT, "%.2e", v);
    }

    static String pct(final double fraction)
    {
        return String.format(Locale.ROOT, "%.1f%%", 100 * fraction);
    }
}
