package dev.vecnum.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;

import org.junit.jupiter.api.Test;

/** The README's API example, run as written, checked against a double-precision hand computation. */
class ReadmeExampleTest
{
    @Test
    void shouldComputeTheDenseLayerBackwardOfTheReadme()
    {
        final int batch = 5;
        final int in = 3;
        final int out = 4;
        final Random rnd = new Random(1);
        final float[] x = TestSizes.randomFloats(rnd, batch * in, 1f);
        final float[] w = TestSizes.randomFloats(rnd, in * out, 1f);
        final float[] b = TestSizes.randomFloats(rnd, out, 0.5f);
        final float[] g = TestSizes.randomFloats(rnd, batch * out, 1f);
        final float[] g0 = g.clone();
        final float[] h = new float[batch * out];
        final float[] gw = new float[in * out];
        final float[] gb = new float[out];
        final float[] gx = new float[batch * in];

        Matmul.matmulBiasRelu(x, 0, w, 0, b, 0, h, 0, batch, in, out);
        Activations.reluBackward(g, h, 0, batch * out);
        Matmul.matmulTransA(x, 0, g, 0, gw, 0, in, batch, out);
        Vectors.scale(gw, 0, in * out, 1f / batch);
        Reductions.columnMean(g, 0, batch, out, gb, 0);
        Matmul.matmulTransB(g, 0, w, 0, gx, 0, batch, out, in);

        final double[] masked = new double[batch * out];
        for (int r = 0; r < batch; r++)
        {
            for (int j = 0; j < out; j++)
            {
                double z = b[j];
                for (int i = 0; i < in; i++)
                {
                    z += (double) x[r * in + i] * w[i * out + j];
                }
                assertEquals(Math.max(z, 0), h[r * out + j], 1e-5);
                masked[r * out + j] = z > 0 ? g0[r * out + j] : 0;
            }
        }
        for (int i = 0; i < in; i++)
        {
            for (int j = 0; j < out; j++)
            {
                double s = 0;
                for (int r = 0; r < batch; r++)
                {
                    s += x[r * in + i] * masked[r * out + j];
                }
                assertEquals(s / batch, gw[i * out + j], 1e-5, "dW");
            }
        }
        for (int j = 0; j < out; j++)
        {
            double s = 0;
            for (int r = 0; r < batch; r++)
            {
                s += masked[r * out + j];
            }
            assertEquals(s / batch, gb[j], 1e-5, "db");
        }
        for (int r = 0; r < batch; r++)
        {
            for (int i = 0; i < in; i++)
            {
                double s = 0;
                for (int j = 0; j < out; j++)
                {
                    s += masked[r * out + j] * w[i * out + j];
                }
                assertEquals(s, gx[r * in + i], 1e-5, "dX");
            }
        }
    }
}
