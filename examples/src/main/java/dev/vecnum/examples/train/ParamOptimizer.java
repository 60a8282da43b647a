package dev.vecnum.examples.train;

import dev.vecnum.core.Optim;
import dev.vecnum.core.Vectors;
import java.util.List;

/**
 * Applies one optimizer update per batch to a model's flat parameter array, in two groups: the weights
 * [0, weightCount) and the biases [weightCount, n); weight decay applies to the weights only (as in the lesson).
 * Each update is one fused core kernel pass per group, after optional global gradient-norm clipping; nothing is
 * allocated per step.
 *
 * <p>The lesson writes momentum as v = β·v − lr·g; w += v. The core kernel uses torch's form v = β·v + g;
 * w −= lr·v, the same update for a constant lr.
 *
 * <p>Not thread-safe.
 */
public final class ParamOptimizer
{
    private final OptimizerConfig config;
    private final float[] params;
    private final float[] grads;
    private final int weightCount;
    private final float[] first;
    private final float[] second;
    private long step;

    /**
     * @param config      hyperparameters
     * @param params      parameters, updated in place by {@link #step()}
     * @param grads       gradients, parallel to params (may be scaled in place by clipping)
     * @param weightCount the weights are [0, weightCount), the biases the rest
     */
    public ParamOptimizer(final OptimizerConfig config, final float[] params, final float[] grads, final int weightCount)
    {
        if (params.length != grads.length || weightCount < 0 || weightCount > params.length)
        {
            throw new IllegalArgumentException("params " + params.length + ", grads " + grads.length +
                ", weightCount " + weightCount);
        }
        this.config = config;
        this.params = params;
        this.grads = grads;
        this.weightCount = weightCount;
        final boolean stateful = config.kind() != OptimizerConfig.Kind.SGD;
        final boolean adam = config.kind() == OptimizerConfig.Kind.ADAM || config.kind() == OptimizerConfig.Kind.ADAMW;
        first = stateful ? new float[params.length] : new float[0];
        second = adam ? new float[params.length] : new float[0];
    }

    /**
     * Advances the step counter (the first step is 1), clips the gradients if configured, and updates the
     * parameters with the scheduled learning rate.
     *
     * @return the learning rate used
     */
    public double step()
    {
        step++;
        final double lr = config.schedule().at(step);
        if (config.clipNorm() > 0)
        {
            final double norm = Math.sqrt(Vectors.sumOfSquares(grads, 0, grads.length));
            if (norm > config.clipNorm())
            {
                Vectors.scale(grads, 0, grads.length, (float) (config.clipNorm() / norm));
            }
        }
        update(0, weightCount, (float) lr, (float) config.weightDecay());
        update(weightCount, params.length - weightCount, (float) lr, 0f);
        return lr;
    }

    private void update(final int off, final int len, final float lr, final float weightDecay)
    {
        switch (config.kind())
        {
            case SGD -> Optim.sgd(params, grads, off, len, lr);
            case MOMENTUM -> Optim.momentum(params, grads, first, off, len, lr, (float) config.momentum(),
                config.nesterov());
            case ADAM, ADAMW -> Optim.adamw(params, grads, first, second, off, len, lr, (float) config.beta1(),
                (float) config.beta2(), (float) config.eps(), weightDecay, (int) step);
        }
    }

    /**
     * @return steps taken so far (the schedule position)
     */
    public long stepCount()
    {
        return step;
    }

    /**
     * The learning rate the next step would use.
     *
     * @return lr at step {@code stepCount() + 1}
     */
    public double nextLr()
    {
        return config.schedule().at(step + 1);
    }

    /**
     * @return the hyperparameters
     */
    public OptimizerConfig config()
    {
        return config;
    }

    /**
     * The optimizer's state arrays (velocity, or Adam's first and second moments), live, for checkpoints.
     *
     * @return the state arrays, possibly empty
     */
    public List<float[]> state()
    {
        return List.of(first, second);
    }

    /**
     * Restores the step counter; the state arrays are restored through {@link #state()}.
     *
     * @param steps steps taken so far
     */
    public void restoreStepCount(final long steps)
    {
        if (steps < 0)
        {
            throw new IllegalArgumentException("steps must be >= 0, got " + steps);
        }
        step = steps;
    }
}
