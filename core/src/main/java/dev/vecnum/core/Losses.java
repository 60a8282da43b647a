package dev.vecnum.core;

import dev.vecnum.core.kernel.Kernels;
import dev.vecnum.core.kernel.LossKernels;

/**
 * Losses and the row operations a classifier needs around them, over row-major blocks of flat float arrays:
 * softmax cross-entropy with its gradient, row softmax, row argmax and the count of correct predictions, and the
 * lesson's squared error.
 *
 * <p>Every argument is validated before anything is written ({@link IllegalArgumentException} naming the argument,
 * the sizes, and for a bad label its index and value). An output may be its input at the same offset (in place);
 * any other overlap within one array is refused. Nothing is allocated. Thread-safe for disjoint outputs.
 *
 * <p>Exponentials are taken after subtracting each row's maximum, so finite logits never overflow (tested up to
 * |logit| = 1e30). The vector kernels use a float polynomial exponential (about 2 ulp, see the kernel package) and
 * float lane sums added in double; the scalar fallback computes in double. Both agree with a double-precision
 * reference to 1e-5 relative for the loss and 1e-6 absolute for the gradient. A row containing NaN, or +∞, or only
 * −∞, gives NaN for its loss and its outputs.
 */
public final class Losses
{
    private static final LossKernels KERNELS = Kernels.LOSS;

    private Losses()
    {
    }

    /**
     * Softmax cross-entropy of a batch and its gradient with respect to the logits: returns
     * (1/rows) · Σ_r −log softmax(logits row r)[labels[labelOff + r]] and writes
     * grad[r, j] = (softmax(row r)[j] − [j = label r]) / rows. With rows = 0 it returns NaN (the mean over no rows)
     * and writes nothing.
     *
     * @param logits   rows×classes, row-major, at {@code logits[off..]}
     * @param off      offset of the first logit
     * @param rows     rows (the batch size), ≥ 0
     * @param classes  classes per row, ≥ 1
     * @param labels   labels[labelOff .. labelOff + rows), each in [0, classes)
     * @param labelOff offset of the first label
     * @param grad     gradient output, rows×classes at {@code grad[gradOff..]}; may be {@code logits} at the same
     *                 offset (in place), must not otherwise overlap it
     * @param gradOff  offset of the gradient block
     * @return the mean loss over the rows
     */
    public static double softmaxCrossEntropy(
        final float[] logits, final int off, final int rows, final int classes, final int[] labels,
        final int labelOff, final float[] grad, final int gradOff)
    {
        final String op = "softmaxCrossEntropy";
        final int len = checkLabelled(op, logits, off, rows, classes, labels, labelOff);
        Checks.range(op, "grad", grad, gradOff, len);
        Checks.noPartialOverlap(op, "grad", grad, gradOff, "logits", logits, off, len);
        return KERNELS.softmaxCrossEntropy(logits, off, rows, classes, labels, labelOff, grad, gradOff);
    }

    /**
     * The softmax cross-entropy loss alone (as
     * {@link #softmaxCrossEntropy(float[], int, int, int, int[], int, float[], int)} without the gradient), for
     * evaluation. Writes nothing.
     *
     * @param logits   rows×classes, row-major, at {@code logits[off..]}
     * @param off      offset of the first logit
     * @param rows     rows, ≥ 0
     * @param classes  classes per row, ≥ 1
     * @param labels   labels[labelOff .. labelOff + rows), each in [0, classes)
     * @param labelOff offset of the first label
     * @return the mean loss over the rows (NaN for rows = 0)
     */
    public static double softmaxCrossEntropy(
        final float[] logits, final int off, final int rows, final int classes, final int[] labels,
        final int labelOff)
    {
        checkLabelled("softmaxCrossEntropy", logits, off, rows, classes, labels, labelOff);
        return KERNELS.softmaxCrossEntropy(logits, off, rows, classes, labels, labelOff, null, 0);
    }

    /**
     * Row softmax: out[r, j] = exp(x[r, j] − m_r) / Σ_k exp(x[r, k] − m_r) with m_r the row maximum. Each row sums
     * to 1 within float rounding.
     *
     * @param x      rows×cols, row-major, at {@code x[xOff..]}
     * @param xOff   offset of the block
     * @param rows   rows, ≥ 0
     * @param cols   columns, ≥ 0
     * @param out    output rows×cols at {@code out[outOff..]}; may be {@code x} at the same offset (in place), must
     *               not otherwise overlap it
     * @param outOff offset of the output
     */
    public static void softmax(
        final float[] x, final int xOff, final int rows, final int cols, final float[] out, final int outOff)
    {
        final String op = "softmax";
        final int len = checkBlock(op, "x", x, xOff, rows, "cols", cols, "rows*cols");
        Checks.range(op, "out", out, outOff, len);
        Checks.noPartialOverlap(op, "out", out, outOff, "x", x, xOff, len);
        if (cols > 0)
        {
            KERNELS.softmax(x, xOff, rows, cols, out, outOff);
        }
    }

