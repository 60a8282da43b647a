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

    @Test
    void shouldRejectEveryBadInputBeforeWritingAnyArray()
    {
        final int n = 5;
        final float[] w = {1f, 2f, 3f, 4f, 5f};
        final float[] g = {0.5f, -0.5f, 1f, -1f, 2f};
        final float[] vel = {0.1f, 0.2f, 0.3f, 0.4f, 0.5f};
        final float[] m = {0.1f, -0.2f, 0.3f, -0.4f, 0.5f};
        final float[] v = {0.01f, 0.02f, 0.03f, 0.04f, 0.05f};
        final float[][] all = {w, g, vel, m, v};
        final float[][] before = {w.clone(), g.clone(), vel.clone(), m.clone(), v.clone()};
        final float[] shortArr = new float[n - 1];
        final float nan = Float.NaN;
        final float inf = Float.POSITIVE_INFINITY;

        for (final float badLr : new float[] {-1f, -Float.MIN_VALUE, nan, inf, Float.NEGATIVE_INFINITY})
        {
            rejects(() -> Optim.sgd(w, g, 0, n, badLr), "sgd: lr must be finite and >= 0");
            rejects(() -> Optim.momentum(w, g, vel, 0, n, badLr, 0.9f, false), "momentum: lr must be finite");
            rejects(() -> Optim.adamw(w, g, m, v, 0, n, badLr, 0.9f, 0.999f, 1e-8f, 0f, 1), "adamw: lr must be");
        }
        for (final float badBeta : new float[] {-0.1f, 1f, 1.5f, nan, inf})
        {
            rejects(() -> Optim.momentum(w, g, vel, 0, n, 0.1f, badBeta, true), "momentum must be in [0, 1)");
            rejects(() -> Optim.adamw(w, g, m, v, 0, n, 0.1f, badBeta, 0.999f, 1e-8f, 0f, 1), "beta1 must be in");
            rejects(() -> Optim.adamw(w, g, m, v, 0, n, 0.1f, 0.9f, badBeta, 1e-8f, 0f, 1), "beta2 must be in");
        }
        for (final float bad : new float[] {-1e-8f, nan, inf})
        {
            rejects(() -> Optim.adamw(w, g, m, v, 0, n, 0.1f, 0.9f, 0.999f, bad, 0f, 1), "eps must be finite");
            rejects(() -> Optim.adamw(w, g, m, v, 0, n, 0.1f, 0.9f, 0.999f, 1e-8f, bad, 1), "weightDecay must be");
        }
        for (final int badStep : new int[] {0, -1, Integer.MIN_VALUE})
        {
            rejects(() -> Optim.adamw(w, g, m, v, 0, n, 0.1f, 0.9f, 0.999f, 1e-8f, 0f, badStep), "step must be >= 1");
        }
        // ranges: each array too short, null, negative offset or length, off + len past the end
        rejects(() -> Optim.sgd(shortArr, g, 0, n, 0.1f), "w too short");
        rejects(() -> Optim.sgd(w, shortArr, 0, n, 0.1f), "g too short");
        rejects(() -> Optim.sgd(null, g, 0, n, 0.1f), "w is null");
        rejects(() -> Optim.sgd(w, null, 0, n, 0.1f), "g is null");
        rejects(() -> Optim.sgd(w, g, -1, 2, 0.1f), "wOff must be >= 0");
        rejects(() -> Optim.sgd(w, g, 0, -1, 0.1f), "length for w must be >= 0");
        rejects(() -> Optim.sgd(w, g, 3, 3, 0.1f), "w too short");
        rejects(() -> Optim.sgd(w, g, Integer.MAX_VALUE, 2, 0.1f), "w too short");
        rejects(() -> Optim.momentum(shortArr, g, vel, 0, n, 0.1f, 0.9f, false), "w too short");
        rejects(() -> Optim.momentum(w, shortArr, vel, 0, n, 0.1f, 0.9f, false), "g too short");
        rejects(() -> Optim.momentum(w, g, shortArr, 0, n, 0.1f, 0.9f, false), "velocity too short");
        rejects(() -> Optim.momentum(w, g, null, 0, n, 0.1f, 0.9f, false), "velocity is null");
        rejects(() -> Optim.adamw(shortArr, g, m, v, 0, n, 0.1f, 0.9f, 0.999f, 1e-8f, 0f, 1), "w too short");
        rejects(() -> Optim.adamw(w, shortArr, m, v, 0, n, 0.1f, 0.9f, 0.999f, 1e-8f, 0f, 1), "g too short");
        rejects(() -> Optim.adamw(w, g, shortArr, v, 0, n, 0.1f, 0.9f, 0.999f, 1e-8f, 0f, 1), "m too short");
        rejects(() -> Optim.adamw(w, g, m, shortArr, 0, n, 0.1f, 0.9f, 0.999f, 1e-8f, 0f, 1), "v too short");
        rejects(() -> Optim.adamw(w, g, m, null, 0, n, 0.1f, 0.9f, 0.999f, 1e-8f, 0f, 1), "v is null");
        // aliasing: every pair of distinct roles
        rejects(() -> Optim.sgd(w, w, 0, n, 0.1f), "same array");
        rejects(() -> Optim.momentum(w, w, vel, 0, n, 0.1f, 0.9f, false), "same array");
        rejects(() -> Optim.momentum(w, g, w, 0, n, 0.1f, 0.9f, false), "same array");
        rejects(() -> Optim.momentum(w, g, g, 0, n, 0.1f, 0.9f, false), "same array");
        rejects(() -> Optim.adamw(w, w, m, v, 0, n, 0.1f, 0.9f, 0.999f, 1e-8f, 0f, 1), "same array");
        rejects(() -> Optim.adamw(w, g, w, v, 0, n, 0.1f, 0.9f, 0.999f, 1e-8f, 0f, 1), "same array");
        rejects(() -> Optim.adamw(w, g, m, w, 0, n, 0.1f, 0.9f, 0.999f, 1e-8f, 0f, 1), "same array");
        rejects(() -> Optim.adamw(w, g, m, m, 0, n, 0.1f, 0.9f, 0.999f, 1e-8f, 0f, 1), "same array");
        rejects(() -> Optim.adamw(w, g, g, v, 0, n, 0.1f, 0.9f, 0.999f, 1e-8f, 0f, 1), "same array");
        rejects(() -> Optim.adamw(w, g, m, g, 0, n, 0.1f, 0.9f, 0.999f, 1e-8f, 0f, 1), "same array");

        for (int k = 0; k < all.length; k++)
        {
            assertArrayEquals(before[k], all[k], "array " + k + " must be untouched by rejected calls");
        }
        // boundary values are accepted: lr 0, beta 0, eps 0, zero length
        Optim.sgd(w, g, 0, n, 0f);
        Optim.momentum(w, g, vel, n, 0, 0.1f, 0f, false);
        Optim.adamw(w, g, m, v, 0, 0, 0.1f, 0f, 0f, 0f, 0f, Integer.MAX_VALUE);
        assertArrayEquals(before[0], w);
        assertArrayEquals(before[2], vel);
    }

    @Test
    void shouldMatchScalarBitForBitOverManySteps()
    {
        // same trajectories for several steps, extreme-ish hyperparameters and special values in the data
        final Random rnd = new Random(21);
        for (final int n : TestSizes.lengths())
        {
            final float[] w0 = TestSizes.randomFloats(rnd, n, 3f);
            final float[] wv = w0.clone();
            final float[] ws = w0.clone();
            final float[] mv = new float[n];
            final float[] ms = new float[n];
            final float[] vv = new float[n];
            final float[] vs = new float[n];
            for (int t = 1; t <= 4; t++)
            {
                final float[] g = TestSizes.randomFloats(rnd, n, 10f);
                if (n > 2)
                {
                    g[n / 2] = 0f;
                    g[n - 1] = 1e-30f;
                }
                vector.adamw(wv, g, mv, vv, 0, n, 0.5f, 0f, 0.5f, 0f, 0.3f, t);
                scalar.adamw(ws, g, ms, vs, 0, n, 0.5f, 0f, 0.5f, 0f, 0.3f, t);
                assertArrayEquals(ws, wv, "adamw n=" + n + " t=" + t);
                assertArrayEquals(ms, mv);
                assertArrayEquals(vs, vv);
                vector.momentum(wv, g, mv, 0, n, 1e-3f, 0.99f, t % 2 == 0);
                scalar.momentum(ws, g, ms, 0, n, 1e-3f, 0.99f, t % 2 == 0);
                assertArrayEquals(ws, wv, "momentum n=" + n + " t=" + t);
                assertArrayEquals(ms, mv);
            }
        }
    }

    private static void rejects(final org.junit.jupiter.api.function.Executable call, final String fragment)
    {
        assertMessage(call, fragment);
    }
}
