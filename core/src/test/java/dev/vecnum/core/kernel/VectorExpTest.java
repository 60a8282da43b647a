package dev.vecnum.core.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.junit.jupiter.api.Test;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/** The polynomial exponential: its documented error bound, lane/scalar bit identity, and its edges. */
class VectorExpTest
{
    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    /** The bound VectorExp's javadoc states. */
    private static final double BOUND = 1e-7;

    @Test
    void shouldStayWithinTheDocumentedRelativeErrorOverTheWholeRange()
    {
        // every 97th float in [−86, 0] (about 11 million values) plus random ones
        double worst = 0;
        final int from = Float.floatToRawIntBits(-0f);
        final int to = Float.floatToRawIntBits(VectorExp.UNDERFLOW);
        for (int bits = from; bits <= to; bits += 97)
        {
            worst = Math.max(worst, relativeError(Float.intBitsToFloat(bits)));
        }
        final Random rnd = new Random(1);
        for (int i = 0; i < 1_000_000; i++)
        {
            worst = Math.max(worst, relativeError(rnd.nextFloat() * VectorExp.UNDERFLOW));
        }
        assertTrue(worst <= BOUND, "worst relative error " + worst);
        assertTrue(worst > 1e-8, "implausibly exact: " + worst);
    }

    private static double relativeError(final float d)
    {
        final double exact = Math.exp(d);
        return Math.abs(VectorExp.expNonPositive(d) - exact) / exact;
    }

    @Test
    void shouldGiveTheSameBitsInVectorLanesAsInTheScalarTail()
    {
        // softmax rows of LANES + (LANES − 1) values whose scalar tail repeats the first LANES − 1 values: the
        // vector lanes and the tail must produce identical outputs, so the lane-wise exp equals the scalar one
        final LossKernels vector = Kernels.vectorLoss();
        final Random rnd = new Random(2);
        final int lanes = SPECIES.length();
        final int cols = 2 * lanes - 1;
        final float[] special = {0f, -0f, VectorExp.UNDERFLOW, Math.nextDown(VectorExp.UNDERFLOW), -1e30f,
            Float.NEGATIVE_INFINITY, -1e-8f, -87.5f, -0.3465736f, -0.3465737f};
        final float[] x = new float[cols];
        final float[] out = new float[cols];
        for (int row = 0; row < 20_000; row++)
        {
            for (int k = 0; k < lanes - 1; k++)
            {
                final float d = switch ((row + k) % 5)
                {
                    case 0 -> rnd.nextFloat() * -90f;
                    case 1 -> -rnd.nextFloat();
                    case 2 -> (float) -Math.pow(10, rnd.nextInt(40) - 30);
                    case 3 -> special[rnd.nextInt(special.length)];
                    default -> rnd.nextFloat() * -1e5f;
                };
                x[k] = d;
                x[lanes + k] = d;
            }
            x[lanes - 1] = 0f; // the row maximum: the values above are the exponents themselves
            vector.softmax(x, 0, 1, cols, out, 0);
            for (int k = 0; k < lanes - 1; k++)
            {
                assertEquals(Float.floatToIntBits(out[k]), Float.floatToIntBits(out[lanes + k]), "d=" + x[k]);
            }
        }
    }

    @Test
    void shouldHandleEdges()
    {
        assertEquals(1f, VectorExp.expNonPositive(0f));
        assertEquals(1f, VectorExp.expNonPositive(-0f));
        assertTrue(Float.isNaN(VectorExp.expNonPositive(Float.NaN)));
        assertEquals(0f, VectorExp.expNonPositive(Float.NEGATIVE_INFINITY));
        assertEquals(0f, VectorExp.expNonPositive(-1e30f));
        assertEquals(0f, VectorExp.expNonPositive(Math.nextDown(VectorExp.UNDERFLOW)));
        final float smallest = VectorExp.expNonPositive(VectorExp.UNDERFLOW);
        assertTrue(smallest >= Float.MIN_NORMAL, "normal at the threshold: " + smallest);
        assertEquals(Math.exp(VectorExp.UNDERFLOW), smallest, 1e-6 * smallest);
        assertEquals((float) Math.exp(-1), VectorExp.expNonPositive(-1f), Math.ulp((float) Math.exp(-1)));
    }
}
