package dev.vecnum.examples.train;

import dev.vecnum.examples.data.DataSplit;
import dev.vecnum.nn.Init;
import dev.vecnum.nn.Loss;
import dev.vecnum.nn.Mlp;
import dev.vecnum.nn.train.BatchListener;
import dev.vecnum.nn.train.OptimizerConfig;
import dev.vecnum.nn.train.ParamOptimizer;
import dev.vecnum.nn.train.TrainingStep;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One training run put together: the model (inputs → hidden… → outputs), its initialization, the optimizer and the
 * loop, plus the epochs done so far. What a checkpoint saves and restores. Not thread-safe.
 */
public final class TrainingRun
{
    private final DataSplit data;
    private final Mlp mlp;
    private final ParamOptimizer optimizer;
    private final Trainer trainer;
    private final int batch;
    private final List<EpochResult> history = new ArrayList<>();

    /**
     * Builds and initializes the model.
     *
     * @param data   the splits
     * @param hidden hidden layer widths, each &gt; 0
     * @param init   initialization scheme
     * @param seed   seed for {@link Init#DEFAULT}
     * @param batch  rows per batch, &gt; 0
     * @param config optimizer hyperparameters
     */
    public TrainingRun(final DataSplit data, final int[] hidden, final Init init, final long seed, final int batch,
        final OptimizerConfig config)
    {
        this.data = data;
        this.batch = batch;
        final int[] sizes = new int[hidden.length + 2];
        sizes[0] = data.train().features();
        System.arraycopy(hidden, 0, sizes, 1, hidden.length);
        sizes[sizes.length - 1] = data.train().targets();
        mlp = new Mlp(sizes, batch);
        init.apply(mlp, seed);
        optimizer = new ParamOptimizer(config, mlp);
        trainer = new Trainer(new TrainingStep<>(mlp, Loss.MSE, optimizer), data.train(), data.valid(), batch);
    }

    /**
     * Trains the next epoch and records it.
     *
     * @param listener told after every batch
     * @return the epoch's record
     */
    public EpochResult nextEpoch(final BatchListener listener)
    {
        final EpochResult result = trainer.epoch(history.size(), listener);
        history.add(result);
        return result;
    }

    /**
     * @return MSE on the test split with the current parameters
     */
    public double testLoss()
    {
        return trainer.meanLoss(data.test());
    }

    /**
     * @return MSE on the valid split with the current parameters
     */
    public double validLoss()
    {
        return trainer.meanLoss(data.valid());
    }

    /**
     * @return MSE on the training split with the current parameters
     */
    public double trainLoss()
    {
        return trainer.meanLoss(data.train());
    }

    /**
     * @return the epochs done so far, in order; unmodifiable view
     */
    public List<EpochResult> history()
    {
        return Collections.unmodifiableList(history);
    }

    /**
     * Replaces the history (when resuming from a checkpoint).
     *
     * @param epochs the epochs done before
     */
    public void restoreHistory(final List<EpochResult> epochs)
    {
        history.clear();
        history.addAll(epochs);
    }

    /**
     * @return the model
     */
    public Mlp mlp()
    {
        return mlp;
    }

    /**
     * @return the optimizer
     */
    public ParamOptimizer optimizer()
    {
        return optimizer;
    }

    /**
     * @return batches per epoch
     */
    public int batchesPerEpoch()
    {
        return trainer.batchesPerEpoch();
    }

    /**
     * @return rows per batch
     */
    public int batch()
    {
        return batch;
    }
}
