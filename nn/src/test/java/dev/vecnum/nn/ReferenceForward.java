package dev.vecnum.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.function.ToDoubleFunction;

/** A plain double-precision forward pass over an {@link Mlp}'s parameter layout, for gradient checks. */
final class ReferenceForward
{
    private ReferenceForward()
    {
    }

    /**
     * @param mlp   the model (its layer offsets)
     * @param theta parameters in double, same layout as {@link Mlp#params()}
     * @param x     inputs
     * @param xOff  offset of the row
     * @return the model's outputs for that row
     */
    static double[] row(final Mlp mlp, final double[] theta, final float[] x, final int xOff)
    {
        double[] a = new double[mlp.inputWidth()];
        for (int j = 0; j < a.length; j++)
        {
            a[j] = x[xOff + j];
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
        return a;
    }

    /**
     * @param mlp the model
     * @return a copy of the model's float parameters in double
     */
    static double[] params(final Mlp mlp)
    {
        final double[] theta = new double[mlp.parameterCount()];
        for (int i = 0; i < theta.length; i++)
        {
            theta[i] = mlp.params()[i];
        }
        return theta;
    }

    /**
     * Compares every entry of {@link Mlp#grads()} with the central difference of {@code loss} at h = 1e-3, after
     * checking it against h = 5e-4 (a kink crossed, or too coarse a step, makes them differ).
     *
     * @param mlp     the model whose gradient array holds the analytic gradient
     * @param theta   its parameters in double (changed and restored)
     * @param loss    the double-precision loss of a parameter vector
     * @param stepTol allowed |d(h) − d(h/2)| relative to max(floor, |d|)
     * @param floor   the floor for stepTol
     * @param rel     allowed relative error of the analytic gradient
     * @param abs     allowed absolute error of the analytic gradient
     * @return how many entries have |gradient| &gt; abs
     */
    static int assertGradient(final Mlp mlp, final double[] theta, final ToDoubleFunction<double[]> loss,
        final double stepTol, final double floor, final double rel, final double abs)
    {
        int nonZero = 0;
        for (int p = 0; p < theta.length; p++)
        {
            final double numeric = centralDifference(theta, loss, p, 1e-3);
            final double finer = centralDifference(theta, loss, p, 5e-4);
            assertEquals(numeric, finer, stepTol * Math.max(floor, Math.abs(numeric)), "kink crossed at parameter " + p);
            assertEquals(numeric, mlp.grads()[p], rel * Math.abs(numeric) + abs, "parameter " + p);
            nonZero += Math.abs(numeric) > abs ? 1 : 0;
        }
        return nonZero;
    }

    private static double centralDifference(final double[] theta, final ToDoubleFunction<double[]> loss, final int p,
        final double h)
    {
        final double saved = theta[p];
        theta[p] = saved + h;
        final double plus = loss.applyAsDouble(theta);
        theta[p] = saved - h;
        final double minus = loss.applyAsDouble(theta);
        theta[p] = saved;
        return (plus - minus) / (2 * h);
    }
}
