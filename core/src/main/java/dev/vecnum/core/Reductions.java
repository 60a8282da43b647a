package dev.vecnum.core;

import dev.vecnum.core.kernel.Kernels;

/**
 * Row/column reductions over row-major blocks, e.g. the bias gradient (mean of G over the batch rows).
 * Validated before writing; no allocation; thread-safe for disjoint outputs.
 */
public final class Reductions
{
    private Reductions()
    {
    }

    /**
     * out[j] = (1/rows) · Σ_i x[i, j] over a row-major rows×cols block; rows are summed in order. With rows = 0 every
     * output is NaN, like numpy's mean over no rows.
     *
     * @param x      block at {@code x[xOff..]}, rows×cols
     * @param xOff   offset of the block
     * @param rows   rows (the batch size)
     * @param cols   columns
     * @param out    output of length cols at {@code out[outOff..]}; must not be {@code x}
     * @param outOff offset of the output
     */
    public static void columnMean(
        final float[] x, final int xOff, final int rows, final int cols, final float[] out, final int outOff)
    {
        checkColumns("columnMean", x, xOff, rows, cols, out, outOff);
        Kernels.ELEMENTWISE.columnSum(x, xOff, rows, cols, out, outOff, 1f / rows);
    }

    /**
     * out[j] = Σ_i x[i, j] over a row-major rows×cols block; rows are summed in order.
     *
     * @param x      block at {@code x[xOff..]}, rows×cols
     * @param xOff   offset of the block
     * @param rows   rows
     * @param cols   columns
     * @param out    output of length cols at {@code out[outOff..]}; must not be {@code x}
     * @param outOff offset of the output
     */
    public static void columnSum(
        final float[] x, final int xOff, final int rows, final int cols, final float[] out, final int outOff)
    {
        checkColumns("columnSum", x, xOff, rows, cols, out, outOff);
        Kernels.ELEMENTWISE.columnSum(x, xOff, rows, cols, out, outOff, 1f);
    }

    private static void checkColumns(
        final String op, final float[] x, final int xOff, final int rows, final int cols,
        final float[] out, final int outOff)
    {
        Checks.nonNegative(op, "rows", rows);
        Checks.nonNegative(op, "cols", cols);
        Checks.range(op, "x", x, xOff, Checks.elements(op, "rows*cols", rows, cols));
        Checks.range(op, "out", out, outOff, cols);
        Checks.notSameArray(op, "out", out, "x", x);
    }
}
