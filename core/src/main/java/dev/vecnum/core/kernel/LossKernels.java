package dev.vecnum.core.kernel;

/**
 * Loss kernels over row-major blocks of logits or predictions: softmax, softmax cross-entropy with its gradient, row
 * argmax and the residual sum of squares. Arguments (shapes, ranges, labels, aliasing) are validated by
 * {@link dev.vecnum.core.Losses} before these run. Implementations are stateless, allocate nothing and are
 * thread-safe for disjoint outputs.
 */
public interface LossKernels
{
    /**
     * Mean over rows of −log softmax(logits row)[label], with the row maximum subtracted before exponentiating.
     * When {@code grad} is not null, writes grad[r, j] = (softmax(row r)[j] − [j = label r]) / rows. Each row is read
     * completely before its gradient row is written, so {@code grad} may be {@code logits} at the same offset.
     *
     * @param logits   rows×classes, row-major, at {@code logits[off..]}
     * @param off      offset of the first logit
     * @param rows     rows (≥ 1)
     * @param classes  classes per row (≥ 1)
     * @param labels   labels[labelOff + r] in [0, classes)
     * @param labelOff offset of the first label
     * @param grad     gradient output, rows×classes at {@code grad[gradOff..]}, or null for the loss alone
     * @param gradOff  offset of the gradient block
     * @return the mean loss
     */
    double softmaxCrossEntropy(float[] logits, int off, int rows, int classes, int[] labels, int labelOff,
        float[] grad, int gradOff);

    /**
     * out[r, j] = exp(x[r, j] − max_r) / Σ_k exp(x[r, k] − max_r) per row, with the row maximum subtracted first. Each
     * row is read before it is written, so {@code out} may be {@code x} at the same offset.
     *
     * @param x      rows×cols at {@code x[xOff..]}
     * @param xOff   offset of the block
     * @param rows   rows
     * @param cols   columns (≥ 1)
     * @param out    output rows×cols at {@code out[outOff..]}
     * @param outOff offset of the output
     */
    void softmax(float[] x, int xOff, int rows, int cols, float[] out, int outOff);

    /**
     * out[outOff + r] = the first column index of row r's largest value; a NaN counts as larger than every number
     * (numpy.argmax). Rows must have at least one column.
     *
     * @param x      rows×cols at {@code x[xOff..]}
     * @param xOff   offset of the block
     * @param rows   rows
     * @param cols   columns (≥ 1)
     * @param out    output, rows indices at {@code out[outOff..]}
     * @param outOff offset of the output
     */
    void argmax(float[] x, int xOff, int rows, int cols, int[] out, int outOff);

    /**
     * The number of rows whose argmax (as {@link #argmax}) equals the row's label.
     *
     * @param x        rows×cols at {@code x[xOff..]}
     * @param xOff     offset of the block
     * @param rows     rows
     * @param cols     columns (≥ 1)
     * @param labels   labels at {@code labels[labelOff..]}
     * @param labelOff offset of the first label
     * @return the count of correct predictions
     */
    int countCorrect(float[] x, int xOff, int rows, int cols, int[] labels, int labelOff);

    /**
     * r[i] = pred[i] − y[i] in float for i in [0, len), returning Σ r[i]² accumulated in double in index order (the
     * lesson's MSE numerator). {@code r} may be {@code pred} or {@code y} at the same offset.
     *
     * @param pred     predictions at {@code pred[predOff..]}
     * @param predOff  offset of the first prediction
     * @param y        targets at {@code y[yOff..]}
     * @param yOff     offset of the first target
     * @param r        residual output at {@code r[rOff..]}
     * @param rOff     offset of the first residual
     * @param len      element count
     * @return Σ (pred − y)² in double
     */
    double residualSumOfSquares(float[] pred, int predOff, float[] y, int yOff, float[] r, int rOff, int len);
}
