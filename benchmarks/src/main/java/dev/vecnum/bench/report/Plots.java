package dev.vecnum.bench.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** PNG plots of one analysed run (XChart). */
public final class Plots
{
    private Plots()
    {
    }

    /**
     * Writes every plot the run has data for.
     *
     * @param analysis analysed run
     * @param dir      output directory
     * @return the files written
     * @throws IOException on write failure
     */
    public static List<Path> write(final Analysis analysis, final Path dir) throws IOException
    {
        Files.createDirectories(dir);
        final List<Path> files = new ArrayList<>();
        for (final String form : List.of("matmul", "matmulTransA", "matmulTransB"))
        {
            final XYChart chart = chart("GEMM " + form + ": GFLOP/s vs size (in-run peak dashed)", "n (square)",
                "GFLOP/s", false);
            final int added = addSeries(chart, analysis, Analysis.GEMM, form);
            if (added > 0)
            {
                final double[] xs = sizes(analysis, Analysis.GEMM, form);
                hline(chart, "FMA peak 1 thread", xs, analysis.peak1() / 1e9);
                hline(chart, "FMA peak all threads", xs, analysis.peakAll() / 1e9);
                files.add(save(chart, dir.resolve("gemm-" + form + ".png")));
            }
        }
        final XYChart lesson = chart("Lesson shapes: samples/s vs batch size (vecnum)", "batch", "Msamples/s", true);
        final XYChart lessonNs = chart("Lesson b×10·10×10 matmul: ns per call", "batch", "ns/call", true);
        final Map<String, TreeMap<Double, Double>> byKernel = new LinkedHashMap<>();
        final Map<String, TreeMap<Double, Double>> matmulNs = new LinkedHashMap<>();
        for (final Row r : analysis.rows())
        {
            if (!Analysis.LESSON.equals(r.group))
            {
                continue;
            }
            if ("vecnum".equals(r.variant))
            {
                byKernel.computeIfAbsent(r.kernel, k -> new TreeMap<>()).put(r.x, r.value2);
            }
            if ("matmul".equals(r.kernel))
            {
                matmulNs.computeIfAbsent(r.variant, k -> new TreeMap<>()).put(r.x, r.value);
            }
        }
        final TreeMap<Double, Double> numpy = new TreeMap<>();
        Analysis.NUMPY_MATMUL_US.forEach((b, us) -> numpy.put(b.doubleValue(), us * 1000));
        if (!byKernel.isEmpty())
        {
            byKernel.forEach((k, pts) -> series(lesson, k, pts));
            files.add(save(lesson, dir.resolve("lesson-throughput.png")));
        }
        if (!matmulNs.isEmpty())
        {
            matmulNs.forEach((k, pts) -> series(lessonNs, k, pts));
            series(lessonNs, "numpy (reference)", numpy);
            files.add(save(lessonNs, dir.resolve("lesson-matmul-ns.png")));
        }
        final XYChart optim = chart("Optimizer step: Gelem/s vs parameter count", "floats", "Gelem/s", true);
        if (addSeries(optim, analysis, Analysis.OPTIM, null) > 0)
        {
            files.add(save(optim, dir.resolve("optimizers.png")));
        }
        final XYChart train = chart("Training step 3-10-10-1: samples/s vs batch", "batch", "Msamples/s", true);
        if (addSeries(train, analysis, Analysis.TRAIN, null) > 0)
        {
            files.add(save(train, dir.resolve("train-step.png")));
        }
        return files;
    }

    private static XYChart chart(final String title, final String x, final String y, final boolean logY)
    {
        final XYChart chart = new XYChartBuilder().width(900).height(560).title(title).xAxisTitle(x).yAxisTitle(y)
            .build();
        chart.getStyler().setXAxisLogarithmic(true);
        chart.getStyler().setYAxisLogarithmic(logY);
        chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.OutsideE);
        return chart;
    }

    /** One series per kernel/variant of a group (kernel filter null: series named kernel + variant). */
    private static int addSeries(final XYChart chart, final Analysis analysis, final String group, final String kernel)
    {
        final Map<String, TreeMap<Double, Double>> series = new LinkedHashMap<>();
        for (final Row r : analysis.rows())
        {
            if (group.equals(r.group) && (kernel == null || kernel.equals(r.kernel)) && Double.isFinite(r.value))
            {
                final String name = kernel == null ? r.kernel + " " + r.variant : r.variant;
                series.computeIfAbsent(name, k -> new TreeMap<>()).put(r.x, r.value);
            }
        }
        series.forEach((name, pts) -> series(chart, name, pts));
        return series.size();
    }

    private static double[] sizes(final Analysis analysis, final String group, final String kernel)
    {
        final TreeMap<Double, Boolean> xs = new TreeMap<>();
        for (final Row r : analysis.rows())
        {
            if (group.equals(r.group) && kernel.equals(r.kernel))
            {
                xs.put(r.x, true);
            }
        }
        return xs.keySet().stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static void series(final XYChart chart, final String name, final TreeMap<Double, Double> pts)
    {
        if (pts.isEmpty())
        {
            return;
        }
        final double[] x = pts.keySet().stream().mapToDouble(Double::doubleValue).toArray();
        final double[] y = pts.values().stream().mapToDouble(Double::doubleValue).toArray();
        chart.addSeries(name, x, y).setMarker(SeriesMarkers.CIRCLE);
    }

    private static void hline(final XYChart chart, final String name, final double[] xs, final double y)
    {
        if (xs.length == 0 || !Double.isFinite(y))
        {
            return;
        }
        final XYSeries s = chart.addSeries(name, new double[] {xs[0], xs[xs.length - 1]}, new double[] {y, y});
        s.setMarker(SeriesMarkers.NONE);
        s.setLineStyle(org.knowm.xchart.style.lines.SeriesLines.DASH_DASH);
    }

    private static Path save(final XYChart chart, final Path file) throws IOException
    {
        BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG);
        return file;
    }
}
