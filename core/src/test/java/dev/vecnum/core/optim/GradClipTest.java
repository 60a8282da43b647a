package dev.vecnum.core.optim;

import static dev.vecnum.core.optim.OptimizerTest.assertMessage;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.junit.jupiter.api.Test;

import dev.vecnum.core.kernel.ScalarElementwise;

class GradClipTest
{
    @Test
    void shouldScaleByTorchCoefficientOnlyAboveMaxNorm()
    {
        final Random rnd = new Random(8);
        final float[] g = new float[40_000];
        OptimizerTest.fill(rnd, g, 1f);
        final float[] original = g.clone();
        final double norm = GradClip.totalNorm(g, 0, g.length);
        assertEquals(Math.sqrt(ScalarElementwise.INSTANCE.sumOfSquares(g, 0, g.length)), norm, 1e-6 * norm);
        assertEquals(norm, GradClip.clipGradNorm(g, 0, g.length, 2 * norm), 0.0);
        assertArrayEquals(original, g, "within bounds: untouched");

        final double maxNorm = norm / 4;
        assertEquals(norm, GradClip.clipGradNorm(g, 0, g.length, maxNorm), 0.0);
        final float coef = (float) (maxNorm / (norm + GradClip.EPS));
        for (int i = 0; i < g.length; i++)
        {
            assertEquals(original[i] * coef, g[i], 0f);
        }
        assertEquals(maxNorm, GradClip.totalNorm(g, 0, g.length), 1e-5 * maxNorm);
    }

    @Test
    void shouldClipOnlyTheRangeAndHandleNonFiniteNorms()
    {
        final float[] g = {100f, 3f, 4f, 100f};
        assertEquals(5.0, GradClip.clipGradNorm(g, 1, 2, 1.0), 1e-12);
        assertEquals(100f, g[0]);
        assertEquals(100f, g[3]);
        assertEquals(0.6f, g[1], 1e-6f);

        final float[] inf = {Float.POSITIVE_INFINITY, 2f};
        assertEquals(Double.POSITIVE_INFINITY, GradClip.clipGradNorm(inf, 0, 2, 1.0));
        assertTrue(Float.isNaN(inf[0]), "Inf·0 is NaN, as in torch");
        assertEquals(0f, inf[1]);

        final float[] nan = {Float.NaN, 2f};
        assertTrue(Double.isNaN(GradClip.clipGradNorm(nan, 0, 2, 1.0)));
        assertEquals(2f, nan[1], "a NaN norm scales nothing");
    }

    @Test
    void shouldRejectBadArguments()
    {
        final float[] g = {1f, 2f};
        assertMessage(() -> GradClip.clipGradNorm(g, 0, 2, -1), "maxNorm must be finite and > 0");
        assertMessage(() -> GradClip.clipGradNorm(g, 0, 2, Double.NaN), "maxNorm");
        assertMessage(() -> GradClip.clipGradNorm(g, 0, 2, Double.POSITIVE_INFINITY), "maxNorm");
        assertMessage(() -> GradClip.clipGradNorm(g, 1, 2, 1.0), "g too short");
        assertMessage(() -> GradClip.totalNorm(null, 0, 0), "g is null");
        assertArrayEquals(new float[] {1f, 2f}, g);
    }
}
