package dev.vecnum.examples.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Checks {@link Mlp#gradient} against central finite differences of a double-precision reference forward.
 *
 * <p>The lesson's gradients (G = pred − y at the output, dW = xᵀ·G / rows, db = mean of G) are the exact gradient
 * of L = Σ (pred − y)² / (2·rows). Between ReLU kinks L is a polynomial of degree 2 in any single parameter, so the
 * central difference (L(θ+h) − L(θ−h)) / 2h is exact up to double rounding (≈ 1e-16·L/h ≈ 1e-11 here); the test
 * confirms no kink was crossed by requiring h and h/2 to agree. What remains is the float32 error of the analytic
 * gradient: each entry is a short sum of products of float32 values, so relative errors are a few 1e-7 of the
 * magnitudes involved; 1e-4 relative plus 1e-6 absolute leaves ample margin while any wrong term (a missing mask,
 * a transposed product, a wrong divisor) is off by far more.
 */
class MlpGradientCheckTest
{
    private static final int[] SIZES = {3, 5, 4, 2};
    private static final int ROWS = 7;

    @Test
    void shouldMatchFiniteDifferencesForEveryParameterOnAShortBatch()
    {
        final Mlp mlp = new Mlp(SIZES, 8);
        Init.DEFAULT.apply(mlp, 42);
        final NumpyRandom random = new NumpyRandom(7);
        final float[] x = new float[2 + ROWS * SIZES[0]];
        final float[] y = new float[1 + ROWS * SIZES[3]];
        for (int i = 0; i < x.length; i++)
        {
            x[i] = (float) (random.nextDouble() * 4 - 2);
        }
        for (int i = 0; i < y.length; i++)
        {
            y[i] = (float) (random.nextDouble() * 2 - 1);
        }
        final double mse = mlp.gradient(x, 2, y, 1, ROWS);
        final double[] theta = new double[mlp.parameterCount()];
        for (int i = 0; i < theta.length; i++)
        {
            theta[i] = mlp.params()[i];
        }
        assertEquals(2 * loss(mlp, theta, x, y) / SIZES[3], mse, 1e-5 * mse, "batch MSE");
        int nonZero = 0;
        for (int p = 0; p < theta.length; p++)
        {
            final double numeric = centralDifference(mlp, theta, x, y, p, 1e-3);
            final double finer = centralDifference(mlp, theta, x, y, p, 5e-4);
            assertEquals(numeric, finer, 1e-9 * Math.max(1, Math.abs(numeric)), "kink crossed at parameter " + p);
            final double analytic = mlp.grads()[p];
            assertEquals(numeric, analytic, 1e-4 * Math.abs(numeric) + 1e-6, "parameter " + p);
            nonZero += Math.abs(numeric) > 1e-6 ? 1 : 0;
        }
        assertTrue(nonZero > theta.length / 2, "most gradients non-zero: " + nonZero);
    }

    private static double centralDifference(final Mlp mlp, final double[] theta, final float[] x, final float[] y,
        final int p, final double h)
    {
        final double saved = theta[p];
        theta[p] = saved + h;
        final double plus = loss(mlp, theta, x, y);
        theta[p] = saved - h;
        final double minus = loss(mlp, theta, x, y);
        theta[p] = saved;
        return (plus - minus) / (2 * h);
    }

    /** L = Σ (pred − y)² / (2·rows) with a plain double-precision forward over the same parameter layout. */
    private static double loss(final Mlp mlp, final double[] theta, final float[] x, final float[] y)
    {
        double sum = 0;
        for (int r = 0; r < ROWS; r++)
        {
            double[] a = new double[SIZES[0]];
            for (int j = 0; j < a.length; j++)
            {
                a[j] = x[2 + r * SIZES[0] + j];
            }
            for (int l = 0; l < mlp.layerCount(); l++)
            {
                final Dense layer = mlp.layer(l);
                final double[] z = new double[layer.out()];
                for (int o = 0; o < layer.out(); o++)
                {
                    double s = theta[layer.biasOffset() + o];
                    for (int i = 0; i < layer.in(); i++)
                    {
                        s += a[i] * theta[layer.weightOffset() + i * layer.out() + o];
                    }
                    z[o] = layer.relu() ? Math.max(s, 0) : s;
                }
                a = z;
            }
            for (int o = 0; o < a.length; o++)
            {
                final double d = a[o] - y[1 + r * SIZES[3] + o];
                sum += d * d;
            }
        }
        return sum / (2 * ROWS);
    }
}
