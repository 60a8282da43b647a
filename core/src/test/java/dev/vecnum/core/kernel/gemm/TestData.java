package dev.vecnum.core.kernel.gemm;

import java.util.Random;

import jdk.incubator.vector.FloatVector;

/** Random operands, the double-precision reference product and assertions shared by the GEMM tests. */
public final class TestData
{
    static final int LANES = FloatVector.SPECIES_PREFERRED.length();

    private TestData()
    {
    }

    static float[] random(final Random rnd, final int n)
    {
        final float[] x = new float[n];
        for (int i = 0; i < n; i++)
        {
            x[i] = rnd.nextFloat() * 2f - 1f;
        }
        return x;
    }

    /** A(i,p) for form 0 (A·B), 1 (Aᵀ·B, A stored k×m) and 2 (A·Bᵀ). */
    public static float aAt(final int form, final float[] a, final int aOff, final int i, final int p, final int m, final int k)
    {
        return form == 1 ? a[aOff + p * m + i] : a[aOff + i * k + p];
    }

    /** B(p,j) for form 0, 1 and 2 (B stored n×k). */
    public static float bAt(final int form, final float[] b, final int bOff, final int p, final int j, final int k, final int n)
    {
        return form == 2 ? b[bOff + j * k + p] : b[bOff + p * n + j];
    }

    public static double[] reference(
        final int form, final float[] a, final int aOff, final float[] b, final int bOff,
        final int m, final int k, final int n)
    {
        final double[] c = new double[m * n];
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < n; j++)
            {
                double s = 0;
                for (int p = 0; p < k; p++)
                {
                    s += (double) aAt(form, a, aOff, i, p, m, k) * bAt(form, b, bOff, p, j, k, n);
                }
                c[i * n + j] = s;
            }
        }
        return c;
    }

    /** |got − ref| ≤ (k + 2)·6e-8·(1 + Σ|a·b| + |ref|) per element. */
    static void assertClose(
        final double[] ref, final int form, final float[] a, final int aOff, final float[] b, final int bOff,
        final float[] c, final int cOff, final int m, final int k, final int n, final String what)
    {
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < n; j++)
            {
                double magnitude = 1.0 + Math.abs(ref[i * n + j]);
                for (int p = 0; p < k; p++)
                {
                    magnitude += Math.abs((double) aAt(form, a, aOff, i, p, m, k) * bAt(form, b, bOff, p, j, k, n));
                }
                final double tol = (k + 2) * 6e-8 * magnitude;
                final double got = c[cOff + i * n + j];
                if (!(Math.abs(got - ref[i * n + j]) <= tol))
                {
                    throw new AssertionError(what + " m=" + m + " k=" + k + " n=" + n + " at (" + i + "," + j +
                        "): got " + got + " expected " + ref[i * n + j] + " tol " + tol);
                }
            }
        }
    }

    static void assertOutsideUntouched(final float[] before, final float[] after, final int off, final int len)
    {
        for (int i = 0; i < after.length; i++)
        {
            if ((i < off || i >= off + len) && Float.floatToRawIntBits(before[i]) != Float.floatToRawIntBits(after[i]))
            {
                throw new AssertionError("element " + i + " outside C [" + off + ", " + (off + len) +
                    ") changed from " + before[i] + " to " + after[i]);
            }
        }
    }

    static void assertBitIdentical(final float[] expected, final float[] actual, final String what)
    {
        for (int i = 0; i < expected.length; i++)
        {
            if (Float.floatToRawIntBits(expected[i]) != Float.floatToRawIntBits(actual[i]))
            {
                throw new AssertionError(what + ": differs at " + i + ": " + expected[i] + " vs " + actual[i]);
            }
        }
    }
}
