package dev.vecnum.core.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API loss kernels. A row is processed in three passes, each over full vectors up to
 * {@code SPECIES.loopBound(cols)} then a scalar tail: the row maximum; exp(x − max) by {@link VectorExp} (stored to
 * the output when there is one) with its sum; the output scaled by 1/sum. Sums run in float lanes and are added
 * lane by lane in double; elements equal to the maximum are counted apart from the others, so a confident row's
 * small loss log(count + rest) = log1p(count − 1 + rest) keeps its relative precision. Argmax, the correct count and
 * the residual sum of squares (exact, order-defined) are {@link ScalarLoss}'s. Only loaded when
 * {@code jdk.incubator.vector} is present (see {@link Kernels}).
 */
final class VectorLoss implements LossKernels
{
    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    private static final int LANES = SPECIES.length();
    private static final ScalarLoss SCALAR = ScalarLoss.INSTANCE;

    @Override
    public double softmaxCrossEntropy(
        final float[] logits, final int off, final int rows, final int classes, final int[] labels,
        final int labelOff, final float[] grad, final int gradOff)
    {
        final double invRows = 1.0 / rows;
        double total = 0.0;
        for (int r = 0; r < rows; r++)
        {
            final int row = off + r * classes;
            final int label = labels[labelOff + r];
            final float max = rowMax(logits, row, classes);
            // read before the row is overwritten: grad may be logits at the same offset
            final float labelLogit = logits[row + label];
            final int gradRow = gradOff + r * classes;
            total += logSumExpShifted(logits, row, classes, max, grad, gradRow, invRows) +
                ((double) max - labelLogit);
            if (grad != null)
            {
                grad[gradRow + label] -= (float) invRows;
            }
        }
        return total * invRows;
    }

    @Override
    public void softmax(final float[] x, final int xOff, final int rows, final int cols, final float[] out,
        final int outOff)
    {
        for (int r = 0; r < rows; r++)
        {
            final int row = xOff + r * cols;
            logSumExpShifted(x, row, cols, rowMax(x, row, cols), out, outOff + r * cols, 1.0);
        }
    }

    /**
     * log Σ_j exp(x[row + j] − max). When {@code out} is not null, also writes
     * out[outRow + j] = exp(x[row + j] − max) · scale / Σ; each x element is read before the same index of out is
     * written.
     */
    private static double logSumExpShifted(
        final float[] x, final int row, final int cols, final float max, final float[] out, final int outRow,
        final double scale)
    {
        final boolean store = out != null;
        final FloatVector vmax = FloatVector.broadcast(SPECIES, max);
        final FloatVector zero = FloatVector.zero(SPECIES);
        final FloatVector one = FloatVector.broadcast(SPECIES, 1f);
        final FloatVector log2e = FloatVector.broadcast(SPECIES, VectorExp.LOG2E);
        final FloatVector round = FloatVector.broadcast(SPECIES, VectorExp.ROUND);
        final FloatVector ln2Hi = FloatVector.broadcast(SPECIES, -VectorExp.LN2_HI);
        final FloatVector ln2Lo = FloatVector.broadcast(SPECIES, -VectorExp.LN2_LO);
        final FloatVector c2 = FloatVector.broadcast(SPECIES, VectorExp.C2);
        final FloatVector c3 = FloatVector.broadcast(SPECIES, VectorExp.C3);
        final FloatVector c4 = FloatVector.broadcast(SPECIES, VectorExp.C4);
        final FloatVector c5 = FloatVector.broadcast(SPECIES, VectorExp.C5);
        final FloatVector c6 = FloatVector.broadcast(SPECIES, VectorExp.C6);
        final FloatVector c7 = FloatVector.broadcast(SPECIES, VectorExp.C7);
        FloatVector below = zero;
        FloatVector ties = zero;
        final int bound = SPECIES.loopBound(cols);
        int j = 0;
        for (; j < bound; j += LANES)
        {
            final FloatVector d = FloatVector.fromArray(SPECIES, x, row + j).sub(vmax);
            // VectorExp.expNonPositive lane-wise (see there for the method and its error bound)
            final FloatVector t = d.fma(log2e, round);
            final FloatVector n = t.sub(round);
            final FloatVector r = n.fma(ln2Lo, n.fma(ln2Hi, d));
            FloatVector p = r.fma(c7, c6);
            p = p.fma(r, c5);
            p = p.fma(r, c4);
            p = p.fma(r, c3);
            p = p.fma(r, c2);
            p = p.fma(r, one);
            p = p.fma(r, one);
            final FloatVector twoToN = ((IntVector) t.reinterpretAsInts()).add(127).lanewise(VectorOperators.LSHL, 23)
                .reinterpretAsFloats();
            final FloatVector e = p.mul(twoToN).blend(zero, d.compare(VectorOperators.LT, VectorExp.UNDERFLOW));
            if (store)
            {
                e.intoArray(out, outRow + j);
            }
            // the maximum's exp(0) = 1 is counted, not added, so the rest keeps its precision next to it
            final VectorMask<Float> atMax = d.compare(VectorOperators.EQ, 0f);
            below = below.add(e.blend(zero, atMax));
            ties = ties.add(zero.blend(one, atMax));
        }
        // lanes in fixed order (reduceLanes' order may differ between interpreter and JIT): deterministic
        double rest = 0.0;
        double count = 0.0;
        for (int k = 0; k < LANES; k++)
        {
            rest += below.lane(k);
            count += ties.lane(k);
        }
        // scalar tail
        for (int t = j; t < cols; t++)
        {
            final float d = x[row + t] - max;
            final float e = VectorExp.expNonPositive(d);
            if (store)
            {
                out[outRow + t] = e;
            }
            if (d == 0f)
            {
                count += 1.0;
            }
            else
            {
                rest += e;
            }
        }
        if (store)
        {
            scaleRow(out, outRow, cols, (float) (scale / (count + rest)));
        }
        return Math.log1p(count - 1.0 + rest);
    }

