package dev.vecnum.nn;

/**
 * A training loss over the model's output rows: its batch value and the gradient handed to the output layer.
 * Implementations are stateless and thread-safe; they allocate nothing.
 *
 * @param <T> the target array: {@code float[]} (regression targets, rows × outputs, row-major) for {@link #MSE},
 *            {@code int[]} (one class label per row) for {@link #SOFTMAX_CROSS_ENTROPY}
 */
public interface Loss<T>
{
    /** The lesson's mean squared error (gradient pred − y per row; the layers divide by rows). */
    Loss<float[]> MSE = new MeanSquaredError();

    /** Softmax cross-entropy over class logits, labels in [0, outputs); gradient already divided by rows. */
    Loss<int[]> SOFTMAX_CROSS_ENTROPY = new SoftmaxCrossEntropy();

    /**
     * Computes the batch loss and writes its gradient with respect to the outputs.
     *
     * @param out       model outputs, rows × width row-major from offset 0
     * @param rows      batch rows, ≥ 1
     * @param width     outputs per row
     * @param targets   targets, {@link #targetsPerRow(int)} elements per row from {@code targetOff}
     * @param targetOff offset (in elements) of the first row's targets
     * @param grad      rows × width from offset 0, overwritten with the gradient; must not be {@code out}
     * @return the batch's mean loss (its mean over rows, and for MSE also over outputs)
     * @throws IllegalArgumentException if a target is out of range or the arrays are too short
     */
    double lossAndGradient(float[] out, int rows, int width, T targets, int targetOff, float[] grad);

    /**
     * Whether {@link #lossAndGradient} writes a per-row gradient (the lesson's MSE: pred − y), which the layers then
     * divide by the row count, or the gradient of the batch mean (already divided by rows).
     *
     * @return true for a per-row gradient
     */
    boolean perRowGradient();

    /**
     * @param width outputs per row
     * @return target elements per row: {@code width} for regression targets, 1 for class labels
     */
    int targetsPerRow(int width);

    /**
     * @return a short name for fingerprints and messages, e.g. {@code "mse"}
     */
    String name();
}
