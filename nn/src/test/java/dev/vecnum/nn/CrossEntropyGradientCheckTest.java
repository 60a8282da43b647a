package dev.vecnum.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vecnum.nn.train.TrainingStep;
import org.junit.jupiter.api.Test;

/**
 * Checks the softmax cross-entropy training step's gradient (already divided by rows, so the layers do not divide
 * again) against central finite differences of L = mean over rows of −log softmax(z)[label] computed in double.
 * L is smooth, so the central difference has an O(h²) error (≈ 1e-7 at h = 1e-3 here, confirmed by h/2 agreeing);
 * the float32 analytic gradient is within a few 1e-7 relative. A missing or doubled 1/rows, a wrong sign or a
 * transposed term is off by far more than the 1e-3 relative + 1e-5 absolute allowed.
 */
class CrossEntropyGradientCheckTest
{
    private static final int[] SIZES = {6, 9, 7, 5};
    private static final int ROWS = 11;

    @Test
    void shouldMatchFiniteDifferencesForEveryParameter()
    {
        final Mlp mlp = new Mlp(SIZES, 16);
        Init.HE_UNIFORM.apply(mlp, 3);
        final NumpyRandom random = new NumpyRandom(11);
        final float[] x = new float[3 + ROWS * SIZES[0]];
        for (int i = 0; i < x.length; i++)
        {
            x[i] = (float) (random.nextDouble() * 2 - 1);
        }
        final int[] labels = new int[2 + ROWS];
        for (int i = 0; i < labels.length; i++)
        {
            labels[i] = (int) (random.nextDouble() * SIZES[3]);
        }
        final double value = new TrainingStep<>(mlp, Loss.SOFTMAX_CROSS_ENTROPY, null).gradient(x, 3, labels, 2, ROWS);
        final double[] theta = ReferenceForward.params(mlp);
        assertEquals(loss(mlp, theta, x, labels), value, 1e-5 * value, "batch loss");
        final int nonZero = ReferenceForward.assertGradient(mlp, theta, t -> loss(mlp, t, x, labels), 1e-5, 1e-2,
            1e-3, 1e-5);
        assertTrue(nonZero > theta.length / 2, "most gradients non-zero: " + nonZero);
    }

    private static double loss(final Mlp mlp, final double[] theta, final float[] x, final int[] labels)
    {
        double sum = 0;
        for (int r = 0; r < ROWS; r++)
        {
            final double[] z = ReferenceForward.row(mlp, theta, x, 3 + r * SIZES[0]);
            double max = Double.NEGATIVE_INFINITY;
            for (final double v : z)
            {
                max = Math.max(max, v);
            }
            double exp = 0;
            for (final double v : z)
            {
                exp += Math.exp(v - max);
            }
            sum += Math.log(exp) + max - z[labels[2 + r]];
        }
        return sum / ROWS;
    }
}
