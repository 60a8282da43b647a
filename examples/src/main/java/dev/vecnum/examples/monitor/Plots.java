package dev.vecnum.examples.monitor;

import dev.vecnum.examples.train.EpochResult;
import dev.vecnum.nn.io.PendingFile;
import dev.vecnum.nn.train.LrSchedule;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder.BitmapFormat;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The training plots as PNG files (XChart, rendered headless), each written atomically through
 * {@link PendingFile}. Stateless; call from one thread at a time (AWT rendering).
 */
public final class Plots
{
    private static final int WIDTH = 1000;
    private static final int HEIGHT = 650;
    private static final int ZOOM_FROM = 3;
    // distinct, colour-blind friendly (Okabe-Ito, then Tableau) so six runs or ten singular values stay apart
    static final Color[] COLORS = {
        new Color(0x0072B2), new Color(0xE69F00), new Color(0x009E73), new Color(0xCC79A7), new Color(0xD55E00),
        new Color(0x56B4E9), new Color(0x000000), new Color(0xF0E442), new Color(0x8C564B), new Color(0x7F7F7F)};

    static
    {
        System.setProperty("java.awt.headless", "true");
    }

    private Plots()
    {
    }

    /**
     * Valid loss per epoch of several runs on a logarithmic axis.
     *
     * @param file PNG file to write
     * @param runs run name → its epochs, in legend order
     * @throws IOException if the file cannot be written
     */
    public static void validLoss(final Path file, final Map<String, List<EpochResult>> runs) throws IOException
    {
        final XYChart all = chart("Valid MSE per epoch", "epoch", "valid MSE (log scale)", WIDTH, HEIGHT);
        all.getStyler().setYAxisLogarithmic(true);
        final XYChart zoom = chart("Valid MSE per epoch, from epoch " + ZOOM_FROM + " (linear scale)", "epoch",
            "valid MSE", WIDTH, HEIGHT);
        runs.forEach((name, epochs) ->
        {
            curve(all, name, epochs, 0);
            curve(zoom, name, epochs, Math.min(ZOOM_FROM, epochs.size() - 1));
        });
        save(file, List.of(all, zoom), 2, 1);
    }

    private static void curve(final XYChart chart, final String name, final List<EpochResult> epochs, final int from)
    {
        final double[] x = new double[epochs.size() - from];
        final double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++)
        {
            x[i] = epochs.get(from + i).epoch();
            y[i] = epochs.get(from + i).validLoss();
        }
        line(chart, name, x, y);
    }

    /**
     * A learning-rate schedule over steps 1 … steps.
     *
     * @param file     PNG file to write
     * @param title    chart title (e.g. the run's name)
     * @param schedule the schedule
     * @param steps    last step to plot
     * @throws IOException if the file cannot be written
     */
    public static void lrSchedule(final Path file, final String title, final LrSchedule schedule, final int steps)
        throws IOException
    {
        // XChart's tick labels break down for values around 1e-5, so the axis is in units of a power of ten
        final int exponent = (int) Math.floor(Math.log10(Math.max(schedule.lr(), Double.MIN_NORMAL)));
        final double unit = Math.pow(10, exponent);
        final XYChart chart = chart(title, "step", "learning rate (x 1e" + exponent + ")", WIDTH, HEIGHT);
        chart.getStyler().setLegendVisible(false);
        final double[] x = new double[steps];
        final double[] y = new double[steps];
        for (int t = 1; t <= steps; t++)
        {
            x[t - 1] = t;
            y[t - 1] = schedule.at(t) / unit;
        }
        line(chart, "lr", x, y);
        save(file, List.of(chart), 1, 1);
    }

    /**
     * Singular values of a weight matrix over training, one panel per run (2 columns): each line is one singular
     * value (σ1 the largest), point 0 is the initialization and point e the end of epoch e.
     *
     * @param file   PNG file to write
     * @param title  what matrix, for the panel titles
     * @param values run name → per checkpoint (init, epoch 1, …) the singular values, descending
     * @throws IOException if the file cannot be written
     */
    public static void singularValues(final Path file, final String title, final Map<String, List<double[]>> values)
        throws IOException
    {
        final List<XYChart> panels = new ArrayList<>();
        values.forEach((name, history) ->
        {
            final XYChart chart = chart(name + ": " + title, "epoch (0 = init)", "singular value", WIDTH / 2,
                HEIGHT / 2);
            chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
            final int count = history.get(0).length;
            final double[] x = new double[history.size()];
            for (int e = 0; e < x.length; e++)
            {
                x[e] = e;
            }
            for (int s = 0; s < count; s++)
            {
                final double[] y = new double[history.size()];
                for (int e = 0; e < y.length; e++)
                {
                    y[e] = history.get(e)[s];
                }
                line(chart, "σ" + (s + 1), x, y);
            }
            panels.add(chart);
        });
        save(file, panels, (panels.size() + 1) / 2, 2);
    }

    static XYChart chart(final String title, final String xTitle, final String yTitle, final int width,
        final int height)
    {
        final XYChart chart = new XYChartBuilder().width(width).height(height).title(title).xAxisTitle(xTitle)
            .yAxisTitle(yTitle).build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setSeriesColors(COLORS);
        return chart;
    }

    static void line(final XYChart chart, final String name, final double[] x, final double[] y)
    {
        final XYSeries series = chart.addSeries(name, x, y);
        series.setMarker(SeriesMarkers.NONE);
    }

    static <T extends Chart<?, ?>> void save(final Path file, final List<T> charts, final int rows,
        final int columns) throws IOException
    {
        try (PendingFile pending = PendingFile.create(file))
        {
            BitmapEncoder.saveBitmap(charts, rows, columns, pending.out(), BitmapFormat.PNG);
            pending.commit();
        }
    }
}
