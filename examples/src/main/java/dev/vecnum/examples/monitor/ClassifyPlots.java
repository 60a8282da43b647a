package dev.vecnum.examples.monitor;

import dev.vecnum.examples.classify.ClassifyEpoch;
import dev.vecnum.nn.data.LabeledData;
import dev.vecnum.nn.eval.Evaluation;
import dev.vecnum.nn.io.PendingFile;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import javax.imageio.ImageIO;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.style.Styler;

/**
 * The {@code classify} pictures as PNG files, each written atomically through {@link PendingFile}: loss and accuracy per
 * epoch and the confusion matrix (XChart), and a grid of misclassified test images (Java2D: a chart library does not
 * draw images). Stateless; call from one thread at a time (AWT rendering).
 */
public final class ClassifyPlots
{
    /** Train and test loss, and test accuracy, per epoch. */
    public static final String CURVES_PNG = "loss_accuracy.png";
    /** The classes × classes confusion matrix of the test set. */
    public static final String CONFUSION_PNG = "confusion_matrix.png";
    /** Misclassified test images with their predicted and true classes. */
    public static final String MISCLASSIFIED_PNG = "misclassified.png";

    private static final int GRID_COLUMNS = 8;
    private static final int GRID_ROWS = 6;
    private static final int CELL_IMAGE = 84;
    private static final int CELL_WIDTH = 130;
    private static final int CAPTION = 34;
    private static final int TITLE = 40;
    private static final int MAX_CONFUSION_VALUES = 20;

    static
    {
        System.setProperty("java.awt.headless", "true");
    }

    private ClassifyPlots()
    {
    }

    /**
     * Writes the three pictures into {@code dir}.
     *
     * @param dir     an existing directory
     * @param history the epochs, in order
     * @param test    the final test evaluation
     * @param data    the test images
     * @param height  image rows
     * @param width   image columns
     * @param names   class names
     * @return the files written
     * @throws IOException if a file cannot be written
     */
    public static List<Path> write(final Path dir, final List<ClassifyEpoch> history, final Evaluation test,
        final LabeledData data, final int height, final int width, final List<String> names) throws IOException
    {
        final List<Path> written = new ArrayList<>();
        written.add(curves(dir.resolve(CURVES_PNG), history));
        written.add(confusion(dir.resolve(CONFUSION_PNG), test, names));
        written.add(misclassified(dir.resolve(MISCLASSIFIED_PNG), data, height, width, test, names));
        return written;
    }

    /**
     * Two panels: train and test loss per epoch; test accuracy per epoch (epochs counted from 1).
     *
     * @param file    PNG file to write
     * @param history the epochs
     * @return the file
     * @throws IOException if the file cannot be written
     */
    public static Path curves(final Path file, final List<ClassifyEpoch> history) throws IOException
    {
        final double[] x = new double[history.size()];
        final double[] train = new double[x.length];
        final double[] testLoss = new double[x.length];
        final double[] accuracy = new double[x.length];
        for (int i = 0; i < x.length; i++)
        {
            final ClassifyEpoch e = history.get(i);
            x[i] = e.epoch() + 1;
            train[i] = e.trainLoss();
            testLoss[i] = e.testLoss();
            accuracy[i] = 100 * e.testAccuracy();
        }
        final XYChart loss = Plots.chart("Loss per epoch (softmax cross-entropy)", "epoch", "loss", 800, 550);
        Plots.line(loss, "train (mean of the epoch's batches)", x, train);
        Plots.line(loss, "test (after the epoch)", x, testLoss);
        final XYChart acc = Plots.chart("Test accuracy per epoch", "epoch", "accuracy (%)", 800, 550);
        acc.getStyler().setLegendPosition(Styler.LegendPosition.InsideSE);
        Plots.line(acc, "test accuracy", x, accuracy);
        Plots.save(file, List.of(loss, acc), 1, 2);
        return file;
    }

