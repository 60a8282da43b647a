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
    /** Floats per float-accumulated block of {@link #sumOfSquares}; a multiple of 4 vectors on every shape. */
    private static final int SOS_BLOCK = 1024;

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
        // blocks of SOS_BLOCK floats summed in float lanes, each block widened to double: a float partial holds at
        // most SOS_BLOCK / (4 * LANES) squares, so its relative error stays near 1e-6 however long the array
        double sum = 0.0;
        int i = 0;
        for (; i + SOS_BLOCK <= len; i += SOS_BLOCK)
        {
            sum += blockSumOfSquares(x, off + i, SOS_BLOCK);
        }
        final int bound = SPECIES.loopBound(len - i);
        if (bound > 0)
        {
            sum += blockSumOfSquares(x, off + i, bound);
            i += bound;
        }
        // scalar tail
        return sum + SCALAR.sumOfSquares(x, off + i, len - i);
    }

    /** Σ x² over a block of whole vectors (len ≤ SOS_BLOCK, a multiple of LANES). */
    private static double blockSumOfSquares(final float[] x, final int off, final int len)
    {
        FloatVector acc0 = FloatVector.zero(SPECIES);
        FloatVector acc1 = FloatVector.zero(SPECIES);
        FloatVector acc2 = FloatVector.zero(SPECIES);
        FloatVector acc3 = FloatVector.zero(SPECIES);
        final int bound4 = len - len % (4 * LANES);
        int i = 0;
        for (; i < bound4; i += 4 * LANES)
        {
            final FloatVector v0 = FloatVector.fromArray(SPECIES, x, off + i);
            final FloatVector v1 = FloatVector.fromArray(SPECIES, x, off + i + LANES);
            final FloatVector v2 = FloatVector.fromArray(SPECIES, x, off + i + 2 * LANES);
            final FloatVector v3 = FloatVector.fromArray(SPECIES, x, off + i + 3 * LANES);
            acc0 = v0.fma(v0, acc0);
            acc1 = v1.fma(v1, acc1);
            acc2 = v2.fma(v2, acc2);
            acc3 = v3.fma(v3, acc3);
        }
        for (; i < len; i += LANES)
        {
            final FloatVector v = FloatVector.fromArray(SPECIES, x, off + i);
            acc0 = v.fma(v, acc0);
        }
        final FloatVector acc = acc0.add(acc1).add(acc2.add(acc3));
        // lanes in fixed order (not reduceLanes, whose order may differ between interpreter and JIT): deterministic
        double sum = 0.0;
        for (int k = 0; k < LANES; k++)
        {
            sum += acc.lane(k);
        }
        if (!Double.isFinite(sum))
        {
            // a float square or partial overflowed, or the data is non-finite: the double reference tells them apart
            return SCALAR.sumOfSquares(x, off, len);
        }
        return sum;
    }
}
