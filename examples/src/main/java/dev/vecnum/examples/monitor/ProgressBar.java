package dev.vecnum.examples.monitor;

import dev.vecnum.nn.train.BatchListener;
import java.io.PrintWriter;

/**
 * A one-line text progress bar for a terminal, redrawn in place with a carriage return at most every
 * {@code intervalNanos} (and at the last batch), so a batch costs one clock read. Not thread-safe.
 */
public final class ProgressBar implements BatchListener
{
    private final PrintWriter out;
    private final boolean enabled;
    private final int width;
    private final long intervalNanos;
    private String label = "";
    private long lastDraw;
    private int lastLength;

    /**
     * @param out           where to draw (a terminal), or null for a bar that draws nothing
     * @param width         characters inside the brackets, &gt; 0
     * @param intervalNanos least time between redraws
     */
    public ProgressBar(final PrintWriter out, final int width, final long intervalNanos)
    {
        if (width <= 0)
        {
            throw new IllegalArgumentException("width must be > 0, got " + width);
        }
        this.out = out;
        this.enabled = out != null;
        this.width = width;
        this.intervalNanos = intervalNanos;
    }

    /**
     * The training commands' bar: drawn on {@code out} when the JVM has a console and not {@code quiet}, otherwise a
     * bar that draws nothing (so callers need no null checks).
     *
     * @param out   where to draw (standard error)
     * @param quiet the command's {@code --quiet}
     * @return the bar
     */
    public static ProgressBar onTerminal(final PrintWriter out, final boolean quiet)
    {
        return new ProgressBar(!quiet && System.console() != null ? out : null, 30, 100_000_000L);
    }

    /**
     * Sets the text drawn before the bar (e.g. {@code "epoch 3/40"}) and allows an immediate redraw.
     *
     * @param label the label
     */
    public void label(final String label)
    {
        if (!enabled)
        {
            return;
        }
        this.label = label;
        lastDraw = System.nanoTime() - intervalNanos;
    }

    /** {@inheritDoc} Redraws when the interval has passed or on the last batch. */
    @Override
    public void batchDone(final int done, final int total)
    {
        if (!enabled)
        {
            return;
        }
        final long now = System.nanoTime();
        if (done == total || now - lastDraw >= intervalNanos)
        {
            lastDraw = now;
            final String line = render(label, done, total, width);
            out.print("\r" + line);
            out.flush();
            lastLength = line.length();
        }
    }

    /** Erases the bar so the next output starts on a clean line. */
    public void clear()
    {
        if (lastLength > 0)
        {
            out.print("\r" + " ".repeat(lastLength) + "\r");
            out.flush();
            lastLength = 0;
        }
    }

    /**
     * The bar's text: label, brackets filled in proportion, percentage and counts.
     *
     * @param label text before the bar
     * @param done  units done, clamped to [0, total]
     * @param total units in all, &gt; 0
     * @param width characters inside the brackets
     * @return e.g. {@code "epoch 3/40 [#####-----]  50% 5/10"}
     */
    public static String render(final String label, final int done, final int total, final int width)
    {
        final int clamped = Math.max(0, Math.min(done, total));
        final int filled = (int) ((long) clamped * width / total);
        final int percent = (int) ((long) clamped * 100 / total);
        return String.format("%s [%s%s] %3d%% %d/%d", label, "#".repeat(filled), "-".repeat(width - filled),
            percent, clamped, total);
    }
}
