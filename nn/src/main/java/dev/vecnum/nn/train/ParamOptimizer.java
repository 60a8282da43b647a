package dev.vecnum.nn.train;

import dev.vecnum.core.optim.AdamW;
import dev.vecnum.core.optim.Momentum;
import dev.vecnum.core.optim.Optimizer;
import dev.vecnum.core.optim.ParamGroup;
import dev.vecnum.core.optim.ParameterArena;
import dev.vecnum.core.optim.Sgd;
import dev.vecnum.nn.Mlp;
import java.util.ArrayList;
import java.util.List;

/**
 * The training loop's view of core's optimizer object API ({@code dev.vecnum.core.optim}) over a model's parameter
 * arena: builds the configured optimizer, with the biases in their own group without weight decay for AdamW (as in
 * the lesson), the schedule and optional global gradient-norm clipping. One step is one fused pass per contiguous
 * range; nothing is allocated per step.
 *
 * <p>The lesson writes momentum as v = β·v − lr·g; w += v. Core uses torch's form v = β·v + g; w −= lr·v, the same
 * update for a constant lr.
 *
 * <p>Not thread-safe.
 */
public final class ParamOptimizer
{
    private final OptimizerConfig config;
    private final Optimizer optimizer;

    /**
     * @param config hyperparameters
     * @param mlp    the model whose arena is updated
     */
    public ParamOptimizer(final OptimizerConfig config, final Mlp mlp)
    {
        this.config = config;
        this.optimizer = build(config, mlp);
    }

    private static Optimizer build(final OptimizerConfig config, final Mlp mlp)
    {
        final double lr = config.schedule().lr();
        final Optimizer.Builder<?, ?> builder = switch (config.kind())
        {
            case SGD -> Sgd.builder(mlp.arena()).lr(lr);
            case MOMENTUM -> Momentum.builder(mlp.arena()).lr(lr).momentum(config.momentum())
                .nesterov(config.nesterov());
            case ADAM, ADAMW -> AdamW.builder(mlp.arena()).lr(lr).betas(config.beta1(), config.beta2())
                .eps(config.eps()).weightDecay(config.weightDecay()).group(biases(mlp));
        };
        builder.schedule(config.schedule().toCore());
        if (config.clipNorm() > 0)
        {
            builder.clipGradNorm(config.clipNorm());
        }
        return builder.build();
    }

    private static ParamGroup biases(final Mlp mlp)
    {
        final List<String> names = new ArrayList<>();
        for (int i = 0; i < mlp.layerCount(); i++)
        {
            names.add(Mlp.biasName(i));
        }
        return ParamGroup.of(names.toArray(String[]::new)).named("biases").weightDecay(0);
    }

    /**
     * Advances the step counter (the first step is 1) and updates the parameters from the arena's gradients.
     *
     * @return the learning rate used
     */
    public double step()
    {
        optimizer.step();
        return optimizer.lr();
    }

    /**
     * @return the learning rate of the most recent step (before the first step: the one step 1 will use)
     */
    public double lr()
    {
        return optimizer.lr();
    }

    /**
     * @return the arena this optimizer updates
     */
    public ParameterArena arena()
    {
        return optimizer.arena();
    }

    /**
     * The optimizer's state arrays, live and parallel to the arena's parameters, for averaging across replicas or
     * inspection: none for SGD, the velocity for momentum, the first and second moments for Adam/AdamW. Writing them
     * changes the next steps; the step counter is not among them (see {@link #saveState()}).
     *
     * @return the live state arrays (a new outer array, the same inner arrays)
     */
    public float[][] stateArrays()
    {
        if (optimizer instanceof AdamW adam)
        {
            return new float[][] {adam.firstMoment(), adam.secondMoment()};
        }
        if (optimizer instanceof Momentum momentum)
        {
            return new float[][] {momentum.velocity()};
        }
        return new float[0][];
    }

    /**
     * @return steps taken so far (the schedule position)
     */
    public long stepCount()
    {
        return optimizer.stepCount();
    }

    /**
     * @return the hyperparameters
     */
    public OptimizerConfig config()
    {
        return config;
    }

    /**
     * The optimizer's state (moments or velocity and the step counter) in core's versioned, checksummed format.
     *
     * @return the state bytes
     */
    public byte[] saveState()
    {
        return optimizer.saveState();
    }

    /**
     * Restores state written by {@link #saveState()} for the same arena and optimizer.
     *
     * @param state the state bytes
     * @throws IllegalArgumentException if the state does not fit this optimizer
     */
    public void loadState(final byte[] state)
    {
        optimizer.loadState(state);
    }
}