    /**
     * The confusion matrix as a heat map: true class down, predicted class across, counts in the cells (when there
     * are at most 20 classes).
     *
     * @param file  PNG file to write
     * @param test  the evaluation
     * @param names class names
     * @return the file
     * @throws IOException if the file cannot be written
     */
    public static Path confusion(final Path file, final Evaluation test, final List<String> names) throws IOException
    {
        final int classes = test.classes();
        final int size = Math.max(700, Math.min(2400, 70 * classes + 300));
        final HeatMapChart chart = new HeatMapChartBuilder().width(size + 150).height(size)
            .title(String.format("Confusion matrix, test set: accuracy %.2f%% of %d", 100 * test.accuracy(),
                test.rows()))
            .xAxisTitle("predicted class").yAxisTitle("true class").build();
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setShowValue(classes <= MAX_CONFUSION_VALUES);
        chart.getStyler().setRangeColors(new Color[] {new Color(0xF7FBFF), new Color(0x6BAED6), new Color(0x08306B)});
        chart.getStyler().setValueFontColor(new Color(0xE6550D));
        chart.getStyler().setXAxisLabelRotation(30);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        final List<String> down = new ArrayList<>(names);
        Collections.reverse(down);
        final List<Number[]> cells = new ArrayList<>();
        for (int actual = 0; actual < classes; actual++)
        {
            for (int predicted = 0; predicted < classes; predicted++)
            {
                cells.add(new Number[] {predicted, classes - 1 - actual, test.count(actual, predicted)});
            }
        }
        chart.addSeries("test images", names, down, cells);
        Plots.save(file, List.of(chart), 1, 1);
        return file;
    }

    /**
     * A grid of the first misclassified test images (in test-set order), each with its predicted and true class.
     *
     * @param file   PNG file to write
     * @param data   the test images, height·width values in [0, 1] per row
     * @param height image rows
     * @param width  image columns
     * @param test   the evaluation (predictions)
     * @param names  class names
     * @return the file
     * @throws IOException if the file cannot be written
     */
    public static Path misclassified(final Path file, final LabeledData data, final int height, final int width,
        final Evaluation test, final List<String> names) throws IOException
    {
        final List<Integer> wrong = new ArrayList<>();
        for (int i = 0; i < data.rows() && wrong.size() < GRID_COLUMNS * GRID_ROWS; i++)
        {
            if (test.predictions()[i] != data.labels()[i])
            {
                wrong.add(i);
            }
        }
        final int scale = Math.max(1, CELL_IMAGE / Math.max(height, width));
        final int cellWidth = Math.max(CELL_WIDTH, width * scale + 10);
        final int cellHeight = height * scale + CAPTION + 8;
        final int rows = Math.max(1, (wrong.size() + GRID_COLUMNS - 1) / GRID_COLUMNS);
        final BufferedImage image = new BufferedImage(GRID_COLUMNS * cellWidth, TITLE + rows * cellHeight,
            BufferedImage.TYPE_INT_RGB);
        final Graphics2D g = image.createGraphics();
        try
        {
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, image.getWidth(), image.getHeight());
            g.setColor(Color.BLACK);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
            g.drawString(wrong.isEmpty() ? "No misclassified test images" : String.format(
                "Misclassified test images: the first %d of %d (red: predicted, black: true)", wrong.size(),
                test.rows() - test.correct()), 10, 26);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
            for (int k = 0; k < wrong.size(); k++)
            {
                final int row = wrong.get(k);
                final int left = (k % GRID_COLUMNS) * cellWidth + (cellWidth - width * scale) / 2;
                final int top = TITLE + (k / GRID_COLUMNS) * cellHeight;
                drawImage(g, data, row, height, width, scale, left, top);
                final int textTop = top + height * scale + 14;
                g.setColor(new Color(0xC00000));
                centered(g, names.get(test.predictions()[row]), (k % GRID_COLUMNS) * cellWidth, cellWidth, textTop);
                g.setColor(Color.BLACK);
                centered(g, names.get(data.labels()[row]), (k % GRID_COLUMNS) * cellWidth, cellWidth, textTop + 14);
            }
        }
        finally
        {
            g.dispose();
        }
        try (PendingFile pending = PendingFile.create(file))
        {
            ImageIO.write(image, "png", pending.out());
            pending.commit();
        }
        return file;
    }

    private static void drawImage(final Graphics2D g, final LabeledData data, final int row, final int height,
        final int width, final int scale, final int left, final int top)
    {
        final int base = row * data.features();
        for (int r = 0; r < height; r++)
        {
            for (int c = 0; c < width; c++)
            {
                final int v = Math.round(255 * Math.max(0f, Math.min(1f, data.x()[base + r * width + c])));
                g.setColor(new Color(v, v, v));
                g.fillRect(left + c * scale, top + r * scale, scale, scale);
            }
        }
    }

    private static void centered(final Graphics2D g, final String text, final int left, final int cellWidth,
        final int baseline)
    {
        final FontMetrics metrics = g.getFontMetrics();
        g.drawString(text, left + Math.max(2, (cellWidth - metrics.stringWidth(text)) / 2), baseline);
    }
}
