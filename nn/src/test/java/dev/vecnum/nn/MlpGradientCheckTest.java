package dev.vecnum.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vecnum.nn.train.TrainingStep;
import org.junit.jupiter.api.Test;

/**
 * Checks {@link TrainingStep#gradient} (forward, loss, {@link Mlp#backward}) against central finite differences of a
 * double-precision reference forward, for the lesson's MSE and for softmax cross-entropy.
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
        final double mse = new TrainingStep<>(mlp, Loss.MSE, null).gradient(x, 2, y, 1, ROWS);
        final double[] theta = ReferenceForward.params(mlp);
        assertEquals(2 * loss(mlp, theta, x, y) / SIZES[3], mse, 1e-5 * mse, "batch MSE");
        final int nonZero = ReferenceForward.assertGradient(mlp, theta, t -> loss(mlp, t, x, y), 1e-9, 1, 1e-4, 1e-6);
        assertTrue(nonZero > theta.length / 2, "most gradients non-zero: " + nonZero);
    }

    /** L = Σ (pred − y)² / (2·rows) with a plain double-precision forward over the same parameter layout. */
    private static double loss(final Mlp mlp, final double[] theta, final float[] x, final float[] y)
    {
        double sum = 0;
        for (int r = 0; r < ROWS; r++)
        {
            final double[] a = ReferenceForward.row(mlp, theta, x, 2 + r * SIZES[0]);
            for (int o = 0; o < a.length; o++)
            {
                final double d = a[o] - y[1 + r * SIZES[3] + o];
                sum += d * d;
            }
        }
        return sum / (2 * ROWS);
    }
}
