package dev.vecnum.nn;

import dev.vecnum.core.Activations;
import dev.vecnum.core.Matmul;
import dev.vecnum.core.Reductions;
import dev.vecnum.core.Vectors;

/**
 * One fully connected layer y = x·W + b (then ReLU for hidden layers) over a flat parameter array: W is stored
 * in×out row-major at {@link #weightOffset()}, b (length out) at {@link #biasOffset()}; gradients live at the same
 * offsets of a parallel gradient array. Holds no buffers: callers pass inputs, outputs and gradients. Immutable and
 * thread-safe; the arrays it writes are not.
 */
public final class Dense
{
    private final int in;
    private final int out;
    private final boolean relu;
    private final int weightOffset;
    private final int biasOffset;

    /**
     * @param in           input width
     * @param out          output width
     * @param relu         apply ReLU to the output (hidden layer) or not (linear output layer)
     * @param weightOffset offset of W (in×out) in the parameter array
     * @param biasOffset   offset of b (out) in the parameter array
     */
    public Dense(final int in, final int out, final boolean relu, final int weightOffset, final int biasOffset)
    {
        if (in <= 0 || out <= 0 || weightOffset < 0 || biasOffset < 0)
        {
            throw new IllegalArgumentException("Dense: in=" + in + " out=" + out + " weightOffset=" + weightOffset +
                " biasOffset=" + biasOffset);
        }
        this.in = in;
        this.out = out;
        this.relu = relu;
        this.weightOffset = weightOffset;
        this.biasOffset = biasOffset;
    }

    /**
     * Forward: y[rows×out] = x[rows×in]·W + b, then ReLU if this is a hidden layer (one fused core call).
     *
     * @param params parameter array holding W and b
     * @param x      input rows at {@code x[xOff..]}; must not be {@code y}
     * @param xOff   offset of the first input row
     * @param y      output rows, overwritten from offset 0
     * @param rows   number of rows
     */
    public void forward(final float[] params, final float[] x, final int xOff, final float[] y, final int rows)
    {
        if (relu)
        {
            Matmul.matmulBiasRelu(x, xOff, params, weightOffset, params, biasOffset, y, 0, rows, in, out);
        }
        else
        {
            Matmul.matmulBias(x, xOff, params, weightOffset, params, biasOffset, y, 0, rows, in, out);
        }
    }

    /**
     * Backward: G (the gradient with respect to this layer's output, rows×out) is first masked by H(y, 0) if this is
     * a hidden layer (in place); then dW = xᵀ·G and db = Σ of G over rows, both divided by rows when {@code perRow}
     * (the lesson's rule, for a loss whose gradient is per row: db is then the column mean), and, when {@code gradIn}
     * is not null, gradIn[rows×in] = G·Wᵀ with the current (pre-update) W.
     *
     * @param params parameter array holding W
     * @param grads  gradient array, dW and db overwritten at the parameter offsets
     * @param x      this layer's input rows at {@code x[xOff..]}
     * @param xOff   offset of the first input row
     * @param y      this layer's output rows (after ReLU), from offset 0
     * @param g      gradient with respect to the output, rows×out from offset 0; masked in place
     * @param gradIn gradient with respect to the input, rows×in from offset 0, overwritten; null to skip
     * @param rows   number of rows
     * @param perRow divide dW and db by rows (G is per row) or not (G is already divided by rows)
     */
    public void backward(
        final float[] params, final float[] grads, final float[] x, final int xOff, final float[] y, final float[] g,
        final float[] gradIn, final int rows, final boolean perRow)
    {
        if (relu)
        {
            Activations.reluBackward(g, y, 0, rows * out);
        }
        Matmul.matmulTransA(x, xOff, g, 0, grads, weightOffset, in, rows, out);
        if (perRow)
        {
            Vectors.scale(grads, weightOffset, in * out, 1f / rows);
            Reductions.columnMean(g, 0, rows, out, grads, biasOffset);
        }
        else
        {
            Reductions.columnSum(g, 0, rows, out, grads, biasOffset);
        }
        if (gradIn != null)
        {
            Matmul.matmulTransB(g, 0, params, weightOffset, gradIn, 0, rows, out, in);
        }
    }

    /**
     * @return input width
     */
    public int in()
    {
        return in;
    }

    /**
     * @return output width
     */
    public int out()
    {
        return out;
    }

    /**
     * @return true for a hidden (ReLU) layer
     */
    public boolean relu()
    {
        return relu;
    }

    /**
     * @return offset of W (in×out, row-major) in the parameter array
     */
    public int weightOffset()
    {
        return weightOffset;
    }

    /**
     * @return offset of b in the parameter array
     */
    public int biasOffset()
    {
        return biasOffset;
    }
}
