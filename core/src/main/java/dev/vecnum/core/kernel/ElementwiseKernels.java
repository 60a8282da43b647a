package dev.vecnum.core.kernel;

/**
 * Element-wise and row/column kernels over flat row-major float arrays: activations, Heaviside masking, bias
 * epilogues and reductions. Arguments are validated by the public API before these run.
 * Implementations are stateless and thread-safe for disjoint outputs.
 */
public interface ElementwiseKernels
{
    /**
     * x[i] = max(x[i], 0) for i in [off, off+len), with {@link Math#max(float, float)} semantics (NaN stays NaN).
     *
     * @param x   data, in place
     * @param off first element
     * @param len element count
     */
    void relu(float[] x, int off, int len);

    /**
     * out[outOff+i] = H(x[xOff+i]) with numpy.heaviside semantics: 0 below zero, {@code valueAtZero} at ±0, 1 above,
     * NaN for NaN.
     *
     * @param x           input
     * @param xOff        input offset
     * @param out         output (may be x at the same offset)
     * @param outOff      output offset
     * @param len         element count
     * @param valueAtZero H(0)
     */
    void heaviside(float[] x, int xOff, float[] out, int outOff, int len, float valueAtZero);

    /**
     * grad[gradOff+i] *= H(activated[actOff+i], 0): the ReLU backward mask (NaN activations give NaN).
     *
     * @param grad     gradient, in place
     * @param gradOff  gradient offset
     * @param activated layer output after ReLU
     * @param actOff   activation offset
     * @param len      element count
     */
    void reluBackward(float[] grad, int gradOff, float[] activated, int actOff, int len);

    /**
     * x[i, j] += bias[j] for a row-major rows×cols block, then optionally ReLU.
     *
     * @param x       block, in place
     * @param xOff    block offset
     * @param rows    rows
     * @param cols    columns
     * @param bias    bias vector of length cols
     * @param biasOff bias offset
     * @param relu    apply max(·, 0) after the add
     */
    void addBiasRows(float[] x, int xOff, int rows, int cols, float[] bias, int biasOff, boolean relu);

    /**
     * out[j] = scale · Σ_i x[i, j] over a row-major rows×cols block, summing rows in order.
     *
     * @param x      block
     * @param xOff   block offset
     * @param rows   rows
     * @param cols   columns
     * @param out    output of length cols
     * @param outOff output offset
     * @param scale  factor applied to each column sum
     */
    void columnSum(float[] x, int xOff, int rows, int cols, float[] out, int outOff, float scale);

    /**
     * x[i] *= s.
     *
     * @param x   data, in place
     * @param off first element
     * @param len element count
     * @param s   factor
     */
    void scale(float[] x, int off, int len, float s);

    /**
     * Σ x[i]² with a double result. The scalar reference squares and adds in double, element by element; the vector
     * version sums blocks of floats in float lanes (relative error about 1e-6) and adds the blocks in double. Both are
     * deterministic functions of (x, off, len), and the result is finite exactly when every element is.
     *
     * @param x   data
     * @param off first element
     * @param len element count
     * @return the sum of squares
     */
    double sumOfSquares(float[] x, int off, int len);
}