    /**
     * Row argmax: out[outOff + r] = the first column index of row r's largest value (numpy.argmax: a NaN counts as
     * the largest, the first one wins).
     *
     * @param x      rows×cols, row-major, at {@code x[xOff..]}
     * @param xOff   offset of the block
     * @param rows   rows, ≥ 0
     * @param cols   columns, ≥ 1
     * @param out    output indices at {@code out[outOff .. outOff + rows)}
     * @param outOff offset of the output
     */
    public static void argmax(
        final float[] x, final int xOff, final int rows, final int cols, final int[] out, final int outOff)
    {
        final String op = "argmax";
        checkBlock(op, "x", x, xOff, rows, "cols", cols, "rows*cols");
        checkColumnsPositive(op, "cols", cols);
        Checks.range(op, "out", out, outOff, rows);
        KERNELS.argmax(x, xOff, rows, cols, out, outOff);
    }

    /**
     * The number of rows whose prediction (row argmax, as {@link #argmax}) equals the label: accuracy is this over
     * rows.
     *
     * @param logits   rows×classes, row-major, at {@code logits[off..]}
     * @param off      offset of the first logit
     * @param rows     rows, ≥ 0
     * @param classes  classes per row, ≥ 1
     * @param labels   labels[labelOff .. labelOff + rows), each in [0, classes)
     * @param labelOff offset of the first label
     * @return the count of correct predictions, in [0, rows]
     */
    public static int countCorrect(
        final float[] logits, final int off, final int rows, final int classes, final int[] labels,
        final int labelOff)
    {
        checkLabelled("countCorrect", logits, off, rows, classes, labels, labelOff);
        return KERNELS.countCorrect(logits, off, rows, classes, labels, labelOff);
    }

    /**
     * The lesson's squared error: writes the residual r[i] = pred[i] − y[i] (in float) for i in [0, len) and returns
     * Σ r[i]², each square and the sum in double, added in index order (the MSE is this over len; the gradient the
     * lesson passes to the last layer is the residual). Deterministic, identical on every kernel choice.
     *
     * @param pred     predictions at {@code pred[predOff..]}
     * @param predOff  offset of the first prediction
     * @param y        targets at {@code y[yOff..]}
     * @param yOff     offset of the first target
     * @param residual output at {@code residual[residualOff..]}; may be {@code pred} or {@code y} at the same offset,
     *                 must not otherwise overlap them
     * @param residualOff offset of the first residual
     * @param len      element count (rows × outputs), ≥ 0
     * @return Σ (pred − y)²
     */
    public static double residualSumOfSquares(
        final float[] pred, final int predOff, final float[] y, final int yOff, final float[] residual,
        final int residualOff, final int len)
    {
        final String op = "residualSumOfSquares";
        Checks.range(op, "pred", pred, predOff, len);
        Checks.range(op, "y", y, yOff, len);
        Checks.range(op, "residual", residual, residualOff, len);
        Checks.noPartialOverlap(op, "residual", residual, residualOff, "pred", pred, predOff, len);
        Checks.noPartialOverlap(op, "residual", residual, residualOff, "y", y, yOff, len);
        return KERNELS.residualSumOfSquares(pred, predOff, y, yOff, residual, residualOff, len);
    }

    /** Checks logits and labels; returns rows × classes. */
    private static int checkLabelled(
        final String op, final float[] logits, final int off, final int rows, final int classes,
        final int[] labels, final int labelOff)
    {
        final int len = checkBlock(op, "logits", logits, off, rows, "classes", classes, "rows*classes");
        checkColumnsPositive(op, "classes", classes);
        Checks.range(op, "labels", labels, labelOff, rows);
        Checks.labels(op, labels, labelOff, rows, classes);
        return len;
    }

    /**
     * Checks a rows×cols block of {@code name} at xOff; returns rows × cols. {@code product} names it in messages
     * ("rows*cols"): passed as a constant so the check builds no string.
     */
    private static int checkBlock(
        final String op, final String name, final float[] x, final int xOff, final int rows, final String colsName,
        final int cols, final String product)
    {
        Checks.nonNegative(op, "rows", rows);
        Checks.nonNegative(op, colsName, cols);
        final int len = Checks.elements(op, product, rows, cols);
        Checks.range(op, name, x, xOff, len);
        return len;
    }

    private static void checkColumnsPositive(final String op, final String name, final int cols)
    {
        if (cols < 1)
        {
            throw new IllegalArgumentException(op + ": " + name + " must be >= 1, got " + cols);
        }
    }
}
