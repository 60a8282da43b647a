package dev.vecnum.core;

import static dev.vecnum.core.MatmulTest.assertMessage;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;

import org.junit.jupiter.api.Test;

import dev.vecnum.core.kernel.Kernels;
import dev.vecnum.core.kernel.OptimKernels;
import dev.vecnum.core.kernel.ScalarOptim;

class OptimTest
{
    private final OptimKernels vector = Kernels.vectorOptim();
    private final OptimKernels scalar = ScalarOptim.INSTANCE;

    @Test
    void shouldMatchHandComputedAdamFirstStep()
    {
        // first Adam step moves every weight by lr·sign(g) (up to eps)
        final float[] w = {1f, -2f, 0.5f};
        final float[] g = {0.1f, -3f, 2f};
        Optim.adamw(w, g, new float[3], new float[3], 0, 3, 0.01f, 0.9f, 0.999f, 1e-8f, 0f, 1);
        assertEquals(0.99f, w[0], 1e-6f);
        assertEquals(-1.99f, w[1], 1e-6f);
        assertEquals(0.49f, w[2], 1e-6f);
    }

    @Test
    void shouldMatchScalarBitForBit()
    {
        final Random rnd = new Random(9);
        for (final int n : TestSizes.lengths())
        {
            final int off = n % 3;
            final float[] w = TestSizes.randomFloats(rnd, off + n, 1f);
            final float[] g = TestSizes.randomFloats(rnd, off + n, 1f);
            final float[] s1 = TestSizes.randomFloats(rnd, off + n, 1f);
            final float[] s2 = TestSizes.randomFloats(rnd, off + n, 1f);
            for (int s2i = 0; s2i < s2.length; s2i++)
            {
                s2[s2i] = Math.abs(s2[s2i]);
            }

            final float[] wv = w.clone();
            final float[] ws = w.clone();
            vector.sgd(wv, g, off, n, 0.1f);
            scalar.sgd(ws, g, off, n, 0.1f);
            assertArrayEquals(ws, wv, "sgd " + n);

            for (final boolean nesterov : new boolean[] {false, true})
            {
                final float[] wv2 = w.clone();
                final float[] ws2 = w.clone();
                final float[] vv = s1.clone();
                final float[] vs = s1.clone();
                vector.momentum(wv2, g, vv, off, n, 0.1f, 0.9f, nesterov);
                scalar.momentum(ws2, g, vs, off, n, 0.1f, 0.9f, nesterov);
                assertArrayEquals(ws2, wv2, "momentum w " + n);
                assertArrayEquals(vs, vv, "momentum v " + n);
            }

            final float[] wv3 = w.clone();
            final float[] ws3 = w.clone();
            final float[] mv = s1.clone();
            final float[] ms = s1.clone();
            final float[] vv = s2.clone();
            final float[] vs = s2.clone();
            vector.adamw(wv3, g, mv, vv, off, n, 1e-3f, 0.9f, 0.999f, 1e-8f, 0.1f, 7);
            scalar.adamw(ws3, g, ms, vs, off, n, 1e-3f, 0.9f, 0.999f, 1e-8f, 0.1f, 7);
            assertArrayEquals(ws3, wv3, "adamw w " + n);
            assertArrayEquals(ms, mv, "adamw m " + n);
            assertArrayEquals(vs, vv, "adamw v " + n);
        }
    }

    @Test
    void shouldRejectBadHyperparametersBeforeWriting()
    {
        final float[] w = {1f, 2f};
        final float[] g = {1f, 1f};
        final float[] m = new float[2];
        final float[] v = new float[2];
        assertMessage(() -> Optim.sgd(w, g, 0, 2, -1f), "lr must be finite and >= 0");
        assertMessage(() -> Optim.sgd(w, g, 0, 2, Float.NaN), "lr must be finite");
        assertMessage(() -> Optim.sgd(w, g, 1, 2, 0.1f), "w too short");
        assertMessage(() -> Optim.sgd(w, w, 0, 2, 0.1f), "same array");
        assertMessage(() -> Optim.momentum(w, g, m, 0, 2, 0.1f, 1f, false), "momentum must be in [0, 1)");
        assertMessage(() -> Optim.momentum(w, g, new float[1], 0, 2, 0.1f, 0.9f, false), "velocity too short");
        assertMessage(() -> Optim.adamw(w, g, m, v, 0, 2, 0.1f, -0.1f, 0.999f, 1e-8f, 0f, 1), "beta1");
        assertMessage(() -> Optim.adamw(w, g, m, v, 0, 2, 0.1f, 0.9f, 1f, 1e-8f, 0f, 1), "beta2");
        assertMessage(() -> Optim.adamw(w, g, m, v, 0, 2, 0.1f, 0.9f, 0.999f, -1f, 0f, 1), "eps");
        assertMessage(() -> Optim.adamw(w, g, m, v, 0, 2, 0.1f, 0.9f, 0.999f, 1e-8f, -1f, 1), "weightDecay");
        assertMessage(() -> Optim.adamw(w, g, m, v, 0, 2, 0.1f, 0.9f, 0.999f, 1e-8f, 0f, 0), "step must be >= 1");
        assertMessage(() -> Optim.adamw(w, g, m, m, 0, 2, 0.1f, 0.9f, 0.999f, 1e-8f, 0f, 1), "same array");
        assertArrayEquals(new float[] {1f, 2f}, w);
        assertArrayEquals(new float[2], m);
    }
}
