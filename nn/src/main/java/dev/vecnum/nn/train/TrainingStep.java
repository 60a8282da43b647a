package dev.vecnum.nn.train;

import dev.vecnum.nn.Loss;
import dev.vecnum.nn.Mlp;

/**
 * The one training step every front end runs (the lesson's {@code train}/{@code lesson}, {@code classify}, Spark):
 * forward, loss, backward into the arena's gradient array, and, separately or together, the optimizer step.
 *
 * <p>{@link #gradient} leaves the parameters alone and overwrites {@link Mlp#grads()}: a data-parallel trainer can sum
 * or average the gradient arrays of several steps and then call {@link #applyGradient()} (or {@link ParamOptimizer}
 * directly) once. {@link #step} is both. Nothing is allocated per call.
 *
 * <p>Not thread-safe: one instance (and one model) per thread.
 *
 * @param <T> the loss's target array type ({@code float[]} or {@code int[]}, see {@link Loss})
 */
public final class TrainingStep<T>
{
    private final Mlp mlp;
    private final Loss<T> loss;
    private final ParamOptimizer optimizer;

    /**
     * @param mlp       the model (its capacity bounds the rows per call)
     * @param loss      the loss put after the model's output
     * @param optimizer updates {@code mlp}'s parameters; null for a gradient-only step (e.g. a Spark executor)
     * @throws IllegalArgumentException if the optimizer was built for another model
     */
    public TrainingStep(final Mlp mlp, final Loss<T> loss, final ParamOptimizer optimizer)
    {
        if (optimizer != null && optimizer.arena() != mlp.arena())
        {
            throw new IllegalArgumentException("TrainingStep: the optimizer updates another model's arena");
        }
        this.mlp = mlp;
        this.loss = loss;
        this.optimizer = optimizer;
    }

    /**
     * Forward, loss and backward of one batch: overwrites the model's gradient array with the gradient of the batch's
     * mean loss (for the lesson's MSE: the lesson's gradients). The parameters are not changed.
     *
     * @param x         inputs at {@code x[xOff..]}, rows × inputs row-major
     * @param xOff      offset of the first input row
     * @param targets   targets at {@code targets[targetOff..]} ({@link Loss#targetsPerRow} per row)
     * @param targetOff offset of the first row's targets
     * @param rows      batch rows, 1 … capacity
     * @return the batch's mean loss
     */
    public double gradient(final float[] x, final int xOff, final T targets, final int targetOff, final int rows)
    {
        final float[] out = mlp.forward(x, xOff, rows);
        final double value = loss.lossAndGradient(out, rows, mlp.outputWidth(), targets, targetOff,
            mlp.outputGradient());
        mlp.backward(x, xOff, rows, loss.perRowGradient());
        return value;
    }

    /**
     * Updates the parameters from the model's gradient array (one optimizer step, advancing its schedule).
     *
     * @return the learning rate used
     * @throws IllegalStateException if this step has no optimizer
     */
    public double applyGradient()
    {
        if (optimizer == null)
        {
            throw new IllegalStateException("TrainingStep: gradient-only step has no optimizer");
        }
        return optimizer.step();
    }

    /**
     * {@link #gradient} then {@link #applyGradient()}.
     *
     * @param x         inputs at {@code x[xOff..]}, rows × inputs row-major
     * @param xOff      offset of the first input row
     * @param targets   targets at {@code targets[targetOff..]}
     * @param targetOff offset of the first row's targets
     * @param rows      batch rows, 1 … capacity
     * @return the batch's mean loss (before the update)
     */
    public double step(final float[] x, final int xOff, final T targets, final int targetOff, final int rows)
    {
        final double value = gradient(x, xOff, targets, targetOff, rows);
        applyGradient();
        return value;
    }

    /**
     * Mean loss over any number of rows with the current parameters, in chunks of the model's capacity (forward
     * only; the activation and output-gradient buffers are overwritten, the parameter gradients are not). Allocates
     * nothing.
     *
     * @param x         inputs at {@code x[xOff..]}
     * @param xOff      offset of the first input row
     * @param targets   targets at {@code targets[targetOff..]}
     * @param targetOff offset of the first row's targets
     * @param rows      rows, ≥ 1
     * @return the mean loss over all rows
     */
    public double meanLoss(final float[] x, final int xOff, final T targets, final int targetOff, final int rows)
    {
        if (rows <= 0)
        {
            throw new IllegalArgumentException("meanLoss: rows must be > 0, got " + rows);
        }
        final int in = mlp.inputWidth();
        final int width = mlp.outputWidth();
        final int perRow = loss.targetsPerRow(width);
        double weighted = 0;
        for (int from = 0; from < rows; from += mlp.capacity())
        {
            final int chunk = Math.min(mlp.capacity(), rows - from);
            final float[] out = mlp.forward(x, xOff + from * in, chunk);
            weighted += chunk * loss.lossAndGradient(out, chunk, width, targets, targetOff + from * perRow,
                mlp.outputGradient());
        }
        return weighted / rows;
    }

    /**
     * @return the model
     */
    public Mlp mlp()
    {
        return mlp;
    }

    /**
     * @return the loss
     */
    public Loss<T> loss()
    {
        return loss;
    }

    /**
     * @return the optimizer, or null for a gradient-only step
     */
    public ParamOptimizer optimizer()
    {
        return optimizer;
    }
}
