package dev.vecnum.core.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API element-wise kernels. Each body runs full vectors up to {@code SPECIES.loopBound} and hands the tail to
 * {@link ScalarElementwise}, whose results it matches bit for bit. Only loaded when {@code jdk.incubator.vector} is
 * present (see {@link Kernels}).
 */
final class VectorElementwise implements ElementwiseKernels
{
    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    private static final int LANES = SPECIES.length();
    private static final ScalarElementwise SCALAR = ScalarElementwise.INSTANCE;

    @Override
    public void relu(final float[] x, final int off, final int len)
    {
        final int bound = SPECIES.loopBound(len);
        int i = 0;
        for (; i < bound; i += LANES)
        {
            FloatVector.fromArray(SPECIES, x, off + i).lanewise(VectorOperators.MAX, 0f).intoArray(x, off + i);
        }
        // scalar tail
        SCALAR.relu(x, off + i, len - i);
    }

    @Override
    public void heaviside(
        final float[] x, final int xOff, final float[] out, final int outOff, final int len, final float valueAtZero)
    {
        final FloatVector zero = FloatVector.zero(SPECIES);
        final FloatVector one = FloatVector.broadcast(SPECIES, 1f);
        final FloatVector atZero = FloatVector.broadcast(SPECIES, valueAtZero);
        final int bound = SPECIES.loopBound(len);
        int i = 0;
        for (; i < bound; i += LANES)
        {
            final FloatVector v = FloatVector.fromArray(SPECIES, x, xOff + i);
            heavisideOf(v, zero, one, atZero).intoArray(out, outOff + i);
        }
        // scalar tail
        SCALAR.heaviside(x, xOff + i, out, outOff + i, len - i, valueAtZero);
    }

    @Override
    public void reluBackward(
        final float[] grad, final int gradOff, final float[] activated, final int actOff, final int len)
    {
        final FloatVector zero = FloatVector.zero(SPECIES);
        final FloatVector one = FloatVector.broadcast(SPECIES, 1f);
        final int bound = SPECIES.loopBound(len);
        int i = 0;
        for (; i < bound; i += LANES)
        {
            final FloatVector h = heavisideOf(FloatVector.fromArray(SPECIES, activated, actOff + i), zero, one, zero);
            FloatVector.fromArray(SPECIES, grad, gradOff + i).mul(h).intoArray(grad, gradOff + i);
        }
        // scalar tail
        SCALAR.reluBackward(grad, gradOff + i, activated, actOff + i, len - i);
    }

    /** numpy.heaviside lane-wise: 1 above zero, atZero at ±0, 0 below, NaN for NaN. */
    private static FloatVector heavisideOf(
        final FloatVector v, final FloatVector zero, final FloatVector one, final FloatVector atZero)
    {
        final VectorMask<Float> positive = v.compare(VectorOperators.GT, 0f);
        final VectorMask<Float> isZero = v.compare(VectorOperators.EQ, 0f);
        final VectorMask<Float> isNaN = v.compare(VectorOperators.NE, v);
        return zero.blend(one, positive).blend(atZero, isZero).blend(v, isNaN);
    }

    @Override
    public void addBiasRows(
        final float[] x, final int xOff, final int rows, final int cols, final float[] bias, final int biasOff,
        final boolean relu)
    {
        if (cols < LANES)
        {
            SCALAR.addBiasRows(x, xOff, rows, cols, bias, biasOff, relu);
            return;
        }
        final int bound = SPECIES.loopBound(cols);
        for (int r = 0; r < rows; r++)
        {
            final int row = xOff + r * cols;
            int j = 0;
            for (; j < bound; j += LANES)
            {
                FloatVector v = FloatVector.fromArray(SPECIES, x, row + j)
                    .add(FloatVector.fromArray(SPECIES, bias, biasOff + j));
                if (relu)
                {
                    v = v.lanewise(VectorOperators.MAX, 0f);
                }
                v.intoArray(x, row + j);
            }
            // scalar tail: one row segment
            SCALAR.addBiasRows(x, row + j, 1, cols - j, bias, biasOff + j, relu);
        }
    }

    @Override
    public void columnSum(
        final float[] x, final int xOff, final int rows, final int cols, final float[] out, final int outOff,
        final float scale)
    {
        final int bound = SPECIES.loopBound(cols);
        int j = 0;
        for (; j < bound; j += LANES)
        {
            FloatVector sum = FloatVector.zero(SPECIES);
            for (int r = 0; r < rows; r++)
            {
                sum = sum.add(FloatVector.fromArray(SPECIES, x, xOff + r * cols + j));
            }
            sum.mul(scale).intoArray(out, outOff + j);
        }
        // scalar tail columns (no masked loads: they allocate on JDK 17 where C2 does not intrinsify them)
        ScalarElementwise.columnSums(x, xOff, rows, cols, j, cols, out, outOff, scale);
    }

    @Override
    public void scale(final float[] x, final int off, final int len, final float s)
    {
        final int bound = SPECIES.loopBound(len);
        int i = 0;
        for (; i < bound; i += LANES)
        {
            FloatVector.fromArray(SPECIES, x, off + i).mul(s).intoArray(x, off + i);
        }
        // scalar tail
        SCALAR.scale(x, off + i, len - i, s);
    }

    @Override
    public double sumOfSquares(final float[] x, final int off, final int len)
    {
        // float lanes would lose precision on long arrays; widen per element as the scalar reference does
        return SCALAR.sumOfSquares(x, off, len);
    }
}
