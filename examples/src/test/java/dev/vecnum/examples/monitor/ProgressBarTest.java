package dev.vecnum.examples.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class ProgressBarTest
{
    @Test
    void shouldRenderProportionalBarPercentAndCounts()
    {
        assertEquals("e [----------]   0% 0/10", ProgressBar.render("e", 0, 10, 10));
        assertEquals("e [#####-----]  50% 5/10", ProgressBar.render("e", 5, 10, 10));
        assertEquals("e [##--------]  29% 172/591", ProgressBar.render("e", 172, 591, 10));
        assertEquals("e [##########] 100% 591/591", ProgressBar.render("e", 591, 591, 10));
        assertEquals("e [##########] 100% 3/3", ProgressBar.render("e", 7, 3, 10), "clamped");
    }

    @Test
    void shouldThrottleRedrawsButAlwaysDrawTheLastBatchAndClearAfterwards()
    {
        final StringWriter text = new StringWriter();
        final ProgressBar bar = new ProgressBar(new PrintWriter(text), 4, Long.MAX_VALUE / 2);
        bar.label("epoch 1/2");
        bar.batchDone(1, 3);
        bar.batchDone(2, 3);
        bar.batchDone(3, 3);
        assertEquals("\repoch 1/2 [#---]  33% 1/3\repoch 1/2 [####] 100% 3/3", text.toString());
        bar.clear();
        assertTrue(text.toString().endsWith("\r" + " ".repeat("epoch 1/2 [####] 100% 3/3".length()) + "\r"));
    }
}
