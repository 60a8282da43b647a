package dev.vecnum.core;

import dev.vecnum.core.kernel.ElementwiseKernels;
import dev.vecnum.core.kernel.Kernels;

/**
 * Activations and Heaviside masking over ranges of flat float arrays, in place or into an output range.
 *
 * <p>Arguments are validated before anything is written ({@link IllegalArgumentException} naming argument and sizes).
 * An output may coincide exactly with an input range (true in-place), never partially overlap it. Nothing is
 * allocated. Thread-safe for disjoint outputs.
 */
public final class Activations
{
    private static final ElementwiseKernels KERNELS = Kernels.ELEMENTWISE;

    private Activations()
    {
    }

    /**
     * In place x[i] = max(x[i], 0) for i in [off, off+len); NaN stays NaN.
     *
     * @param x   data
     * @param off first element
     * @param len element count
     */
    public static void relu(final float[] x, final int off, final int len)
    {
        Checks.range("relu", "x", x, off, len);
        KERNELS.relu(x, off, len);
    }

    /**
     * out[i] = H(x[i]) for i in [off, off+len), numpy.heaviside semantics: 0 for x &lt; 0, {@code valueAtZero} for
     * x = ±0, 1 for x &gt; 0, NaN for NaN. {@code out} may be {@code x} (in place).
     *
     * @param x           input
     * @param out         output, written in [off, off+len)
     * @param off         first element (same in both arrays)
     * @param len         element count
     * @param valueAtZero the value at zero
     */
    public static void heaviside(
        final float[] x, final float[] out, final int off, final int len, final float valueAtZero)
    {
        heaviside(x, off, out, off, len, valueAtZero);
    }

    /**
     * out[outOff+i] = H(x[xOff+i]) for i in [0, len), numpy.heaviside semantics.
     *
     * @param x           input
     * @param xOff        input offset
     * @param out         output
     * @param outOff      output offset
     * @param len         element count
     * @param valueAtZero the value at zero
     */
    public static void heaviside(
        final float[] x, final int xOff, final float[] out, final int outOff, final int len, final float valueAtZero)
    {
        Checks.range("heaviside", "x", x, xOff, len);
        Checks.range("heaviside", "out", out, outOff, len);
        Checks.noPartialOverlap("heaviside", "out", out, outOff, "x", x, xOff, len);
        KERNELS.heaviside(x, xOff, out, outOff, len, valueAtZero);
    }

    /**
     * ReLU backward (Heaviside masking), in place: grad[i] *= H(activated[i], 0) for i in [off, off+len). Gradient
     * passes where the layer output is positive, becomes 0 (times grad) where it is ≤ 0, NaN where it is NaN.
     *
     * @param grad      incoming gradient, overwritten
     * @param activated the layer's output after ReLU
     * @param off       first element (same in both arrays)
     * @param len       element count
     */
    public static void reluBackward(final float[] grad, final float[] activated, final int off, final int len)
    {
        reluBackward(grad, off, activated, off, len);
    }

    /**
     * ReLU backward with separate offsets: grad[gradOff+i] *= H(activated[actOff+i], 0).
     *
     * @param grad      incoming gradient, overwritten
     * @param gradOff   gradient offset
     * @param activated the layer's output after ReLU
     * @param actOff    activation offset
     * @param len       element count
     */
    public static void reluBackward(
        final float[] grad, final int gradOff, final float[] activated, final int actOff, final int len)
    {
        Checks.range("reluBackward", "grad", grad, gradOff, len);
        Checks.range("reluBackward", "activated", activated, actOff, len);
        Checks.noPartialOverlap("reluBackward", "grad", grad, gradOff, "activated", activated, actOff, len);
        KERNELS.reluBackward(grad, gradOff, activated, actOff, len);
    }

    /**
     * In place x[i, j] = x[i, j] + bias[j] over a row-major rows×cols block, optionally followed by ReLU: the bias
     * epilogue of a dense layer when the product was computed separately.
     *
     * @param x       block at {@code x[xOff..]}, rows×cols, overwritten
     * @param xOff    offset of the block
     * @param rows    rows
     * @param cols    columns
     * @param bias    bias of length cols at {@code bias[biasOff..]}; must not be {@code x}
     * @param biasOff offset of bias
     * @param relu    apply ReLU after the add
     */
    public static void addBias(
        final float[] x, final int xOff, final int rows, final int cols, final float[] bias, final int biasOff,
        final boolean relu)
    {
        final String op = "addBias";
        Checks.nonNegative(op, "rows", rows);
        Checks.nonNegative(op, "cols", cols);
        Checks.range(op, "x", x, xOff, Checks.elements(op, "rows*cols", rows, cols));
        Checks.range(op, "bias", bias, biasOff, cols);
        Checks.notSameArray(op, "x", x, "bias", bias);
        KERNELS.addBiasRows(x, xOff, rows, cols, bias, biasOff, relu);
    }
}