    /** x[row + j] *= s for j in [0, cols). */
    private static void scaleRow(final float[] x, final int row, final int cols, final float s)
    {
        final int bound = SPECIES.loopBound(cols);
        int j = 0;
        for (; j < bound; j += LANES)
        {
            FloatVector.fromArray(SPECIES, x, row + j).mul(s).intoArray(x, row + j);
        }
        // scalar tail
        for (; j < cols; j++)
        {
            x[row + j] *= s;
        }
    }

    /** The largest of x[row .. row+cols) with {@link Math#max(float, float)} semantics (NaN if any is NaN). */
    private static float rowMax(final float[] x, final int row, final int cols)
    {
        final int bound = SPECIES.loopBound(cols);
        if (bound == 0)
        {
            return ScalarLoss.rowMax(x, row, cols);
        }
        FloatVector vmax = FloatVector.fromArray(SPECIES, x, row);
        for (int j = LANES; j < bound; j += LANES)
        {
            vmax = vmax.max(FloatVector.fromArray(SPECIES, x, row + j));
        }
        float max = Math.max(vmax.lane(0), ScalarLoss.rowMax(x, row + bound, cols - bound));
        for (int k = 1; k < LANES; k++)
        {
            max = Math.max(max, vmax.lane(k));
        }
        return max;
    }

    @Override
    public void argmax(final float[] x, final int xOff, final int rows, final int cols, final int[] out,
        final int outOff)
    {
        SCALAR.argmax(x, xOff, rows, cols, out, outOff);
    }

    @Override
    public int countCorrect(final float[] x, final int xOff, final int rows, final int cols, final int[] labels,
        final int labelOff)
    {
        return SCALAR.countCorrect(x, xOff, rows, cols, labels, labelOff);
    }

    @Override
    public double residualSumOfSquares(
        final float[] pred, final int predOff, final float[] y, final int yOff, final float[] r, final int rOff,
        final int len)
    {
        // the double sum in index order defines the result bit for bit; the subtraction is one float op either way
        return SCALAR.residualSumOfSquares(pred, predOff, y, yOff, r, rOff, len);
    }
}
