package dev.vecnum.nn;

import dev.vecnum.core.optim.ParameterArena;

/**
 * A multi-layer perceptron: Dense layers with ReLU on every hidden layer and a linear output. The loss is not part of
 * the network: {@link dev.vecnum.nn.train.TrainingStep} puts a {@link Loss} between {@link #forward} and {@link #backward}.
 *
 * <p>All parameters live in one {@link ParameterArena}, <b>all weight matrices first, then all biases</b>, so weights and biases
 * are each one contiguous range (the lesson decays weights but not biases); gradients sit at the same offsets of a
 * parallel array. Activation and gradient buffers are allocated once for {@link #capacity()} rows; a training step
 * or an evaluation allocates nothing, and a short batch reuses the same buffers with fewer rows.
 *
 * <p>Not thread-safe: one model per thread.
 */
public final class Mlp
{
    private final int[] sizes;
    private final int capacity;
    private final Dense[] layers;
    private final ParameterArena arena;
    private final float[] params;
    private final float[] grads;
    private final int weightCount;
    private final float[][] outputs;
    private final float[][] outputGrads;

    /**
     * @param sizes    layer widths, input first: {3, 10, 10, 1} is 3→10 (ReLU) → 10→10 (ReLU) → 10→1
     * @param capacity the most rows one forward or training step handles (the batch size, or more)
     */
    public Mlp(final int[] sizes, final int capacity)
    {
        if (sizes.length < 2 || capacity <= 0)
        {
            throw new IllegalArgumentException("Mlp needs at least 2 sizes and capacity > 0, got " +
                java.util.Arrays.toString(sizes) + ", capacity " + capacity);
        }
        this.sizes = sizes.clone();
        this.capacity = capacity;
        final int count = sizes.length - 1;
        int weights = 0;
        for (int i = 0; i < count; i++)
        {
            weights += sizes[i] * sizes[i + 1];
        }
        weightCount = weights;
        layers = new Dense[count];
        outputs = new float[count][];
        outputGrads = new float[count][];
        final ParameterArena.Builder builder = ParameterArena.builder();
        for (int i = 0; i < count; i++)
        {
            builder.matrix(weightName(i), sizes[i], sizes[i + 1]);
        }
        for (int i = 0; i < count; i++)
        {
            builder.vector(biasName(i), sizes[i + 1]);
        }
        arena = builder.build();
        for (int i = 0; i < count; i++)
        {
            layers[i] = new Dense(sizes[i], sizes[i + 1], i < count - 1, arena.view(weightName(i)).offset(),
                arena.view(biasName(i)).offset());
            outputs[i] = new float[capacity * sizes[i + 1]];
            outputGrads[i] = new float[capacity * sizes[i + 1]];
        }
        params = arena.params();
        grads = arena.grads();
    }

    /**
     * Forward pass of up to {@link #capacity()} rows; the result stays valid until the next call.
     *
     * @param x    inputs at {@code x[xOff..]}, rows × inputs
     * @param xOff offset of the first input row
     * @param rows rows, 1 … capacity
     * @return the output buffer, rows × outputs from offset 0 (longer than that; owned by the model)
     */
    public float[] forward(final float[] x, final int xOff, final int rows)
    {
        checkRows(rows);
        for (int i = 0; i < layers.length; i++)
        {
            layers[i].forward(params, i == 0 ? x : outputs[i - 1], i == 0 ? xOff : 0, outputs[i], rows);
        }
        return outputs[layers.length - 1];
    }

    /**
     * Backward pass after {@link #forward} of the same rows, from the gradient with respect to the output that the
     * caller wrote into {@link #outputGradient()}: overwrites {@link #grads()} with the gradients of every weight and
     * bias (divided by rows when {@code perRow}, see {@link Dense#backward}); does not update the parameters.
     * Allocates nothing. The activation and gradient buffers are overwritten.
     *
     * @param x      the inputs given to {@link #forward}, at {@code x[xOff..]}
     * @param xOff   offset of the first input row
     * @param rows   the rows given to {@link #forward}
     * @param perRow whether the output gradient is per row (the layers then divide by rows) or already divided
     */
    public void backward(final float[] x, final int xOff, final int rows, final boolean perRow)
    {
        checkRows(rows);
        for (int i = layers.length - 1; i >= 0; i--)
        {
            final boolean first = i == 0;
            layers[i].backward(params, grads, first ? x : outputs[i - 1], first ? xOff : 0, outputs[i],
                outputGrads[i], first ? null : outputGrads[i - 1], rows, perRow);
        }
    }

    /**
     * The buffer a loss writes the output gradient into before {@link #backward}: rows × outputs from offset 0 (longer
     * than that; owned by the model, overwritten by every backward pass).
     *
     * @return the output-gradient buffer
     */
    public float[] outputGradient()
    {
        return outputGrads[layers.length - 1];
    }

    private void checkRows(final int rows)
    {
        if (rows <= 0 || rows > capacity)
        {
            throw new IllegalArgumentException("rows must be in 1.." + capacity + ", got " + rows);
        }
    }

    /**
     * @param layer layer index
     * @return the arena view name of its weight matrix, {@code w<layer>}
     */
    public static String weightName(final int layer)
    {
        return "w" + layer;
    }

    /**
     * @param layer layer index
     * @return the arena view name of its bias vector, {@code b<layer>}
     */
    public static String biasName(final int layer)
    {
        return "b" + layer;
    }

    /**
     * @return the parameter arena: views w0, w1, … (in×out each), then b0, b1, …
     */
    public ParameterArena arena()
    {
        return arena;
    }

    /**
     * @return the parameter array (weights of every layer, then biases of every layer); live, not a copy
     */
    public float[] params()
    {
        return params;
    }

    /**
     * @return the gradient array, parallel to {@link #params()}; live, not a copy
     */
    public float[] grads()
    {
        return grads;
    }

    /**
     * @return number of weights; they occupy [0, weightCount) of the parameter array, biases the rest
     */
    public int weightCount()
    {
        return weightCount;
    }

    /**
     * @return total number of parameters
     */
    public int parameterCount()
    {
        return params.length;
    }

    /**
     * @param i layer index, 0 = first
     * @return the layer (its offsets into {@link #params()})
     */
    public Dense layer(final int i)
    {
        return layers[i];
    }

    /**
     * @return number of Dense layers
     */
    public int layerCount()
    {
        return layers.length;
    }

    /**
     * @return the layer widths, input first (a copy)
     */
    public int[] sizes()
    {
        return sizes.clone();
    }

    /**
     * @return the most rows per forward or step
     */
    public int capacity()
    {
        return capacity;
    }

    /**
     * @return input width
     */
    public int inputWidth()
    {
        return sizes[0];
    }

    /**
     * @return output width
     */
    public int outputWidth()
    {
        return sizes[sizes.length - 1];
    }
}
